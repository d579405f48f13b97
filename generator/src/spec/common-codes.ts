// The platform-wide error codes every action may return. @scope/core owns their registry; the
// generator reads it from core's source (the file imports nothing, so no build is needed before
// `pnpm generate`) to accept these codes in actionErrors and leave them out of each service's
// own registry. generator-hash.ts fingerprints that file too.
import { COMMON_ERRORS } from '../../../packages/core/src/errors/codes.js';

/** Core's registry file, relative to the repository root (for the generator's fingerprint). */
export const COMMON_CODES_SOURCE = 'packages/core/src/errors/codes.ts';

export const COMMON_ERROR_CODES: readonly string[] = Object.keys(COMMON_ERRORS);
export const COMMON_ERROR_SET: ReadonlySet<string> = new Set(COMMON_ERROR_CODES);
