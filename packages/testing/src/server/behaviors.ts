/**
 * Per-action behaviours registered by tests: stubs, stream stubs and faults. Each rule has a
 * remaining count; a service-specific rule wins over a service-less one, `*` matches any action.
 */
import type { Fault, MatchOptions, StreamOptions, StreamSource, StubResponse } from './types.js';

interface Rule<T> {
  readonly action: string;
  readonly service?: string;
  remaining: number;
  readonly value: T;
}

export class RuleList<T> {
  private rules: Rule<T>[] = [];

  /** `latestWins`: a new stub replaces an older one; faults queue first-in first-out. */
  constructor(private readonly latestWins: boolean) {}

  add(action: string, value: T, opts: MatchOptions | undefined, defaultTimes: number): void {
    this.rules.push({
      action,
      service: opts?.service,
      remaining: opts?.times ?? defaultTimes,
      value,
    });
  }

  /** The first matching rule with calls left (consumes one call), most specific first. */
  take(service: string, action: string): T | undefined {
    const rank = (r: Rule<T>): number =>
      (r.service === service ? 0 : 2) + (r.action === action ? 0 : 1);
    let best: Rule<T> | undefined;
    for (const r of this.rules) {
      if (r.remaining <= 0) continue;
      if (r.service !== undefined && r.service !== service) continue;
      if (r.action !== action && r.action !== '*') continue;
      if (!best || rank(r) < rank(best) || (this.latestWins && rank(r) === rank(best))) best = r;
    }
    if (!best) return undefined;
    best.remaining--;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return best.value;
  }

  clear(): void {
    this.rules = [];
  }
}

export interface StreamStub {
  readonly source: StreamSource;
  readonly options: StreamOptions;
}

export class Behaviors {
  readonly stubs = new RuleList<StubResponse>(true);
  readonly streams = new RuleList<StreamStub>(true);
  readonly faults = new RuleList<Fault>(false);

  clear(): void {
    this.stubs.clear();
    this.streams.clear();
    this.faults.clear();
  }
}
