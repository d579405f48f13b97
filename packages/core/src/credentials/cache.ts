/**
 * Caching for temporary credentials: served from memory, refreshed in the background a few
 * minutes before they expire (callers keep getting the cached ones meanwhile), single-flight
 * (concurrent callers share one fetch). Callers wait only when nothing valid is cached.
 */

import { CredentialsError } from '../errors/transport.js';
import { registerSecret } from '../protocol/redact.js';
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
  /**
   * Credentials that expire within this margin count as expired: they are never handed out,
   * and a fetch that returns such credentials is repeated. Default 60 s.
   */
  readonly clockSkewMs?: number;
  /** Told about a failed background refresh (the cached credentials stay in use). */
  readonly onRefreshError?: (err: unknown) => void;
  /** Pause before re-fetching when a fetch returned expired credentials. Default 200 ms. */
  readonly staleRetryDelayMs?: number;
  /** Clock, injectable for tests. */
  readonly now?: () => number;
}

/** Fetches in all when every answer is already expired, before giving up. */
const STALE_ATTEMPTS = 3;
/** After a failed background refresh, the next one waits at least this long. */
const RETRY_AFTER_FAILURE_MS = 10_000;

/** Marks credentials as secrets for `redactText` and returns them. */
export function remember(creds: Credentials): Credentials {
  if (typeof creds.secretKey === 'string') registerSecret(creds.secretKey);
  if (typeof creds.token === 'string') registerSecret(creds.token);
  return creds;
}

/**
 * Caches what `fetch` returns until shortly before `expiresAt` (forever without one).
 * `label` names the source in errors, e.g. `the metadata service (role r)`.
 */
export function refreshingProvider(
  fetch: () => Promise<Credentials>,
  options: RefreshOptions = {},
  label = 'the credentials source',
): RefreshableCredentialsProvider {
  const now = options.now ?? Date.now;
  const margin = options.refreshBeforeMs ?? 5 * 60_000;
  const skew = options.clockSkewMs ?? 60_000;
  const staleDelay = options.staleRetryDelayMs ?? 200;
  let current: Credentials | undefined;
  let refreshAt = 0;
  /** Beyond this instant the cached credentials are not handed out. */
  let validUntil = 0;
  let retryAfter = 0;
  let inflight: Promise<Credentials> | undefined;

  /** One fetch that never yields credentials expiring within the skew margin. */
  const fetchFresh = async (): Promise<Credentials> => {
    for (let attempt = 1; ; attempt++) {
      const creds = remember(await fetch());
      const expires = creds.expiresAt?.getTime();
      if (expires === undefined || expires - skew > now()) return creds;
      if (Number.isNaN(expires))
        throw new CredentialsError(`${label} returned an invalid expiresAt`);
      if (attempt >= STALE_ATTEMPTS) {
        const state =
          expires <= now() ? 'already expired' : `within the ${skew / 1000} s clock-skew margin`;
        throw new CredentialsError(
          `${label} returned credentials that expire at ${describeTime(expires)} (${state}; now ${describeTime(now())}), ${attempt} times in a row`,
        );
      }
      if (staleDelay > 0) await new Promise((r) => setTimeout(r, staleDelay * attempt));
    }
  };

  const refresh = (): Promise<Credentials> => {
    if (inflight) return inflight;
    const started = now();
    inflight = fetchFresh()
      .then((creds) => {
        current = creds;
        const expires = creds.expiresAt?.getTime();
        if (expires === undefined) {
          refreshAt = validUntil = Number.POSITIVE_INFINITY;
        } else {
          validUntil = expires - skew;
          refreshAt = expires - Math.min(margin, Math.max(0, (expires - started) / 2));
        }
        return creds;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };

  const provider = (async () => {
    const t = now();
    if (current && t < validUntil) {
      // Still valid: refresh early in the background, without making anyone wait for it.
      if (t >= refreshAt && !inflight && t >= retryAfter) {
        refresh().catch((err: unknown) => {
          retryAfter = now() + RETRY_AFTER_FAILURE_MS;
          try {
            options.onRefreshError?.(err);
          } catch {
            // A failing listener must not become an unhandled rejection.
          }
        });
      }
      return current;
    }
    return refresh();
  }) as RefreshableCredentialsProvider;
  provider.invalidate = (rejected?: Credentials) => {
    if (!rejected || rejected === current) {
      current = undefined;
      refreshAt = validUntil = retryAfter = 0;
    }
  };
  (provider as { refreshable: true }).refreshable = true;
  return provider;
}

function describeTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
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
  // A loaded chain says which provider it kept (describeClientConfig).
  (provider as { chosenProvider?: () => unknown }).chosenProvider = () =>
    (ready as { chosenProvider?: () => unknown } | undefined)?.chosenProvider?.();
  return provider;
}
