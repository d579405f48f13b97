/** Node: node:http keep-alive transport, node:crypto, process.env, node:fs, proxy agents. */
import type { HttpAgent } from '../contract.js';

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
export { nodeFiles as files } from './files.js';
export { openHttp, readRest, sendHttp } from './transport.js';

export const RUNTIME_NAME = 'node';
export const RUNTIME_AGENT = `node/${process.versions.node}`;
export const TRANSPORT = 'node:http';
export const SUPPORTS_AGENT = true;

export const processEnv = (): NodeJS.ProcessEnv => process.env;

/** The tunnelling agent for a proxy; its code loads only when a proxy is configured. */
export const proxyAgentFor = async (
  url: URL,
  proxy: string | URL | undefined,
): Promise<HttpAgent | undefined> => (await import('./proxy-agent.js')).agentFor(url, { proxy });
