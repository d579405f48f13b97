/**
 * Observability without a middleware stack: an optional logger and three hooks.
 *
 * Every event carries the action, the attempt number and timings. Events are built from
 * redacted copies (no Authorization, secret key or token ever reaches a hook or a log line).
 * A hook that throws does not break the call: the exception is reported to `logger.warn`.
 * Nothing is written to the console unless `logLevel` or `TENCENTCLOUD_SDK_LOG` asks for it.
 */

import { isSecretName, REDACTED, redact } from '../protocol/redact.js';
import { tc3CanonicalAsync } from '../signer/sign.js';
import {
  type CallEventBase,
  type Hooks,
  type Logger,
  type LogLevel,
  NOOP_OBSERVER,
  type Observer,
} from './observer.js';
import type { PreparedCall } from './prepared.js';

export type {
  AfterResponseEvent,
  BeforeRequestEvent,
  CallEventBase,
  ErrorEvent,
  Hooks,
  Logger,
  LogLevel,
  Observer,
} from './observer.js';

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
      const debug = logger?.debug;
      if (!debug) return;
      signedParts(call, headers).then(
        (parts) =>
          debug.call(
            logger,
            `${call.service.service}:${call.action.name} AuthFailure.SignatureFailure: what core signed (compare with the API Explorer's signature tool)`,
            parts,
          ),
        () => {},
      );
    },
  };
}

/**
 * The canonical request and string to sign of a TC3 attempt, rebuilt from what was sent
 * (same function as the signer). A GET query keeps its names; values of secret-named
 * parameters (`Password`, ...) are replaced.
 */
async function signedParts(call: PreparedCall, headers: Readonly<Record<string, string>>) {
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
  const parts = await tc3CanonicalAsync({
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
