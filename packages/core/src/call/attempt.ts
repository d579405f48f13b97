/** What one attempt needs (built once per call) and the signed headers of an attempt. */
import type { Agent } from 'node:http';
import { type CredentialsSource, resolveCredentials } from '../credentials/source.js';
import type { HttpRequest } from '../runtime/node/transport.js';
import type { LegacySignatureMethod } from '../signer/legacy.js';
import { signTc3, UNSIGNED_AUTHORIZATION } from '../signer/tc3.js';
import type {
  ActionInfo,
  Credentials,
  CredentialsProvider,
  Language,
  ServiceInfo,
} from '../types.js';

/** `TC3-HMAC-SHA256` (default) or a legacy method (form body with Signature). */
export type SignatureMethod = 'TC3-HMAC-SHA256' | LegacySignatureMethod;

/** Everything one attempt needs; built once per call. */
export interface PreparedCall {
  readonly service: ServiceInfo;
  readonly action: ActionInfo;
  readonly url: URL;
  readonly method: 'POST' | 'GET';
  readonly path: string;
  readonly query: string;
  readonly contentType: string;
  /** The exact bytes sent (and hashed) on every attempt. */
  readonly body: Buffer;
  readonly input: object;
  readonly region: string | undefined;
  readonly language: Language;
  readonly timeoutMs: number;
  /** Longest silence between chunks of an event stream (ms). */
  readonly streamIdleTimeoutMs?: number | undefined;
  /** Largest answer (or single stream event) accepted, in bytes. */
  readonly maxResponseBytes?: number | undefined;
  /** The endpoint option was a bare host, so https was assumed (explains TLS failures). */
  readonly endpointWithoutScheme?: boolean | undefined;
  readonly signal: AbortSignal | undefined;
  readonly credentials: CredentialsSource | undefined;
  readonly fallbackCredentials?: CredentialsProvider | undefined;
  readonly agent: Agent | undefined;
  /** Proxy to tunnel through (when no agent is given); the client adds its agent. */
  readonly proxy?: URL | undefined;
  readonly userAgent: string;
  readonly requestClient: string;
  /** Attempts in all (1 = no retry). */
  readonly maxAttempts?: number | undefined;
  readonly signatureMethod?: SignatureMethod | undefined;
  /** JSON parser for responses; default: exact (bigint beyond 2^53). */
  readonly parseJson?: ((text: string) => unknown) | undefined;
}

/** The credentials of one attempt (none for unsigned actions). */
export function credentialsFor(call: PreparedCall): Promise<Credentials | undefined> {
  if (call.action.skipSign) return Promise.resolve(undefined);
  return resolveCredentials(call.credentials, call.fallbackCredentials);
}

/** Builds the signed headers of one attempt (fresh timestamp, current credentials). */
export async function signedHeaders(
  call: PreparedCall,
  credentials?: Credentials,
): Promise<Record<string, string>> {
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
  if (call.action.skipSign) {
    headers.Authorization = UNSIGNED_AUTHORIZATION;
    return headers;
  }
  const creds =
    credentials ?? (await resolveCredentials(call.credentials, call.fallbackCredentials));
  if (creds.token) headers['X-TC-Token'] = creds.token;
  headers.Authorization = signTc3({
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
  return headers;
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
export async function signedRequest(
  call: PreparedCall,
  credentials: Credentials | undefined,
): Promise<HttpRequest> {
  const method = call.signatureMethod;
  if (!method || method === 'TC3-HMAC-SHA256' || !credentials) {
    return httpRequest(call, await signedHeaders(call, credentials));
  }
  // Loaded on first use: TC3 users never load the legacy signer.
  return (await import('../signer/legacy.js')).legacyRequest(call, credentials, method);
}
