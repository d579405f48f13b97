/** The legacy-signed request of one attempt (HmacSHA1 / HmacSHA256), loaded on first use. */
import { utf8Bytes } from '#runtime';
import type { HttpRequest } from '../runtime/contract.js';
import { LEGACY_CONTENT_TYPE, type LegacySignatureMethod, signLegacy } from '../signer/legacy.js';
import type { Credentials } from '../types.js';
import type { PreparedCall } from './prepared.js';

/**
 * The transport request of one attempt signed with a legacy method: a form (body for POST,
 * query for GET) with a fresh Nonce and Timestamp. The client loads this module on first use,
 * so TC3 users never load it.
 */
export async function legacyRequest(
  call: PreparedCall,
  credentials: Credentials,
  signatureMethod: LegacySignatureMethod,
): Promise<HttpRequest> {
  const signed = await signLegacy({
    ...credentials,
    signatureMethod,
    method: call.method,
    host: call.url.host,
    path: call.path,
    action: call.action.name,
    version: call.service.version,
    region: call.region,
    language: call.language,
    input: call.input,
    timestamp: Math.floor(Date.now() / 1000),
    nonce:
      1 + ((globalThis.crypto.getRandomValues(new Uint32Array(1))[0] as number) % (2 ** 31 - 2)),
  });
  const body = call.method === 'GET' ? undefined : utf8Bytes(signed.form);
  return {
    url: call.url,
    method: call.method,
    path: call.method === 'GET' ? `${call.path}?${signed.form}` : call.path,
    headers: {
      'Content-Type': LEGACY_CONTENT_TYPE,
      Host: call.url.host,
      'User-Agent': call.userAgent,
      'X-TC-RequestClient': call.requestClient,
      ...(body ? { 'Content-Length': String(body.byteLength) } : {}),
    },
    body,
    timeoutMs: call.timeoutMs,
    signal: call.signal,
    agent: call.agent,
    maxResponseBytes: call.maxResponseBytes,
    label: `${call.service.service} ${call.action.name}`,
    assumedHttps: call.endpointWithoutScheme,
  };
}
