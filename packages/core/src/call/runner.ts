/**
 * The attempts of one call: retries (retry.ts), hooks and logging (hooks.ts), and fresh
 * credentials after an expired token. Shared by plain and streaming calls.
 */

import { isRefreshable } from '../credentials/cache.js';
import type { Credentials } from '../types.js';
import { credentialsNow } from './attempt.js';
import {
  type CallEventBase,
  type Hooks,
  type Logger,
  type LogLevel,
  NOOP_OBSERVER,
  type Observer,
} from './observer.js';
import type { PreparedCall } from './prepared.js';
import {
  hasClientToken,
  type RetryBudget,
  type RetryOptions,
  type RetryResult,
  withRetry,
} from './retry.js';

/** Per-client retry and observability settings. */
export interface CallPolicy {
  /** A promise while the logger/hooks code is loading. */
  readonly observer: Observer | Promise<Observer>;
  readonly maxAttempts: number;
  readonly retry?: RetryOptions | undefined;
  readonly budget?: RetryBudget | undefined;
}

/** What one attempt knows about its place in the call. */
export interface AttemptContext {
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly callStartedAt: number;
  readonly observer: Observer;
}

/**
 * The observer for a client's `logger`, `hooks` and log level. Their code (hooks.ts) is a
 * dynamic import, so clients without them never load it.
 */
export function observerFor(
  logger?: Logger,
  hooks?: Hooks,
  level?: LogLevel,
): Observer | Promise<Observer> {
  if (!hooks && (level === 'off' || (!logger && !level))) return NOOP_OBSERVER;
  return import('./hooks.js').then((m) => m.createObserver(logger, hooks, level));
}

// Which credentials a failed attempt used, so an expired token invalidates exactly those.
const usedCredentials = new WeakMap<object, Credentials>();
// Which host a failed attempt was sent to (endpoint failover may change it between attempts).
const failedHosts = new WeakMap<object, string>();

/**
 * Runs one attempt with the call's credentials (none for unsigned actions) and records which
 * credentials a failure used. Shared by plain and streaming attempts.
 */
export async function withAttemptCredentials<T>(
  call: PreparedCall,
  run: (credentials: Credentials | undefined) => Promise<T>,
): Promise<T> {
  // No await for static credentials already checked (the common case).
  const pending = credentialsNow(call);
  const credentials = pending instanceof Promise ? await pending : pending;
  try {
    return await run(credentials);
  } catch (error) {
    if (typeof error === 'object' && error !== null) {
      if (credentials) usedCredentials.set(error, credentials);
      failedHosts.set(error, call.url.host);
    }
    throw error;
  }
}

/** The fields every hook event of this attempt carries. */
export function eventBase(call: PreparedCall, ctx: AttemptContext): CallEventBase {
  return {
    service: call.service.service,
    version: call.service.version,
    action: call.action.name,
    ...(call.region ? { region: call.region } : {}),
    attempt: ctx.attempt,
    maxAttempts: ctx.maxAttempts,
    callStartedAt: ctx.callStartedAt,
  };
}

/** Runs `once` until it succeeds or the failure must not (or may no longer) be retried. */
export async function runAttempts<T>(
  call: PreparedCall,
  once: (ctx: AttemptContext) => Promise<T>,
  policy: CallPolicy,
): Promise<RetryResult<T>> {
  const observer = policy.observer instanceof Promise ? await policy.observer : policy.observer;
  const maxAttempts = Math.max(1, call.maxAttempts ?? policy.maxAttempts);
  const callStartedAt = Date.now();
  const provider = call.credentials ?? call.fallbackCredentials;
  const refreshable = !call.action.skipSign && isRefreshable(provider);
  let attemptStartedAt = callStartedAt;
  return withRetry(
    (attempt) => {
      attemptStartedAt = Date.now();
      return once({ attempt, maxAttempts, callStartedAt, observer });
    },
    {
      maxAttempts,
      context: {
        readOnly: call.action.readOnly === true,
        idempotent: hasClientToken(call.input),
        // Only credentials that expire can be fetched anew; static or environment keys
        // (even with a token) cannot, so an expired token is not worth a second send.
        refreshableCredentials: refreshable
          ? (error: unknown) =>
              typeof error === 'object' &&
              error !== null &&
              usedCredentials.get(error)?.expiresAt !== undefined
          : false,
      },
      options: policy.retry,
      budget: policy.budget,
      signal: call.signal,
      onFailure: async (f) => {
        if (f.reason === 'expired-credentials' && refreshable && isRefreshable(provider)) {
          provider.invalidate(usedCredentials.get(f.error as object));
        }
        if (!observer.active) return;
        const ctx = { attempt: f.attempt, maxAttempts, callStartedAt, observer };
        await observer.onError({
          ...eventBase(call, ctx),
          error: f.error,
          ...(typeof f.error === 'object' && f.error !== null && failedHosts.has(f.error)
            ? { endpoint: failedHosts.get(f.error) }
            : {}),
          durationMs: Date.now() - attemptStartedAt,
          willRetry: f.willRetry,
          ...(f.willRetry ? { retryDelayMs: f.delayMs } : {}),
        });
      },
    },
  );
}
