import { describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  hasClientToken,
  RetryBudget,
  type RetryContext,
  retryReason,
  shouldRetry,
  withRetry,
} from '../src/call/retry.js';
import {
  AbortError,
  NetworkError,
  ProtocolError,
  TencentCloudError,
  TimeoutError,
} from '../src/errors/index.js';

const api = (code: string) => new TencentCloudError({ code, message: code });
const net = (sent: boolean) => new NetworkError('reset', { sent, errno: 'ECONNRESET' });
const timeout = (sent: boolean) => new TimeoutError('slow', { sent, timeoutMs: 10 });
const http = (httpStatus: number) =>
  new ProtocolError('bad', { httpStatus, contentType: 'text/html', bodySnippet: '<html>' });

const READ: RetryContext = { readOnly: true, idempotent: false };
const MUTATION: RetryContext = { readOnly: false, idempotent: false };
const TOKENED: RetryContext = { readOnly: false, idempotent: true };

describe('retry decision', () => {
  it('retries throttling and unsent failures for every action', () => {
    for (const ctx of [READ, MUTATION, TOKENED]) {
      expect(retryReason(api('RequestLimitExceeded'), ctx)).toBe('throttled');
      expect(retryReason(api('RequestLimitExceeded.UinLimitExceeded'), ctx)).toBe('throttled');
      expect(retryReason(net(false), ctx)).toBe('not-sent');
      expect(retryReason(timeout(false), ctx)).toBe('not-sent');
      expect(retryReason(http(429), ctx)).toBe('throttled');
    }
  });

  it('retries a bare HTTP 503 only when repeating cannot repeat an effect', () => {
    // A gateway 503 does not prove the backend did nothing.
    expect(retryReason(http(503), MUTATION)).toBeUndefined();
    expect(retryReason(http(503), READ)).toBe('server-error');
    expect(retryReason(http(503), TOKENED)).toBe('server-error');
    expect(retryReason(api('ServiceUnavailable'), MUTATION)).toBeUndefined();
    expect(retryReason(api('ServiceUnavailable'), READ)).toBe('server-error');
  });

  it('retries a truncated or empty 2xx body of a read-only call, never an oversized one', () => {
    const truncated = new ProtocolError('cut', {
      problem: 'not-json',
      httpStatus: 200,
      contentType: 'application/json',
      bodySnippet: '{"Response":',
    });
    const empty = new ProtocolError('empty', {
      problem: 'empty',
      httpStatus: 200,
      contentType: 'application/json',
      bodySnippet: '',
    });
    const big = new ProtocolError('big', {
      problem: 'too-large',
      httpStatus: 200,
      contentType: 'application/json',
      bodySnippet: '',
    });
    expect(retryReason(truncated, READ)).toBe('protocol');
    expect(retryReason(empty, TOKENED)).toBe('protocol');
    expect(retryReason(truncated, MUTATION)).toBeUndefined();
    expect(retryReason(big, READ)).toBeUndefined();
  });

  it('never retries a mutation once it may have taken effect', () => {
    for (const err of [
      api('InternalError'),
      net(true),
      timeout(true),
      http(500),
      http(502),
      http(504),
    ]) {
      expect(shouldRetry(err, MUTATION), err.message).toBe(false);
      expect(shouldRetry(err, READ), err.message).toBe(true);
      expect(shouldRetry(err, TOKENED), err.message).toBe(true);
    }
  });

  it('does not retry client errors, aborts, DryRunOperation or foreign errors', () => {
    for (const err of [
      api('InvalidParameter'),
      api('DryRunOperation'),
      api('AuthFailure.SignatureFailure'),
      http(404),
      new AbortError('x'),
      new Error('bug'),
      'string',
    ]) {
      expect(shouldRetry(err, READ)).toBe(false);
    }
  });

  it('retries an expired token only when credentials can be refreshed', () => {
    expect(retryReason(api('AuthFailure.TokenFailure'), READ)).toBeUndefined();
    expect(
      retryReason(api('AuthFailure.TokenFailure'), { ...MUTATION, refreshableCredentials: true }),
    ).toBe('expired-credentials');
    // Decided per failure: credentials without an expiry (environment, static) are not refreshable.
    expect(
      retryReason(api('AuthFailure.TokenFailure'), {
        ...READ,
        refreshableCredentials: () => false,
      }),
    ).toBeUndefined();
    expect(retryReason(api('AuthFailure.SignatureExpire'), READ)).toBeUndefined();
  });

  it('detects ClientToken', () => {
    expect(hasClientToken({ ClientToken: 'abc' })).toBe(true);
    expect(hasClientToken({ ClientToken: '' })).toBe(false);
    expect(hasClientToken({})).toBe(false);
    expect(hasClientToken(null)).toBe(false);
  });
});

