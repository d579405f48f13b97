/** Failures that are not API errors: none of these is a TencentCloudError. */
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
