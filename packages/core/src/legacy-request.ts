/**
 * The transport request of one attempt signed with a legacy method (HmacSHA256 / HmacSHA1):
 * a form (body for POST, query for GET) with a fresh Nonce and Timestamp. Loaded on first use,
 * so TC3 users never load it.
 */
import { randomInt } from 'node:crypto';
import type { PreparedCall } from './attempt.js';
import { LEGACY_CONTENT_TYPE, type LegacySignatureMethod, signLegacy } from './signer/legacy.js';
import type { HttpRequest } from './transport.js';
import type { Credentials } from './types.js';

export function legacyRequest(
  call: PreparedCall,
  credentials: Credentials,
  signatureMethod: LegacySignatureMethod,
): HttpRequest {
  const signed = signLegacy({
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
    nonce: randomInt(1, 2 ** 31 - 1),
  });
  const body = call.method === 'GET' ? undefined : Buffer.from(signed.form, 'utf8');
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
  };
}
