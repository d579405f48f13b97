/**
 * Retries: which failures are retried (`retryReason`), how long to wait (exponential backoff
 * with full jitter, total delay bounded), and a client-wide token bucket (`RetryBudget`)
 * that stops retry storms while a service is down.
 *
 * The rule that matters most: a mutation is never retried once it may have taken effect,
 * unless its input carries an idempotency token (`ClientToken`).
 */

import { hasBrand } from '../errors/base.js';
import { classifyError, isTencentCloudError, type SdkError } from '../errors/index.js';
import { abortError } from '../errors/transport.js';

export interface RetryOptions {
  /** Attempts in all, first one included (1 = no retry). Default 3. */
  readonly maxAttempts?: number;
  /** Backoff base: the n-th retry waits a random time in [0, base * 2^(n-1)]. Default 100 ms. */
  readonly baseDelayMs?: number;
  /** Base used after throttling (`RequestLimitExceeded`, HTTP 429). Default 500 ms. */
  readonly throttledBaseDelayMs?: number;
  /** Cap on one wait. Default 5 s. */
  readonly maxDelayMs?: number;
  /** Cap on the sum of all waits of one call; no retry is started beyond it. Default 15 s. */
  readonly maxTotalDelayMs?: number;
  /** Source of jitter in [0, 1); injectable for tests. Default `Math.random`. */
  readonly random?: () => number;
  /** Waits `ms`; injectable for tests. Default: an abortable `setTimeout`. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Facts about the call that decide whether a failure may be retried. */
export interface RetryContext {
  /** The action has no side effects (Describe*, Get*, List*, Query*, Inquiry*). */
  readonly readOnly: boolean;
  /** The input carries an idempotency token, so repeating it cannot repeat the effect. */
  readonly idempotent: boolean;
  /**
   * The credentials the failed attempt used are temporary and can be fetched again (so an
   * expired token is worth a retry). A function decides per failure (which credentials it used).
   */
  readonly refreshableCredentials?: boolean | ((error: unknown) => boolean);
}

/** Why a failure is retried; `undefined` means it is not. */
export type RetryReason =
  | 'throttled'
  | 'not-sent'
  | 'server-error'
  | 'timeout'
  | 'network'
  | 'protocol'
  | 'expired-credentials';

/** True when `input.ClientToken` is a non-empty string. */
export function hasClientToken(input: unknown): boolean {
  const token = (input as { ClientToken?: unknown } | null)?.ClientToken;
  return typeof token === 'string' && token.length > 0;
}

/**
 * The retry decision, pure; the one place that decides whether a failure may be retried.
 * The retry loop follows it and the final error's `retryable` reports it.
 *
 * Any action:
 * - an envelope code the registry marks retryable (`RequestLimitExceeded` and refinements):
 *   the request was rejected before it was processed;
 * - a network failure or timeout before the request was sent (refused, DNS, TLS set-up);
 * - HTTP 429 without an envelope (the gateway turned the request away);
 * - expired temporary credentials (`AuthFailure.TokenFailure` / `SignatureExpire`) when the
 *   credentials used can be refreshed (they carry an expiry): once, with fresh ones.
 * Only read-only actions, or inputs with a `ClientToken`, since the request may have run:
 * - codes marked retryable-if-read-only (`InternalError`, `ServiceUnavailable`);
 * - HTTP 5xx without an envelope (a gateway 503 does not prove the backend did nothing);
 * - a timeout or network failure after sending; a 2xx body that is empty or cut short.
 * Never: an answer larger than `maxResponseBytes` (it would be as large again).
 */
export function retryReason(err: unknown, ctx: RetryContext): RetryReason | undefined {
  const safeToRepeat = ctx.readOnly || ctx.idempotent;
  if (isTencentCloudError(err)) {
    const cls = classifyError(err.code);
    if (cls.retryable) return cls.category === 'throttling' ? 'throttled' : 'server-error';
    if (err.is('AuthFailure.TokenFailure') || err.is('AuthFailure.SignatureExpire')) {
      const refresh = ctx.refreshableCredentials;
      const can = typeof refresh === 'function' ? refresh(err) : refresh === true;
      return can ? 'expired-credentials' : undefined;
    }
    if (cls.retryableIfReadOnly && safeToRepeat) return 'server-error';
    return undefined;
  }
  if (hasBrand(err, 'NetworkError') || hasBrand(err, 'TimeoutError')) {
    const { sent } = err as { sent: boolean };
    if (!sent) return 'not-sent';
    if (!safeToRepeat) return undefined;
    return hasBrand(err, 'TimeoutError') ? 'timeout' : 'network';
  }
  if (hasBrand(err, 'ProtocolError')) {
    const { httpStatus: status, problem } = err as { httpStatus: number; problem?: string };
    if (problem === 'too-large') return undefined;
    if (status === 429) return 'throttled';
    if (!safeToRepeat) return undefined;
    if (status >= 500) return 'server-error';
    if (status >= 200 && status < 300 && (problem === 'not-json' || problem === 'empty')) {
      return 'protocol';
    }
  }
  return undefined;
}

/** Boolean form of `retryReason`. */
export function shouldRetry(err: unknown, ctx: RetryContext): boolean {
  return retryReason(err, ctx) !== undefined;
}

/** Full-jitter wait before retry number `retry` (1 for the first retry). */
export function backoffDelay(retry: number, reason: RetryReason, opts: RetryOptions = {}): number {
  if (reason === 'expired-credentials') return 0;
  const base =
    reason === 'throttled' ? (opts.throttledBaseDelayMs ?? 500) : (opts.baseDelayMs ?? 100);
  const ceiling = Math.min(opts.maxDelayMs ?? 5_000, base * 2 ** (retry - 1));
  return Math.floor((opts.random ?? Math.random)() * ceiling);
}

export interface RetryBudgetOptions {
  /** Tokens when full. Default 500. */
  readonly capacity?: number;
  /** Tokens one retry takes. Default 5 (10 after a timeout). */
  readonly retryCost?: number;
  /** Tokens a first-attempt success gives back. Default 1. */
  readonly successReward?: number;
}

/**
 * Client-wide token bucket. Every retry takes tokens; successes give them back. While a
 * service is down every call fails, the bucket drains, and calls fail fast after one attempt
 * instead of multiplying the load.
 */
export class RetryBudget {
  readonly capacity: number;
  private readonly retryCost: number;
  private readonly successReward: number;
  private tokens: number;

