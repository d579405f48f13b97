/**
 * Retries: which failures are retried (`retryReason`), how long to wait (exponential backoff
 * with full jitter, total delay bounded), and a client-wide token bucket (`RetryBudget`)
 * that stops retry storms while a service is down.
 *
 * The rule that matters most: a mutation is never retried once it may have taken effect,
 * unless its input carries an idempotency token (`ClientToken`).
 */

import { hasBrand } from './errors/base.js';
import { isTencentCloudError, type SdkError } from './errors/index.js';
import { abortError } from './errors/transport.js';

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
  /** Credentials are temporary and can be fetched again (so an expired token is worth a retry). */
  readonly refreshableCredentials?: boolean;
}

/** Why a failure is retried; `undefined` means it is not. */
export type RetryReason =
  | 'throttled'
  | 'not-sent'
  | 'server-error'
  | 'timeout'
  | 'network'
  | 'expired-credentials';

/** True when `input.ClientToken` is a non-empty string. */
export function hasClientToken(input: unknown): boolean {
  const token = (input as { ClientToken?: unknown } | null)?.ClientToken;
  return typeof token === 'string' && token.length > 0;
}

/**
 * The retry decision, pure. Retried:
 * - `RequestLimitExceeded` (and its refinements): rejected before processing;
 * - network failures and timeouts that happened before the request was sent;
 * - HTTP 429/503 without an envelope (the gateway turned the request away);
 * - expired temporary credentials (`AuthFailure.TokenFailure` / `SignatureExpire`): refresh, retry;
 * - and, only when the action is read-only or the input has a ClientToken: `InternalError`,
 *   other HTTP 5xx without an envelope, timeouts and network failures after sending.
 */
export function retryReason(err: unknown, ctx: RetryContext): RetryReason | undefined {
  const safeToRepeat = ctx.readOnly || ctx.idempotent;
  if (isTencentCloudError(err)) {
    if (err.is('RequestLimitExceeded')) return 'throttled';
    if (
      ctx.refreshableCredentials &&
      (err.is('AuthFailure.TokenFailure') || err.is('AuthFailure.SignatureExpire'))
    ) {
      return 'expired-credentials';
    }
    if (err.is('InternalError') && safeToRepeat) return 'server-error';
    return undefined;
  }
  if (hasBrand(err, 'NetworkError') || hasBrand(err, 'TimeoutError')) {
    const { sent } = err as { sent: boolean };
    if (!sent) return 'not-sent';
    if (!safeToRepeat) return undefined;
    return hasBrand(err, 'TimeoutError') ? 'timeout' : 'network';
  }
  if (hasBrand(err, 'ProtocolError')) {
    const status = (err as { httpStatus: number }).httpStatus;
    if (status === 429) return 'throttled';
    if (status === 503 || (status >= 500 && safeToRepeat)) return 'server-error';
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
      const reason = n < run.maxAttempts ? retryReason(error, context) : undefined;
      // Fresh credentials are fetched once per call; a second expiry means something else is wrong.
      if (reason === 'expired-credentials') context = { ...context, refreshableCredentials: false };
      let delayMs = reason ? backoffDelay(n, reason, opts) : 0;
      // Bound the total wait: clip the last wait to what is left, give up when nothing is.
      const remaining = maxTotal - totalRetryDelayMs;
      const withinTotal = delayMs === 0 || remaining > 0;
      delayMs = Math.min(delayMs, Math.max(remaining, 0));
      const cost = reason && withinTotal ? (run.budget ? run.budget.acquire(reason) : 0) : false;
      const willRetry = cost !== false && !run.signal?.aborted;
      if (!willRetry) annotate(error, n, totalRetryDelayMs);
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

function annotate(error: unknown, attempts: number, totalRetryDelayMs: number): unknown {
  // The brand also covers errors from another installed copy of core.
  if (hasBrand(error, 'SdkError')) {
    const e = error as SdkError;
    e.attempts = attempts;
    e.totalRetryDelayMs = totalRetryDelayMs;
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
