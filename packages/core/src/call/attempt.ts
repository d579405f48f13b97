/** The signed request of one attempt: fresh timestamp, current credentials. */
import { tc3Authorization } from '#runtime';
import { checkedCredentials, resolveCredentials } from '../credentials/source.js';
import type { HttpRequest } from '../runtime/contract.js';
import { UNSIGNED_AUTHORIZATION } from '../signer/tc3.js';
import type { Credentials } from '../types.js';
import type { PreparedCall } from './prepared.js';

export type { PreparedCall, SignatureMethod } from './prepared.js';

/** The credentials of one attempt (none for unsigned actions). */
export const credentialsFor = async (call: PreparedCall): Promise<Credentials | undefined> =>
  credentialsNow(call);

/**
 * `credentialsFor` without a promise when none is needed: unsigned actions, and static
 * credentials already checked by an earlier attempt (no await on the call path).
 */
export function credentialsNow(
  call: PreparedCall,
): Credentials | undefined | Promise<Credentials | undefined> {
  if (call.action.skipSign) return undefined;
  return (
    checkedCredentials(call.credentials) ??
    resolveCredentials(call.credentials, call.fallbackCredentials)
  );
}

/** Builds the signed headers of one attempt (fresh timestamp, current credentials). */
export async function signedHeaders(
  call: PreparedCall,
  credentials?: Credentials,
): Promise<Record<string, string>> {
  return signedHeadersNow(call, credentials ?? (await credentialsNow(call)));
}

/**
 * The signed headers of one attempt whose credentials are known (`undefined` only for
 * unsigned actions): a plain object where the runtime signs synchronously (node:crypto), a
 * promise with Web Crypto.
 */
export function signedHeadersNow(
  call: PreparedCall,
  creds: Credentials | undefined,
): Record<string, string> | Promise<Record<string, string>> {
  const host = call.url.host;
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'Content-Type': call.contentType,
    Host: host,
    'X-TC-Action': call.action.name,
    'X-TC-Version': call.service.version,
    'X-TC-Timestamp': String(timestamp),
    'X-TC-Language': call.language,
    'User-Agent': call.userAgent,
    'X-TC-RequestClient': call.requestClient,
    'Content-Length': String(call.body.byteLength),
  };
  if (call.region) headers['X-TC-Region'] = call.region;
  if (call.action.skipSign || !creds) {
    headers.Authorization = UNSIGNED_AUTHORIZATION;
    return headers;
  }
  if (creds.token) headers['X-TC-Token'] = creds.token;
  const authorization = tc3Authorization({
    secretId: creds.secretId,
    secretKey: creds.secretKey,
    service: call.service.service,
    host,
    method: call.method,
    path: call.path,
    query: call.query,
    contentType: call.contentType,
    body: call.body,
    timestamp,
  });
  // Synchronous on Node (no extra turn of the event loop); a promise with Web Crypto.
  if (typeof authorization === 'string') {
    headers.Authorization = authorization;
    return headers;
  }
  return (authorization as Promise<string>).then((value) => {
    headers.Authorization = value;
    return headers;
  });
}

/** The transport request of one attempt. */
export function httpRequest(call: PreparedCall, headers: Record<string, string>): HttpRequest {
  return {
    url: call.url,
    method: call.method,
    path: call.query ? `${call.path}?${call.query}` : call.path,
    headers,
    body: call.method === 'GET' ? undefined : call.body,
    timeoutMs: call.timeoutMs,
    signal: call.signal,
    agent: call.agent,
    maxResponseBytes: call.maxResponseBytes,
    label: `${call.service.service} ${call.action.name}`,
    assumedHttps: call.endpointWithoutScheme,
  };
}

/**
 * The signed transport request of one attempt. TC3 signs the prepared body; a legacy
 * signature method sends a form (body for POST, query for GET) with a fresh Nonce/Timestamp.
 */
export const signedRequest = async (
  call: PreparedCall,
  credentials: Credentials | undefined,
): Promise<HttpRequest> => signedRequestNow(call, credentials);

/**
 * `signedRequest` without a promise when TC3 signs synchronously (Node) with known
 * credentials; a promise for Web Crypto, a legacy signature method or credentials to resolve.
 */
export function signedRequestNow(
  call: PreparedCall,
  credentials: Credentials | undefined,
): HttpRequest | Promise<HttpRequest> {
  const method = call.signatureMethod;
  if (method && method !== 'TC3-HMAC-SHA256' && credentials) {
    // Loaded on first use: TC3 users never load the legacy signer.
    return import('./legacy-request.js').then((m) => m.legacyRequest(call, credentials, method));
  }
  const headers =
    credentials || call.action.skipSign ? signedHeadersNow(call, credentials) : signedHeaders(call);
  return headers instanceof Promise
    ? headers.then((h) => httpRequest(call, h))
    : httpRequest(call, headers);
}
