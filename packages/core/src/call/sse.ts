/**
 * Server-sent events (text/event-stream) for streaming actions.
 *
 * `SseParser` is the incremental line parser (CRLF, CR or LF line ends; events and lines split
 * anywhere across chunks; comments; `event:`, `id:`, `retry:` fields; multi-line data).
 * `EventStream<E>` wraps a response body as an async iterable of parsed JSON events:
 * it ends cleanly when the body ends on an event boundary, throws `ProtocolError` when the
 * stream is cut mid-event or an event is not valid JSON, throws `TencentCloudError` when an
 * event is an API error envelope, and destroys the connection when the loop is left early,
 * `abort()` is called or the call's signal fires.
 */

import { ProtocolError, TencentCloudError } from '../errors/index.js';
import { abortError, type ProtocolProblem, TimeoutError } from '../errors/transport.js';
import { isErrorEnvelope } from '../protocol/envelope.js';
import { parseJson } from '../protocol/json.js';
import { redactedHead, redactText } from '../protocol/redact.js';

/** One raw event. `event` is undefined for the default "message" type. */
export interface SseEvent {
  readonly data: string;
  readonly event?: string;
  readonly id?: string;
  readonly retry?: number;
}

/** Thrown by `SseParser.push` when one event grows past the parser's bound. */
export class SseEventTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`An event of the stream is larger than ${limit} characters`);
  }
}

/** Incremental parser: feed decoded text with `push`, call `end` when the body ends. */
export class SseParser {
  /** @param maxEventChars Bound on one event (its data lines plus the line being read). */
  constructor(private readonly maxEventChars = Number.POSITIVE_INFINITY) {}
  private partial = '';
  private dataChars = 0;
  private skipLf = false;
  private started = false;
  private data: string[] = [];
  private event: string | undefined;
  private id: string | undefined;
  private retry: number | undefined;
  private fields = 0;

  /** Events completed by this chunk, in order. */
  push(text: string): SseEvent[] {
    const out: SseEvent[] = [];
    let s = text;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x0a && this.skipLf && i === start) {
        // The LF of a CRLF whose CR ended the previous chunk (or the previous line).
        this.skipLf = false;
        start = i + 1;
        continue;
      }
      if (c === 0x0d || c === 0x0a) {
        this.line(this.partial + s.slice(start, i), out);
        this.partial = '';
        this.skipLf = c === 0x0d;
        start = i + 1;
      } else {
        this.skipLf = false;
      }
    }
    this.partial += s.slice(start);
    if (this.partial.length + this.dataChars > this.maxEventChars) {
      throw new SseEventTooLarge(this.maxEventChars);
    }
    return out;
  }

  /** True when the body ended between events; false when it was cut in the middle of one. */
  end(): boolean {
    return this.partial === '' && this.fields === 0;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') {
      if (this.data.length > 0) {
        out.push({
          data: this.data.join('\n'),
          ...(this.event ? { event: this.event } : {}),
          ...(this.id !== undefined ? { id: this.id } : {}),
          ...(this.retry !== undefined ? { retry: this.retry } : {}),
        });
      }
      this.data = [];
      this.dataChars = 0;
      this.event = undefined;
      this.fields = 0;
      return;
    }
    if (line.charCodeAt(0) === 0x3a /* : comment */) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 0x20) value = value.slice(1);
    this.fields++;
    if (field === 'data') {
      this.data.push(value);
      this.dataChars += value.length + 1;
      if (this.dataChars > this.maxEventChars) throw new SseEventTooLarge(this.maxEventChars);
    } else if (field === 'event') this.event = value;
    else if (field === 'id') {
      if (!value.includes('\0')) this.id = value;
    } else if (field === 'retry') {
      if (/^\d+$/.test(value)) this.retry = Number(value);
    } else this.fields--; // unknown fields are ignored entirely
  }
}

/** A response body: any async iterable of bytes or text, destroyable (a Node Readable is). */
export type ByteSource = AsyncIterable<Uint8Array | string> & {
  destroy?(error?: Error): unknown;
};

export interface EventStreamContext {
  readonly httpStatus?: number;
  readonly contentType?: string;
  readonly requestId?: string | undefined;
  readonly traceId?: string | undefined;
  readonly service?: string;
  readonly version?: string;
  readonly action?: string;
  /** Host the stream comes from, for messages. */
  readonly host?: string;
  readonly signal?: AbortSignal;
  /** Longest silence between two chunks before a `TimeoutError`; default: none. */
  readonly idleTimeoutMs?: number | undefined;
  /** Bound on one event, in characters; default: none. */
  readonly maxEventBytes?: number | undefined;
  /** An event's `Response.Error` may be data (see `ActionInfo.errorIsData`). */
  readonly errorIsData?: boolean | undefined;
}

/**
 * The parsed events of one streaming call. Iterate once with `for await`; `abort()` stops
 * the stream and closes the connection (the loop then ends without an error).
 */
export class EventStream<E> implements AsyncIterable<E> {
  private aborted = false;
  private iterated = false;

  constructor(
    private readonly body: ByteSource,
    private readonly context: EventStreamContext = {},
  ) {}

