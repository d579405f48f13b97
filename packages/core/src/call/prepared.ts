/** The shape of a call after preparation: what every attempt of it reuses. */
import type { CredentialsSource } from '../credentials/source.js';
import type { HttpAgent } from '../runtime/contract.js';
import type { LegacySignatureMethod } from '../signer/legacy.js';
import type { ActionInfo, CredentialsProvider, Language, ServiceInfo } from '../types.js';

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
  readonly body: Uint8Array;
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
  readonly agent: HttpAgent | undefined;
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
