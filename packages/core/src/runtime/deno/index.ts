/** Deno: its native fetch, node:crypto and node:fs (Deno's Node layer), Deno.env. */
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
export { processEnv } from './env.js';

export const RUNTIME_NAME = 'deno';
export const RUNTIME_AGENT = `deno/${(globalThis as { Deno?: { version?: { deno?: string } } }).Deno?.version?.deno ?? 'unknown'}`;
export const TRANSPORT = 'fetch';
export const SUPPORTS_AGENT = false;
export const proxyAgentFor = undefined;
