/**
 * The emulator's record of requests, bounded by count and by bytes: every request is recorded
 * with its metadata, only requests that pass the checks keep their body, and the oldest
 * records are dropped first once either bound is passed. Only what is kept is counted.
 */
import type { RecordedRequest } from './types.js';

/** Counted for each record besides its strings (object, dates, response). */
const RECORD_OVERHEAD = 256;

/** Bytes one record holds: overhead, path, query, header names and values, and a kept body. */
export function recordCost(record: RecordedRequest, bodyBytes = 0): number {
  let n = RECORD_OVERHEAD + record.path.length + record.query.length + record.method.length;
  for (const [k, v] of Object.entries(record.headers)) n += k.length + v.length;
  return n + bodyBytes;
}

export class RequestLog {
  /** Oldest first; the array the emulator exposes as `requests`. */
  readonly records: RecordedRequest[] = [];
  private readonly costs = new WeakMap<RecordedRequest, number>();
  private total = 0;

  constructor(
    private readonly maxCount: number,
    private readonly maxBytes: number,
  ) {}

  /** Bytes held by the records now kept. */
  get bytes(): number {
    return this.total;
  }

  /** Records a request's metadata (no body yet). */
  add(record: RecordedRequest): void {
    if (this.records.length === 0) this.total = 0; // the array was emptied from outside
    const cost = recordCost(record);
    this.costs.set(record, cost);
    this.records.push(record);
    this.total += cost;
    this.evict();
  }

  /**
   * Keeps the body of an accepted request. A body that could not fit even alone is not kept
   * (the record says `bodyOmitted`), so the newest request is always recorded.
   */
  keepBody(record: RecordedRequest, body: unknown, bodyBytes: number): void {
    const cost = this.costs.get(record);
    if (cost === undefined) return; // already dropped
    if (cost + bodyBytes > this.maxBytes) {
      record.bodyOmitted = true;
      return;
    }
    record.body = body;
    this.costs.set(record, cost + bodyBytes);
    this.total += bodyBytes;
    this.evict();
  }

  clear(): void {
    this.records.length = 0;
    this.total = 0;
  }

  private evict(): void {
    let drop = 0;
    const n = this.records.length;
    while (n - drop > 1 && (n - drop > this.maxCount || this.total > this.maxBytes)) {
      const old = this.records[drop++] as RecordedRequest;
      this.total -= this.costs.get(old) ?? 0;
      this.costs.delete(old);
    }
    if (drop > 0) this.records.splice(0, drop);
  }
}
