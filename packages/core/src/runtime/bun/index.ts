/**
 * Bun: its native fetch, node:crypto and node:fs (both native in Bun), process.env. Built from
 * the Node and web entries (not their modules) so that no runtime file needs a shared chunk.
 */
export {
  files,
  hmacBase64,
  tc3Authorization,
  tc3AuthorizationSync,
  tc3CanonicalOf,
  tc3CanonicalSync,
  tc3Parts,
  tc3PartsAsync,
  utf8Bytes,
} from '../node/index.js';
export { openHttp, readRest, sendHttp } from '../web/index.js';

export const RUNTIME_NAME = 'bun';
export const RUNTIME_AGENT = `bun/${(globalThis as { Bun?: { version?: string } }).Bun?.version ?? 'unknown'}`;
export const TRANSPORT = 'fetch';
export const SUPPORTS_AGENT = false;
export const processEnv = (): NodeJS.ProcessEnv => process.env;
export const proxyAgentFor = undefined;