  constructor(opts: RetryBudgetOptions = {}) {
    this.capacity = opts.capacity ?? 500;
    this.retryCost = opts.retryCost ?? 5;
    this.successReward = opts.successReward ?? 1;
    this.tokens = this.capacity;
  }

  get available(): number {
    return this.tokens;
  }

  /** Takes the cost of one retry; false (and nothing taken) when the budget is exhausted. */
  acquire(reason: RetryReason): number | false {
    if (reason === 'expired-credentials') return 0;
    const cost = reason === 'timeout' ? this.retryCost * 2 : this.retryCost;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return cost;
  }

  /** Records a success: refunds what its retries took, or a small reward for a first try. */
  succeeded(spent: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + (spent > 0 ? spent : this.successReward));
  }
}

export interface RetryRun {
  readonly maxAttempts: number;
  readonly context: RetryContext;
  readonly options?: RetryOptions;
  readonly budget?: RetryBudget | undefined;
  readonly signal?: AbortSignal | undefined;
  /**
   * Called after every failed attempt, before any wait: to log, call hooks, or invalidate
   * cached credentials. `willRetry` says whether another attempt follows.
   */
  readonly onFailure?: (info: AttemptFailure) => void | Promise<void>;
}

export interface AttemptFailure {
  readonly error: unknown;
  /** The attempt that failed (1 for the first). */
  readonly attempt: number;
  readonly willRetry: boolean;
  /** Why it is retried (when `willRetry`). */
  readonly reason: RetryReason | undefined;
  /** The wait before the next attempt (0 when none follows). */
  readonly delayMs: number;
}

export interface RetryResult<T> {
  readonly value: T;
  readonly attempts: number;
  readonly totalRetryDelayMs: number;
}

/**
 * Runs `attempt(n)` (n = 1, 2, ...) until it succeeds or the failure is not retried.
 * The error that is finally thrown carries `attempts` and `totalRetryDelayMs`.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  run: RetryRun,
): Promise<RetryResult<T>> {
  const opts = run.options ?? {};
  const maxTotal = opts.maxTotalDelayMs ?? 15_000;
  const sleep = opts.sleep ?? abortableSleep;
  let totalRetryDelayMs = 0;
  let spent = 0;
  let context = run.context;
  for (let n = 1; ; n++) {
    try {
      const value = await attempt(n);
      run.budget?.succeeded(spent);
      return { value, attempts: n, totalRetryDelayMs };
    } catch (error) {
      const verdict = retryReason(error, context);
      const reason = n < run.maxAttempts ? verdict : undefined;
      // Fresh credentials are fetched once per call; a second expiry means something else is wrong.
      if (reason === 'expired-credentials') context = { ...context, refreshableCredentials: false };
      let delayMs = reason ? backoffDelay(n, reason, opts) : 0;
      // Bound the total wait: clip the last wait to what is left, give up when nothing is.
      const remaining = maxTotal - totalRetryDelayMs;
      const withinTotal = delayMs === 0 || remaining > 0;
      delayMs = Math.min(delayMs, Math.max(remaining, 0));
      const cost = reason && withinTotal ? (run.budget ? run.budget.acquire(reason) : 0) : false;
      const willRetry = cost !== false && !run.signal?.aborted;
      if (!willRetry) annotate(error, n, totalRetryDelayMs, verdict !== undefined);
      await run.onFailure?.({
        error,
        attempt: n,
        willRetry,
        reason: willRetry ? reason : undefined,
        delayMs: willRetry ? delayMs : 0,
      });
      if (!willRetry) throw error;
      spent += cost;
      try {
        if (delayMs > 0) await sleep(delayMs, run.signal);
      } catch (abort) {
        throw annotate(abort, n, totalRetryDelayMs);
      }
      totalRetryDelayMs += delayMs;
    }
  }
}

/**
 * Records on the final error how many attempts were made and whether a retry of this failure
 * is safe for this call (the same verdict the loop used, so `retryable` matches what it did).
 */
function annotate(
  error: unknown,
  attempts: number,
  totalRetryDelayMs: number,
  retryable?: boolean,
): unknown {
  // The brand also covers errors from another installed copy of core.
  if (hasBrand(error, 'SdkError')) {
    const e = error as SdkError;
    e.attempts = attempts;
    e.totalRetryDelayMs = totalRetryDelayMs;
    if (retryable !== undefined) e.retryable = retryable;
  }
  return error;
}

/** `setTimeout` as a promise that rejects with `AbortError` when `signal` fires. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
