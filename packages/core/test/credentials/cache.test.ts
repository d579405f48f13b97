import { describe, expect, it, vi } from 'vitest';
import { isRefreshable, refreshingProvider } from '../../src/credentials/cache.js';
import { redactText } from '../../src/redact.js';
import type { Credentials } from '../../src/types.js';

const MIN = 60_000;

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

  it('refreshes a few minutes before expiry, once, and serves from cache before that', async () => {
    const clock = { t: 0 };
    const fetch = fakeSource(60 * MIN, clock);
    const provider = refreshingProvider(fetch, { now: () => clock.t });
    await provider();
    clock.t = 54 * MIN;
    expect((await provider()).secretId).toBe('id-1');
    clock.t = 56 * MIN; // inside the 5-minute window
    const again = await Promise.all(Array.from({ length: 100 }, () => provider()));
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(again.every((c) => c.secretId === 'id-2')).toBe(true);
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