  get requestId(): string | undefined {
    return this.context.requestId;
  }

  abort(): void {
    this.aborted = true;
    this.body.destroy?.();
  }

  [Symbol.asyncIterator](): AsyncIterator<E> {
    if (this.iterated) throw new TypeError('An EventStream can only be iterated once');
    this.iterated = true;
    return this.events();
  }

  private async *events(): AsyncGenerator<E, void, undefined> {
    const { signal, idleTimeoutMs } = this.context;
    // Destroy without an error: an error here would also surface on the request object.
    const onAbort = () => this.body.destroy?.();
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const parser = new SseParser(this.context.maxEventBytes);
    const decoder = new TextDecoder();
    const idleMs =
      idleTimeoutMs !== undefined && idleTimeoutMs > 0 && Number.isFinite(idleTimeoutMs)
        ? idleTimeoutMs
        : 0;
    // Idle time is counted only while waiting for the body, not while the caller handles an event.
    let idle: ReturnType<typeof setTimeout> | undefined;
    let timedOut = false;
    const source = this.body[Symbol.asyncIterator]();
    const next = async () => {
      if (idleMs) {
        idle = setTimeout(() => {
          timedOut = true;
          this.body.destroy?.();
        }, idleMs);
      }
      try {
        return await source.next();
      } finally {
        clearTimeout(idle);
      }
    };
    try {
      try {
        for (let r = await next(); !r.done; r = await next()) {
          const chunk = r.value;
          if (timedOut) break;
          const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
          for (const ev of parser.push(text)) {
            const parsed = this.parse(ev);
            if (parsed === DONE) return;
            yield parsed;
          }
        }
        if (!timedOut) {
          for (const ev of parser.push(decoder.decode())) {
            const parsed = this.parse(ev);
            if (parsed === DONE) return;
            yield parsed;
          }
        }
      } catch (err) {
        if (this.aborted) return;
        if (signal?.aborted) throw abortError(signal);
        if (timedOut) throw this.idleTimeout(idleMs);
        if (err instanceof SseEventTooLarge) {
          throw this.protocolError(
            `An event of the stream is larger than maxResponseBytes (${err.limit}); the connection was closed`,
            '',
            undefined,
            'too-large',
          );
        }
        if (err instanceof ProtocolError || err instanceof TencentCloudError) throw err;
        throw this.protocolError('The event stream was cut off', '', err);
      }
      if (this.aborted) return;
      if (signal?.aborted) throw abortError(signal);
      if (timedOut) throw this.idleTimeout(idleMs);
      if (!parser.end())
        throw this.protocolError('The event stream ended in the middle of an event', '');
    } finally {
      clearTimeout(idle);
      signal?.removeEventListener('abort', onAbort);
      // Leaving early (break, return, throw) must close the connection. On a body that was read
      // to its end this is a no-op, so a keep-alive socket stays reusable.
      this.body.destroy?.();
    }
  }

  private where(): string {
    const { service, action, host } = this.context;
    const who = [service, action].filter(Boolean).join(' ');
    return who || host ? `${who}${host ? ` from ${host}` : ''}: ` : '';
  }

  private idleTimeout(ms: number): TimeoutError {
    return new TimeoutError(
      `${this.where()}no data on the event stream for ${ms} ms (streamIdleTimeoutMs); the connection was closed`,
      { sent: true, timeoutMs: ms },
    );
  }

  private parse(ev: SseEvent): E | typeof DONE {
    if (ev.data === '[DONE]') return DONE;
    let value: unknown;
    try {
      value = parseJson(ev.data);
    } catch (err) {
      throw this.protocolError('An event of the stream is not valid JSON', ev.data, err);
    }
    const envelope = (
      value as { Response?: { Error?: { Code?: unknown; Message?: unknown }; RequestId?: unknown } }
    )?.Response;
    const error = envelope?.Error;
    if (
      error &&
      typeof error.Code === 'string' &&
      isErrorEnvelope(envelope as Record<string, unknown>, this.context.errorIsData)
    ) {
      throw new TencentCloudError({
        code: error.Code,
        message: typeof error.Message === 'string' ? redactText(error.Message) : '',
        requestId:
          typeof envelope.RequestId === 'string' ? envelope.RequestId : this.context.requestId,
        service: this.context.service,
        version: this.context.version,
        action: this.context.action,
        httpStatus: this.context.httpStatus,
        traceId: this.context.traceId,
      });
    }
    return value as E;
  }

  private protocolError(
    message: string,
    snippet: string,
    cause?: unknown,
    problem: ProtocolProblem = 'stream-cut',
  ): ProtocolError {
    const shown = redactedHead(snippet, 200);
    return new ProtocolError(`${this.where()}${message}`, {
      problem: snippet ? 'bad-event' : problem,
      httpStatus: this.context.httpStatus ?? 200,
      contentType: this.context.contentType ?? 'text/event-stream',
      bodySnippet: shown,
      requestId: this.context.requestId,
      traceId: this.context.traceId,
      cause,
    });
  }
}

const DONE: unique symbol = Symbol('done');
