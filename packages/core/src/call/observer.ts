/**
 * The types of observability (logger, hooks, events) and the no-op observer of a client
 * without them. The code that logs and runs hooks (hooks.ts) loads only when they are set.
 */
import type { PreparedCall } from './prepared.js';

type LogFn = (message: string, details?: Record<string, unknown>) => void;

/** Any subset of the usual console-like methods (`console` itself, pino, winston all fit). */
export interface Logger {
  debug?: LogFn;
  info?: LogFn;
  warn?: LogFn;
  error?: LogFn;
}

/** Lowest level written; `off` writes nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** What every event knows about the call and the attempt. */
export interface CallEventBase {
  readonly service: string;
  readonly version: string;
  readonly action: string;
  readonly region?: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** `Date.now()` when the call (first attempt) started. */
  readonly callStartedAt: number;
}

export interface BeforeRequestEvent extends CallEventBase {
  readonly method: string;
  readonly url: string;
  /** Request headers with secrets replaced by `[REDACTED]`. */
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
}

export interface AfterResponseEvent extends CallEventBase {
  /** Host that answered. */
  readonly endpoint?: string;
  readonly httpStatus: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly requestId?: string;
  /** Duration of this attempt, in milliseconds. */
  readonly durationMs: number;
}

export interface ErrorEvent extends CallEventBase {
  /** The failure (its message is already free of secrets). */
  readonly error: unknown;
  /** Host the failed attempt was sent to (with endpoint failover, the next may differ). */
  readonly endpoint?: string;
  readonly durationMs: number;
  /** True when core will try again after `retryDelayMs`. */
  readonly willRetry: boolean;
  readonly retryDelayMs?: number;
}

export interface Hooks {
  beforeRequest?(event: BeforeRequestEvent): void | Promise<void>;
  afterResponse?(event: AfterResponseEvent): void | Promise<void>;
  onError?(event: ErrorEvent): void | Promise<void>;
}

/** The one object the transport talks to; a no-op when neither logger nor hooks are set. */
export interface Observer {
  readonly active: boolean;
  beforeRequest(event: BeforeRequestEvent): Promise<void>;
  afterResponse(event: AfterResponseEvent): Promise<void>;
  onError(event: ErrorEvent): Promise<void>;
  /**
   * The API answered `AuthFailure.SignatureFailure` to a TC3-signed attempt: logs at debug
   * level what core signed (never the key or the signature).
   */
  signatureFailure?(call: PreparedCall, headers: Readonly<Record<string, string>>): void;
}

/** The observer of a client without logger and hooks. */
export const NOOP_OBSERVER: Observer = {
  active: false,
  beforeRequest: async () => {},
  afterResponse: async () => {},
  onError: async () => {},
};
