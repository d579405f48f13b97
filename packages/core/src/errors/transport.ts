/** Failures that are not API errors: none of these is a TencentCloudError. */
import type { HttpRequest } from '../runtime/contract.js';
import { CLASS_BRAND, SdkError, type SdkErrorOptions } from './base.js';

export interface SentOptions extends SdkErrorOptions {
  /** Whether the request may have reached the server (and so may have taken effect). */
  readonly sent: boolean;
}

/** The connection failed (refused, reset, DNS, TLS, dropped mid-response). */
export class NetworkError extends SdkError {
  static override readonly [CLASS_BRAND]: string = 'NetworkError';
  readonly sent: boolean;
  /** Node's error code when there is one, e.g. `ECONNRESET`. */
  readonly errno: string | undefined;
  constructor(message: string, options: SentOptions & { readonly errno?: string | undefined }) {
    super(message, options);
    this.sent = options.sent;
    this.errno = options.errno;
    this.retryable = !options.sent;
  }
}

/** One attempt took longer than its timeout. */
export class TimeoutError extends SdkError {
  static override readonly [CLASS_BRAND]: string = 'TimeoutError';
  readonly sent: boolean;
  readonly timeoutMs: number;
  constructor(message: string, options: SentOptions & { readonly timeoutMs: number }) {
    super(message, options);
    this.sent = options.sent;
    this.timeoutMs = options.timeoutMs;
    this.retryable = !options.sent;
  }
}

/** The caller's AbortSignal fired; `cause` is the signal's reason. */
export class AbortError extends SdkError {
  static override readonly [CLASS_BRAND]: string = 'AbortError';
}

/** The error a call rejects with when `signal` fires. */
export const abortError = (signal: AbortSignal | undefined): AbortError =>
  new AbortError('The call was aborted', { cause: signal?.reason });

/** What was wrong with an answer that is not a usable API envelope. */
export type ProtocolProblem =
  | 'empty'
  | 'html'
  | 'not-json'
  | 'no-envelope'
  | 'bad-error'
  | 'http-status'
  | 'no-request-id'
  | 'too-large'
  | 'stream-cut'
  | 'bad-event';

export interface ProtocolErrorOptions extends SdkErrorOptions {
  /** Default `no-envelope`. */
  readonly problem?: ProtocolProblem | undefined;
  readonly httpStatus: number;
  readonly contentType: string | undefined;
  /** Up to ~200 sanitized bytes of the body. */
  readonly bodySnippet: string;
  readonly requestId?: string | undefined;
  readonly traceId?: string | undefined;
}

/** The server answered, but not with a valid API envelope (gateway HTML, empty, truncated...). */
export class ProtocolError extends SdkError {
  static override readonly [CLASS_BRAND]: string = 'ProtocolError';
  readonly problem: ProtocolProblem;
  readonly httpStatus: number;
  readonly contentType: string | undefined;
  readonly bodySnippet: string;
  readonly requestId: string | undefined;
  /** The `X-TC-TraceId` response header, when the gateway sent one. */
  readonly traceId: string | undefined;
  constructor(message: string, options: ProtocolErrorOptions) {
    super(message, options);
    this.problem = options.problem ?? 'no-envelope';
    this.httpStatus = options.httpStatus;
    this.contentType = options.contentType;
    this.bodySnippet = options.bodySnippet;
    this.requestId = options.requestId;
    this.traceId = options.traceId;
    // A gateway 5xx may come after the backend ran the request: the retry layer decides
    // from httpStatus and whether the action is read-only, so the flag stays false here.
  }
}

/** No usable credentials; raised locally before any request is sent. */
export class CredentialsError extends SdkError {
  static override readonly [CLASS_BRAND]: string = 'CredentialsError';
}

export interface ConfigurationErrorOptions extends SdkErrorOptions {
  /** The option or input path at fault, e.g. `region`, `endpoint`, `input.Filters[0]`. */
  readonly option: string;
}

/**
 * A client option, call option, environment variable, profile entry or input that cannot be
 * used as given. Raised locally before anything is sent; the message names the option and
 * never holds the offending value when that value could be a secret.
 */
export class ConfigurationError extends SdkError {
  static override readonly [CLASS_BRAND]: string = 'ConfigurationError';
  readonly option: string;
  constructor(message: string, options: ConfigurationErrorOptions) {
    super(message, options);
    this.option = options.option;
  }
}

// The wording of the transport errors, the same whatever the runtime's HTTP stack. Kept in
// this module (which every entry reaches) so the runtime files need no chunk of their own.

/** `cvm DescribeInstances to cvm.tencentcloudapi.com`, the subject of every transport message. */
export const subject = (req: HttpRequest): string =>
  `${req.label ? `${req.label} to ` : ''}${req.url.host}`;

export function tooLarge(
  req: HttpRequest,
  status: number,
  contentType: string | undefined,
  what: string,
  max: number,
): ProtocolError {
  return new ProtocolError(
    `${subject(req)}: the response ${what}, more than maxResponseBytes (${max}); the connection was closed`,
    { problem: 'too-large', httpStatus: status, contentType, bodySnippet: '' },
  );
}

// What an error code means, in words a user can act on (Node's errno names; Bun reuses them).
const ERRNO: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ConnectionRefused: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed while writing',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPROTO: 'TLS handshake failed',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed (the server does not speak TLS?)',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'TLS handshake failed (the server does not speak TLS?)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate not trusted (self-signed)',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate not trusted (self-signed in chain)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate is for another host',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  // undici (fetch in Node) names its own failures.
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

/** Codes that mean no connection was made, so the request cannot have reached the server. */
export const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ConnectionRefused',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export function networkError(
  req: HttpRequest,
  err: (Error & { code?: string }) | undefined,
  sent: boolean,
  phase: 'sending' | 'reading',
  detail?: string,
  code?: string,
): NetworkError {
  const errno = code ?? err?.code;
  const what =
    (errno && Object.hasOwn(ERRNO, errno) ? ERRNO[errno] : undefined) ??
    detail ??
    (errno ? `network failure` : 'connection closed');
  const when =
    phase === 'reading'
      ? 'while reading the response'
      : sent
        ? 'after the request was sent'
        : 'before the request was sent';
  const tls = errno === 'EPROTO' || errno?.startsWith('ERR_SSL_');
  const hint =
    tls && req.assumedHttps
      ? `; the endpoint has no scheme, so https was used: write http://${req.url.host} if the server speaks plain HTTP`
      : '';
  return new NetworkError(`${subject(req)}: ${what} ${when}${errno ? ` (${errno})` : ''}${hint}`, {
    sent,
    errno,
    cause: err,
  });
}