describe('backoff', () => {
  it('uses full jitter under an exponential ceiling, capped', () => {
    const one = () => 0.999999;
    expect(backoffDelay(1, 'network', { random: one })).toBe(99);
    expect(backoffDelay(3, 'network', { random: one })).toBe(399);
    expect(backoffDelay(1, 'throttled', { random: one })).toBe(499);
    expect(backoffDelay(20, 'network', { random: one, maxDelayMs: 1000 })).toBe(999);
    expect(backoffDelay(5, 'network', { random: () => 0 })).toBe(0);
    expect(backoffDelay(2, 'expired-credentials', { random: one })).toBe(0);
  });
});

describe('withRetry', () => {
  const noSleep = { random: () => 0.5, sleep: vi.fn(async () => {}) };

  it('retries throttling then succeeds, reporting attempts and total delay', async () => {
    let calls = 0;
    const r = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw api('RequestLimitExceeded');
        return 'ok';
      },
      { maxAttempts: 3, context: MUTATION, options: noSleep },
    );
    expect(r).toEqual({ value: 'ok', attempts: 3, totalRetryDelayMs: 250 + 500 });
  });

  it('stops at maxAttempts and annotates the error', async () => {
    const err = await withRetry(
      async () => {
        throw net(false);
      },
      { maxAttempts: 4, context: READ, options: noSleep },
    ).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.attempts).toBe(4);
    expect(err.totalRetryDelayMs).toBe(50 + 100 + 200);
  });

  it('makes one attempt for a mutation that failed after sending', async () => {
    const attempt = vi.fn(async () => {
      throw net(true);
    });
    const err = await withRetry(attempt, {
      maxAttempts: 5,
      context: MUTATION,
      options: noSleep,
    }).catch((e) => e);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(err.attempts).toBe(1);
  });

  it('bounds the total delay', async () => {
    const waits: number[] = [];
    const err = await withRetry(
      async () => {
        throw api('RequestLimitExceeded');
      },
      {
        maxAttempts: 10,
        context: READ,
        options: {
          random: () => 0.99,
          maxTotalDelayMs: 1200,
          sleep: async (ms) => void waits.push(ms),
        },
      },
    ).catch((e) => e);
    expect(waits.reduce((a, b) => a + b, 0)).toBe(1200);
    expect(err.totalRetryDelayMs).toBe(1200);
    expect(err.attempts).toBe(waits.length + 1);
  });

  it('refreshes expired credentials once per call', async () => {
    const onFailure = vi.fn();
    const attempt = vi.fn(async () => {
      throw api('AuthFailure.TokenFailure');
    });
    await withRetry(attempt, {
      maxAttempts: 5,
      context: { ...MUTATION, refreshableCredentials: true },
      options: noSleep,
      onFailure,
    }).catch(() => {});
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(onFailure.mock.calls.map((c) => c[0])).toEqual([
      expect.objectContaining({
        attempt: 1,
        willRetry: true,
        reason: 'expired-credentials',
        delayMs: 0,
      }),
      expect.objectContaining({ attempt: 2, willRetry: false, reason: undefined, delayMs: 0 }),
    ]);
  });

  it('aborting during a wait rejects with AbortError', async () => {
    vi.useFakeTimers();
    try {
      const ac = new AbortController();
      const p = withRetry(
        async () => {
          throw api('RequestLimitExceeded');
        },
        { maxAttempts: 3, context: READ, signal: ac.signal, options: { random: () => 0.9 } },
      );
      const settled = p.catch((e) => e);
      await vi.advanceTimersByTimeAsync(100);
      ac.abort();
      const err = await settled;
      expect(err).toBeInstanceOf(AbortError);
      expect(err.attempts).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits with real timers when none is injected (fake clock)', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const p = withRetry(
        async () => {
          if (++calls === 1) throw api('RequestLimitExceeded');
          return calls;
        },
        { maxAttempts: 2, context: READ, options: { random: () => 0.5 } },
      );
      await vi.advanceTimersByTimeAsync(249);
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(await p).toEqual({ value: 2, attempts: 2, totalRetryDelayMs: 250 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('retry budget', () => {
  it('drains during an outage so calls fail fast, and refills on success', async () => {
    const budget = new RetryBudget({ capacity: 20, retryCost: 5 });
    let attempts = 0;
    const failing = () =>
      withRetry(
        async () => {
          attempts++;
          throw http(503);
        },
        {
          maxAttempts: 3,
          context: READ,
          budget,
          options: { random: () => 0, sleep: async () => {} },
        },
      ).catch((e) => e);
    for (let i = 0; i < 10; i++) await failing();
    // 20 tokens = 4 retries in all; then every call makes exactly one attempt.
    expect(attempts).toBe(10 + 4);
    expect(budget.available).toBe(0);
    await withRetry(async () => 1, { maxAttempts: 3, context: READ, budget });
    expect(budget.available).toBe(1);
  });

  it('refunds the retries of a call that finally succeeded', async () => {
    const budget = new RetryBudget({ capacity: 100 });
    let n = 0;
    await withRetry(
      async () => {
        if (++n < 3) throw timeout(false);
        return n;
      },
      {
        maxAttempts: 3,
        context: READ,
        budget,
        options: { random: () => 0, sleep: async () => {} },
      },
    );
    expect(budget.available).toBe(100);
  });
});
