/** Name and version of this package, for User-Agent (a test keeps them equal to package.json). */
export const CORE_PACKAGE = '@scope/core';
export const CORE_VERSION = '0.1.0';
