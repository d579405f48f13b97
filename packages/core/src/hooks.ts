/**
 * Observability without a middleware stack: an optional logger and three hooks.
 *
 * Every event carries the action, the attempt number and timings. Events are built from
 * redacted copies (no Authorization, secret key or token ever reaches a hook or a log line).
 * A hook that throws does not break the call: the exception is reported to `logger.warn`.
 * Nothing is ever written to the console by core itself.
 */

import { NOOP_OBSERVER } from './call-runner.js';
import { redact } from './redact.js';

type LogFn = (message: string, details?: Record<string, unknown>) => void;

/** Any subset of the usual console-like methods (`console` itself, pino, winston all fit). */
export interface Logger {
  debug?: LogFn;
  info?: LogFn;
  warn?: LogFn;
  error?: LogFn;
}

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
  readonly httpStatus: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly requestId?: string;
  /** Duration of this attempt, in milliseconds. */
  readonly durationMs: number;
}

export interface ErrorEvent extends CallEventBase {
  /** The failure (its message is already free of secrets). */
  readonly error: unknown;
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
}

export function createObserver(logger?: Logger, hooks?: Hooks): Observer {
  if (!logger && !hooks) return NOOP_OBSERVER;
  const run = async (name: keyof Hooks, event: object): Promise<void> => {
    const hook = hooks?.[name] as ((e: object) => void | Promise<void>) | undefined;
    if (!hook) return;
    try {
      await hook.call(hooks, event);
    } catch (err) {
      logger?.warn?.(`hook ${name} threw`, { error: redact(err) });
    }
  };
  const label = (e: CallEventBase) =>
    `${e.service}:${e.action} attempt ${e.attempt}/${e.maxAttempts}`;
  // One function makes every outward value safe: the event a hook sees and the log details
  // are the same redacted copy (url included: `http://user:secret@host` loses the password).
  const safe = <T extends object>(e: T): T => {
    const { error, ...rest } = e as T & { error?: unknown };
    const copy = redact(rest, 8) as T;
    return Object.freeze(error === undefined ? copy : { ...copy, error });
  };
  return {
    active: true,
    async beforeRequest(e) {
      const event = safe(e);
      logger?.debug?.(`${label(e)} -> ${event.method} ${event.url}`, { headers: event.headers });
      await run('beforeRequest', event);
    },
    async afterResponse(e) {
      const event = safe(e);
      logger?.debug?.(`${label(e)} <- ${e.httpStatus} in ${e.durationMs} ms`, {
        requestId: event.requestId,
      });
      await run('afterResponse', event);
    },
    async onError(e) {
      // The error itself stays an instance (so `instanceof` works); its message and fields
      // are already free of secrets.
      const event = safe(e);
      const details = { error: redact(e.error), durationMs: e.durationMs };
      if (e.willRetry) {
        logger?.warn?.(`${label(e)} failed, retrying in ${e.retryDelayMs ?? 0} ms`, details);
      } else {
        logger?.info?.(`${label(e)} failed`, details);
      }
      await run('onError', event);
    },
  };
}
