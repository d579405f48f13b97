/** Per-call facts kept on results under a non-enumerable symbol (JSON shows only the payload). */

export interface ResponseMetadata {
  readonly requestId: string;
  /** The `X-TC-TraceId` response header, when sent. */
  readonly traceId?: string | undefined;
  readonly httpStatus: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly attempts: number;
  readonly totalRetryDelayMs: number;
  /** Host that answered (after endpoint failover, not necessarily the first one tried). */
  readonly endpoint?: string | undefined;
  /** `Date.now()` when the call started, the whole call and its last attempt, in ms. */
  readonly timings?:
    | {
        readonly startedAt: number;
        readonly durationMs: number;
        readonly lastAttemptMs: number;
      }
    | undefined;
}

// Symbol.for: results from one copy of core are readable by another.
const METADATA = Symbol.for('tc-sdk.core.responseMetadata');

export function attachMetadata<T extends object>(result: T, meta: ResponseMetadata): T {
  Object.defineProperty(result, METADATA, { value: meta, enumerable: false, configurable: true });
  return result;
}

/** Metadata of a result returned by a client call; undefined for any other value. */
export function getResponseMetadata(result: unknown): ResponseMetadata | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  return (result as { [METADATA]?: ResponseMetadata })[METADATA];
}
