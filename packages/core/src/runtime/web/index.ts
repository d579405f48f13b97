/** Workers, edge functions, browsers: fetch, Web Crypto, no file system, no agents. */
export {
  hmacBase64,
  tc3Authorization,
  tc3AuthorizationSync,
  tc3CanonicalOf,
  tc3CanonicalSync,
  tc3Parts,
  tc3PartsAsync,
  utf8Bytes,
} from './crypto.js';
export { processEnv } from './env.js';
export { openHttp, readRest, sendHttp } from './transport.js';

// Only names the runtime in the User-Agent and in messages; the implementation is the same.
const g = globalThis as { navigator?: { userAgent?: string }; EdgeRuntime?: unknown };
export const RUNTIME_NAME: string =
  g.navigator?.userAgent === 'Cloudflare-Workers'
    ? 'workerd'
    : typeof g.EdgeRuntime === 'string'
      ? 'edge-light'
      : 'web';
export const RUNTIME_AGENT: string = RUNTIME_NAME;
export const TRANSPORT = 'fetch';
export const SUPPORTS_AGENT = false;
export const files = undefined;
export const proxyAgentFor = undefined;
