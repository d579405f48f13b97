/**
 * Observability without a middleware stack: an optional logger and three hooks.
 *
 * Every event carries the action, the attempt number and timings. Events are built from
 * redacted copies (no Authorization, secret key or token ever reaches a hook or a log line).
 * A hook that throws does not break the call: the exception is reported to `logger.warn`.
 * Nothing is written to the console unless `logLevel` or `TENCENTCLOUD_SDK_LOG` asks for it.
 */

import { isSecretName, REDACTED, redact } from '../protocol/redact.js';
import { tc3Canonical } from '../signer/tc3.js';
import type { PreparedCall } from './attempt.js';
import { NOOP_OBSERVER } from './runner.js';

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

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/**
 * The logger a client uses: the given one (or `console` when a level is set without one),
 * keeping only the methods at `level` or above. No level: the given logger as is.
 */
export function leveledLogger(
  logger: Logger | undefined,
  level: LogLevel | undefined,
): Logger | undefined {
  if (level === undefined) return logger;
  if (level === 'off') return undefined;
  const target: Logger = logger ?? console;
  const out: Logger = {};
  for (const name of LEVELS.slice(LEVELS.indexOf(level))) {
    const fn = target[name];
    if (fn) out[name] = (message, details) => fn.call(target, message, details);
  }
  return out;
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

export function createObserver(logger?: Logger, hooks?: Hooks, level?: LogLevel): Observer {
  logger = leveledLogger(logger, level);
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
    signatureFailure(call, headers) {
      if (!logger?.debug) return;
      logger.debug(
        `${call.service.service}:${call.action.name} AuthFailure.SignatureFailure: what core signed (compare with the API Explorer's signature tool)`,
        signedParts(call, headers),
      );
    },
  };
}

/**
 * The canonical request and string to sign of a TC3 attempt, rebuilt from what was sent
 * (same function as the signer). A GET query keeps its names; values of secret-named
 * parameters (`Password`, ...) are replaced.
 */
function signedParts(call: PreparedCall, headers: Readonly<Record<string, string>>) {
  const timestamp = Number(headers['X-TC-Timestamp']);
  const host = headers.Host ?? call.url.host;
  const query = call.query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      return eq >= 0 && isSecretName(name.replace(/\.\d+/g, '').split('.').pop() ?? '')
        ? `${pair.slice(0, eq)}=${encodeURIComponent(REDACTED)}`
        : pair;
    })
    .join('&');
  const parts = tc3Canonical({
    service: call.service.service,
    host,
    method: call.method,
    path: call.path,
    query: call.query,
    contentType: call.contentType,
    body: call.body,
    timestamp,
  });
  const secretId = /Credential=([^/,\s]+)\//.exec(headers.Authorization ?? '')?.[1];
  return {
    secretId,
    timestamp,
    credentialScope: parts.credentialScope,
    signedHeaders: parts.signedHeaders,
    canonicalRequest:
      query === call.query
        ? parts.canonicalRequest
        : parts.canonicalRequest.replace(`\n${call.query}\n`, `\n${query}\n`),
    stringToSign: parts.stringToSign,
  };
}
