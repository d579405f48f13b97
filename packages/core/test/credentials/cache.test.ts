import { describe, expect, it, vi } from 'vitest';
import { isRefreshable, refreshingProvider } from '../../src/credentials/cache.js';
import { CredentialsError } from '../../src/errors/index.js';
import { redactText } from '../../src/protocol/redact.js';
import type { Credentials } from '../../src/types.js';

const MIN = 60_000;

/** Lets every pending promise callback and I/O turn run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const creds = (id: string, expiresAt: number): Credentials => ({
  secretId: id,
  secretKey: `cache-test-key-${id}-xyz`,
  expiresAt: new Date(expiresAt),
});

function fakeSource(lifetimeMs: number, clock: { t: number }) {
  let n = 0;
  const fetch = vi.fn(async (): Promise<Credentials> => {
    n++;
    await new Promise((r) => setImmediate(r));
    return {
      secretId: `id-${n}`,
      secretKey: `cache-test-key-${n}-xyz`,
      token: `cache-test-token-${n}-xyz`,
      expiresAt: new Date(clock.t + lifetimeMs),
    };
  });
  return fetch;
}

describe('refreshingProvider', () => {
  it('shares one refresh among 100 concurrent callers', async () => {
    const clock = { t: 0 };
    const fetch = fakeSource(60 * MIN, clock);
    const provider = refreshingProvider(fetch, { now: () => clock.t });
    const all = await Promise.all(Array.from({ length: 100 }, () => provider()));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(new Set(all.map((c) => c.secretId))).toEqual(new Set(['id-1']));
    expect(isRefreshable(provider)).toBe(true);
  });

  it('refreshes a few minutes before expiry, in the background, once', async () => {
    const clock = { t: 0 };
    const fetch = fakeSource(60 * MIN, clock);
    const provider = refreshingProvider(fetch, { now: () => clock.t });
    await provider();
    clock.t = 54 * MIN;
    expect((await provider()).secretId).toBe('id-1');
    expect(fetch).toHaveBeenCalledTimes(1);
    clock.t = 56 * MIN; // inside the 5-minute window: still valid, so served while refreshing
    const again = await Promise.all(Array.from({ length: 100 }, () => provider()));
    expect(again.every((c) => c.secretId === 'id-1')).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(2);
    await settle();
    expect((await provider()).secretId).toBe('id-2');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('serves 100 concurrent callers the cached credentials while a slow refresh runs', async () => {
    const clock = { t: 0 };
    const slow = deferred<Credentials>();
    let n = 0;
    const fetch = vi.fn(async (): Promise<Credentials> => {
      n++;
      if (n === 1) return creds('first', clock.t + 60 * MIN);
      return slow.promise; // a slow STS: answers only when the test says so
    });
    const provider = refreshingProvider(fetch, { now: () => clock.t });
    await provider();
    clock.t = 57 * MIN; // refresh window, credentials valid for 3 more minutes
    let done = 0;
    const calls = Array.from({ length: 100 }, () =>
      provider().then((c) => {
        done++;
        return c;
      }),
    );
    await settle();
    // All 100 have their credentials although the refresh has not answered.
    expect(done).toBe(100);
    expect((await Promise.all(calls)).every((c) => c.secretId === 'first')).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(2); // the first fetch and exactly one refresh
    slow.resolve(creds('second', clock.t + 60 * MIN));
    await settle();
    expect((await provider()).secretId).toBe('second');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('makes callers wait (one shared fetch) once the credentials are within the skew margin', async () => {
    const clock = { t: 0 };
    const slow = deferred<Credentials>();
    let n = 0;
    const fetch = vi.fn(async (): Promise<Credentials> => {
      n++;
      return n === 1 ? creds('first', clock.t + 10 * MIN) : slow.promise;
    });
    const provider = refreshingProvider(fetch, { now: () => clock.t, clockSkewMs: MIN });
    await provider();
    clock.t = 9 * MIN + 1; // expires in under a minute: not handed out any more
    let done = 0;
    const calls = Array.from({ length: 100 }, () => provider().then(() => done++));
    await settle();
    expect(done).toBe(0);
    slow.resolve(creds('second', clock.t + 60 * MIN));
    await Promise.all(calls);
    expect(done).toBe(100);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('ignores a failed background refresh, reports it, and retries on a later call', async () => {
    const clock = { t: 0 };
    let fail = false;
    const fetch = vi.fn(async (): Promise<Credentials> => {
      if (fail) throw new Error('sts down');
      return creds('a', clock.t + 10 * MIN);
    });
    const reported: unknown[] = [];
    const provider = refreshingProvider(fetch, {
      now: () => clock.t,
      onRefreshError: (e) => reported.push(e),
    });
    await provider();
    fail = true;
    clock.t = 6 * MIN; // refresh window (5 min: half the lifetime)
    expect((await provider()).secretId).toBe('a');
    await settle();
    expect(reported).toHaveLength(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect((await provider()).secretId).toBe('a'); // right after a failure: no new attempt
    expect(fetch).toHaveBeenCalledTimes(2);
    clock.t = 7 * MIN; // a later call tries again, and succeeds
    fail = false;
    expect((await provider()).secretId).toBe('a');
    await settle();
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(reported).toHaveLength(1);
    expect((await provider()).expiresAt?.getTime()).toBe(17 * MIN);
  });

  it('keeps still-valid credentials when an early refresh fails, fails once they expired', async () => {
    const clock = { t: 0 };
    let fail = false;
    const provider = refreshingProvider(
      async () => {
        if (fail) throw new Error('sts down');
        return {
          secretId: 'a',
          secretKey: 'cache-k-abcdef',
          expiresAt: new Date(clock.t + 10 * MIN),
        };
      },
      { now: () => clock.t },
    );
    await provider();
    fail = true;
    clock.t = 8 * MIN;
    expect((await provider()).secretId).toBe('a');
    clock.t = 11 * MIN;
    await expect(provider()).rejects.toThrow('sts down');
  });

  it('never hands out credentials that are expired or expire within the skew margin', async () => {
    const clock = { t: 100 * MIN };
    const lifetimes = [-MIN, 30_000, 60 * MIN]; // expired, inside the 60 s margin, good
    const fetch = vi.fn(async () => creds('x', clock.t + (lifetimes.shift() ?? 0)));
    const provider = refreshingProvider(fetch, { now: () => clock.t, staleRetryDelayMs: 0 });
    const c = await provider();
    expect(c.expiresAt?.getTime()).toBe(160 * MIN);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('gives up after 3 expired answers with an error that gives the expiry, not the secrets', async () => {
    const clock = { t: Date.UTC(2030, 0, 1) };
    const fetch = vi.fn(async () => ({
      secretId: 'AKIDstale',
      secretKey: 'stale-secret-key-123456',
      token: 'stale-token-abcdef',
      expiresAt: new Date(clock.t - 1000),
    }));
    const provider = refreshingProvider(fetch, { now: () => clock.t, staleRetryDelayMs: 0 });
    const err = await provider().catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe(
      'the credentials source returned credentials that expire at 2029-12-31T23:59:59.000Z (already expired; now 2030-01-01T00:00:00.000Z), 3 times in a row',
    );
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('invalidates only the credentials that were rejected', async () => {
    const clock = { t: 0 };
    const fetch = fakeSource(60 * MIN, clock);
    const provider = refreshingProvider(fetch, { now: () => clock.t });
    const first = await provider();
    provider.invalidate(first);
    const second = await provider();
    expect(second.secretId).toBe('id-2');
    provider.invalidate(first); // a late report about the old key changes nothing
    expect((await provider()).secretId).toBe('id-2');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('does not refresh on every call when the lifetime is shorter than the margin', async () => {
    const clock = { t: 0 };
    const fetch = fakeSource(4 * MIN, clock);
    const provider = refreshingProvider(fetch, { now: () => clock.t });
    await provider();
    clock.t = 1 * MIN;
    await provider();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('registers fetched secrets for redaction', async () => {
    const clock = { t: 0 };
    const provider = refreshingProvider(fakeSource(60 * MIN, clock), { now: () => clock.t });
    const c = await provider();
    expect(redactText(`k=${c.secretKey} t=${c.token}`)).toBe('k=[REDACTED] t=[REDACTED]');
  });
});
