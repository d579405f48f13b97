/**
 * Caching for temporary credentials: served from memory until a few minutes before they
 * expire, then fetched again, single-flight (concurrent callers share one fetch).
 */

import { registerSecret } from '../redact.js';
import type { Credentials, CredentialsProvider } from '../types.js';

/** A provider that caches and can be told that its credentials were rejected. */
export interface RefreshableCredentialsProvider extends CredentialsProvider {
  /** Drops the cached credentials if they are still `rejected` (the next call fetches anew). */
  invalidate(rejected?: Credentials): void;
  /** True: these credentials are temporary, so an expired token is worth one retry. */
  readonly refreshable: true;
}

export interface RefreshOptions {
  /** Refresh this long before expiry. Default 5 minutes (at most half the lifetime). */
  readonly refreshBeforeMs?: number;
  /** Clock, injectable for tests. */
  readonly now?: () => number;
}

/** Marks credentials as secrets for `redactText` and returns them. */
export function remember(creds: Credentials): Credentials {
  registerSecret(creds.secretKey);
  registerSecret(creds.token);
  return creds;
}

export function refreshingProvider(
  fetch: () => Promise<Credentials>,
  options: RefreshOptions = {},
): RefreshableCredentialsProvider {
  const now = options.now ?? Date.now;
  const margin = options.refreshBeforeMs ?? 5 * 60_000;
  let current: Credentials | undefined;
  let refreshAt = 0;
  let inflight: Promise<Credentials> | undefined;

  const refresh = (): Promise<Credentials> => {
    if (inflight) return inflight;
    const started = now();
    inflight = fetch()
      .then((creds) => {
        remember(creds);
        current = creds;
        const expires = creds.expiresAt?.getTime();
        refreshAt =
          expires === undefined
            ? Number.POSITIVE_INFINITY
            : expires - Math.min(margin, Math.max(0, (expires - started) / 2));
        return creds;
      })
      .catch((err: unknown) => {
        // Still-valid credentials beat a failed early refresh.
        const expires = current?.expiresAt?.getTime();
        if (current && expires !== undefined && now() < expires) return current;
        throw err;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };

  const provider = (async () => {
    if (current && now() < refreshAt) return current;
    return refresh();
  }) as RefreshableCredentialsProvider;
  provider.invalidate = (rejected?: Credentials) => {
    if (!rejected || rejected === current) {
      current = undefined;
      refreshAt = 0;
    }
  };
  (provider as { refreshable: true }).refreshable = true;
  return provider;
}

/** True for providers made by `refreshingProvider` (or anything with the same shape). */
export function isRefreshable(p: unknown): p is RefreshableCredentialsProvider {
  return typeof p === 'function' && (p as { refreshable?: unknown }).refreshable === true;
}

/**
 * A provider whose module is loaded on first use (dynamic import), so bundlers split it out
 * and programs that never need it never load it.
 */
export function lazyProvider(
  load: () => Promise<RefreshableCredentialsProvider>,
): RefreshableCredentialsProvider {
  let loaded: Promise<RefreshableCredentialsProvider> | undefined;
  let ready: RefreshableCredentialsProvider | undefined;
  const provider = (async () => {
    loaded ??= load().then((p) => {
      ready = p;
      return p;
    });
    return (await loaded)();
  }) as RefreshableCredentialsProvider;
  provider.invalidate = (rejected?: Credentials) => ready?.invalidate(rejected);
  (provider as { refreshable: true }).refreshable = true;
  return provider;
}
