/**
 * Endpoint failover between the hosts of one domain family (`tencentcloudapi.com`, `.cn`,
 * `.com.cn`), with one circuit breaker per host and per client. Loaded on the first failure
 * that proves a request did not reach its host; until then every call uses the primary host.
 *
 * Only unreachable failures (DNS, refused, TLS set-up, connect timeout: `sent === false`)
 * count against a host, and only they move a call to the next host. Any HTTP answer, an API
 * error or a 5xx included, counts as reachable: another domain leads to the same service, so
 * it would not help, and the request may have run.
 */

/** Tuning of the breakers; every field optional. */
export interface FailoverOptions {
  /** Unreachable failures in a row that open a host's breaker. Default 3. */
  readonly failureThreshold?: number;
  /** How long an open breaker keeps calls away from its host, in ms. Default 60 000. */
  readonly openMs?: number;
  /** Clock, injectable for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/** The state of one host's breaker, as `client.endpointHealth()` reports it. */
export interface EndpointHealth {
  readonly host: string;
  /** `closed`: in use; `open`: skipped until `openUntil`; `half-open`: the next call probes it. */
  readonly state: 'closed' | 'open' | 'half-open';
  /** Unreachable failures in a row. */
  readonly consecutiveFailures: number;
  /** When an open breaker lets a probe through (`Date.now()` clock). */
  readonly openUntil?: number;
}

interface Breaker {
  failures: number;
  openUntil: number;
  /** A half-open host is being probed by a call in flight. */
  probing: boolean;
}

export class Failover {
  readonly #breakers = new Map<string, Breaker>();
  readonly #threshold: number;
  readonly #openMs: number;
  readonly #now: () => number;

  constructor(options: FailoverOptions = {}) {
    this.#threshold = Math.max(1, options.failureThreshold ?? 3);
    this.#openMs = Math.max(0, options.openMs ?? 60_000);
    this.#now = options.now ?? Date.now;
  }

  #breaker(host: string): Breaker {
    let b = this.#breakers.get(host);
    if (!b) {
      b = { failures: 0, openUntil: 0, probing: false };
      this.#breakers.set(host, b);
    }
    return b;
  }

  #state(b: Breaker): EndpointHealth['state'] {
    if (b.failures < this.#threshold) return 'closed';
    return this.#now() < b.openUntil ? 'open' : 'half-open';
  }

  /**
   * The host for the next attempt: the first of `hosts` (primary first) that did not fail in
   * this call and whose breaker lets it through; a half-open host admits one probe at a time.
   * When every host is excluded, the first host not yet tried in this call, else the primary.
   */
  pick(hosts: readonly string[], failedInCall: ReadonlySet<string>): string {
    for (const host of hosts) {
      if (failedInCall.has(host)) continue;
      const b = this.#breaker(host);
      const state = this.#state(b);
      if (state === 'closed') return host;
      if (state === 'half-open' && !b.probing) {
        b.probing = true;
        return host;
      }
    }
    return hosts.find((h) => !failedInCall.has(h)) ?? (hosts[0] as string);
  }

  /** The request did not reach `host`. */
  unreachable(host: string): void {
    const b = this.#breaker(host);
    b.probing = false;
    b.failures++;
    if (b.failures >= this.#threshold) b.openUntil = this.#now() + this.#openMs;
  }

  /** `host` answered (successfully or not): its breaker closes. */
  answered(host: string): void {
    const b = this.#breakers.get(host);
    if (!b) return;
    b.probing = false;
    b.failures = 0;
    b.openUntil = 0;
  }

  /** Neither: e.g. a reset after sending. A probe ends without changing the state. */
  inconclusive(host: string): void {
    const b = this.#breakers.get(host);
    if (b) b.probing = false;
  }

  health(): EndpointHealth[] {
    return [...this.#breakers].map(([host, b]) => {
      const state = this.#state(b);
      return {
        host,
        state,
        consecutiveFailures: b.failures,
        ...(state === 'closed' ? {} : { openUntil: b.openUntil }),
      };
    });
  }
}

export function createFailover(options?: FailoverOptions): Failover {
  return new Failover(options);
}
