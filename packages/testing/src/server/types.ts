/** Public types of the emulator: options, stubs, faults, recorded requests. */
import type { EmulatorCredentials } from '../auth/verify.js';
import type { SpecSource } from '../spec/catalog.js';

export interface EmulatorOptions {
  /** Spec directories (our specs/ layout or the upstream corpus) or specs already loaded. */
  readonly specs?: readonly SpecSource[];
  /** Keys the emulator accepts. With none, signatures are not checked (any key works). */
  readonly credentials?: readonly EmulatorCredentials[];
  /** Check TC3 signatures; default: true when credentials are given. */
  readonly verifySignatures?: boolean;
  /** 0 (default) lets the OS choose. */
  readonly port?: number;
  /** Interface to bind; default 127.0.0.1. */
  readonly host?: string;
  /** Allowed distance between X-TC-Timestamp and the server clock; default 300 s. */
  readonly maxSkewSeconds?: number;
  /** Server clock in milliseconds; default Date.now. */
  readonly now?: () => number;
  /**
   * Service for requests whose Host is neither `<service>.tencentcloudapi.com` nor
   * `<service>.localhost` and that carry no X-TC-Service header, `/<service>` path, or signed
   * credential scope naming a service of the specs.
   */
  readonly defaultService?: string;
  /** Default answers use integers beyond 2^53 for int64/uint64 members (exactness tests). */
  readonly bigInt64Samples?: boolean;
  /** Recorded requests kept (oldest dropped first); default 10 000. */
  readonly maxRecordedRequests?: number;
  /**
   * Bytes the recorded requests may hold (metadata plus the bodies kept; oldest dropped
   * first); default 16 MiB.
   */
  readonly maxRecordedBytes?: number;
  /**
   * Largest request body accepted, in bytes; default 10 MiB (Tencent's limit for a TC3 POST).
   * A larger body is answered with `RequestSizeLimitExceeded` as soon as it passes the limit
   * (or at once when Content-Length says so), without reading the rest; the connection is closed.
   */
  readonly maxRequestBytes?: number;
}

/** What a stub, fault or stream sees about the call. */
export interface CallContext {
  readonly service: string;
  readonly version: string;
  readonly action: string;
  readonly region?: string;
  readonly requestId: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A static answer (the output payload, RequestId optional) or a function of the input. */
export type StubResponse =
  | Record<string, unknown>
  | ((
      input: Record<string, unknown>,
      ctx: CallContext,
    ) => Record<string, unknown> | Promise<Record<string, unknown>>);

/** One server-sent event: an object is sent as `data: <json>`, a string as is. */
export type StreamEvent = Record<string, unknown> | string;

export type StreamSource =
  | readonly StreamEvent[]
  | ((
      input: Record<string, unknown>,
      ctx: CallContext,
    ) =>
      | Iterable<StreamEvent>
      | AsyncIterable<StreamEvent>
      | Promise<Iterable<StreamEvent> | AsyncIterable<StreamEvent>>);

export interface StreamOptions {
  /** Destroy the connection after this many events (a stream cut mid-way). */
  readonly cutAfter?: number;
  /** Pause between events, in milliseconds. */
  readonly intervalMs?: number;
}

/**
 * An injected failure. Fields combine: `delayMs` waits first, then the first of `drop`,
 * `gateway`, `truncate`, `code` applies; a fault with only `delayMs` then answers normally.
 */
export interface Fault {
  /** Answer an error envelope with this code (HTTP 200, like the real API). */
  readonly code?: string;
  /** Error message; default: the code's description from errors.json or the common registry. */
  readonly message?: string;
  /** HTTP status for the error envelope; default 200. */
  readonly httpStatus?: number;
  /** Wait before answering, in milliseconds. */
  readonly delayMs?: number;
  /** Destroy the socket without answering. */
  readonly drop?: boolean;
  /** Answer an HTML page with this HTTP status (e.g. 502), as a gateway in front of the API. */
  readonly gateway?: number;
  /** Answer HTTP 200 with only the first half of the JSON envelope. */
  readonly truncate?: boolean;
}

export interface MatchOptions {
  /** Only for this service (default: any service with this action name). */
  readonly service?: string;
  /** How many calls it applies to; default 1 for faults, Infinity for stubs. */
  readonly times?: number;
}

export type ResponseKind = 'ok' | 'error' | 'stream' | 'dropped' | 'gateway' | 'truncated';

export interface RecordedRequest {
  readonly time: Date;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly service?: string;
  readonly action?: string;
  readonly version?: string;
  readonly region?: string;
  /** Lower-cased names; Authorization and X-TC-Token are redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** SecretId from the Authorization header, if any (the id is not secret). */
  readonly secretId?: string;
  /**
   * Body bytes received. For a request cut at `maxRequestBytes`, the bytes read before the
   * emulator stopped (0 when Content-Length already said it was too large).
   */
  size: number;
  /**
   * Parsed input (JSON body or flattened query/form), kept only for requests that passed the
   * emulator's checks (routing, signature, parameters) and fit in `maxRecordedBytes`.
   */
  body?: unknown;
  /** Set when an accepted body was not kept because it alone exceeds `maxRecordedBytes`. */
  bodyOmitted?: boolean;
  /** Filled when the answer is sent; `status` is the HTTP status (absent when dropped). */
  response?: { kind: ResponseKind; status?: number; requestId?: string; code?: string };
}
