/**
 * One HTTP exchange over `fetch` (Workers, edge functions, Deno, Bun, browsers), with the same
 * contract as the Node transport: `timeoutMs` covers the whole exchange for `sendHttp` and the
 * head for `openHttp`; `maxResponseBytes` is checked against Content-Length, then counted;
 * past either, or on abort, the request's AbortController closes the connection.
 *
 * fetch does not say whether a failed request reached the server. A failure is taken as
 * "not sent" only when its cause names a connection that was never made (refused, DNS);
 * anything else counts as sent, so a mutation is never repeated on a guess.
 */
import {
  abortError,
  ConfigurationError,
  NOT_CONNECTED,
  networkError,
  ProtocolError,
  subject,
  TimeoutError,
  tooLarge,
} from '../../errors/transport.js';
import type { RawResponse } from '../../protocol/envelope.js';
import {
  type BodyStream,
  DEFAULT_MAX_RESPONSE_BYTES,
  type HttpRequest,
  type OpenResponse,
} from '../contract.js';

// Set by fetch itself from the URL and the body; some runtimes refuse them.
const SKIPPED = new Set(['host', 'content-length']);

interface Exchange {
  readonly controller: AbortController;
  /** Why the controller was aborted by us (timeout, caller's signal, size cap). */
  reason: Error | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  readonly cleanup: () => void;
}

function start(req: HttpRequest): Exchange {
  const controller = new AbortController();
  const { signal } = req;
  const ex: Exchange = {
    controller,
    reason: undefined,
    timer: undefined,
    cleanup: () => {
      if (ex.timer) clearTimeout(ex.timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
  const stop = (reason: Error) => {
    ex.reason ??= reason;
    controller.abort(reason);
  };
  const onAbort = () => stop(abortError(signal));
  signal?.addEventListener('abort', onAbort, { once: true });
  if (req.timeoutMs > 0 && Number.isFinite(req.timeoutMs)) {
    ex.timer = setTimeout(
      () =>
        stop(
          new TimeoutError(
            `${subject(req)}: no complete response within ${req.timeoutMs} ms (the request was sent)`,
            { sent: true, timeoutMs: req.timeoutMs },
          ),
        ),
      req.timeoutMs,
    );
  }
  return ex;
}

// A header value fetch would refuse (CR, LF, NUL, beyond Latin-1): found before sending.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse.
const BAD_VALUE = /[\r\n\0]|[^\u0000-\u00ff]/;

// A plain record: measured on Deno, about 25% more calls/s than filling a Headers object.
function headersOf(req: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in req.headers) {
    const value = req.headers[name] as string;
    if (SKIPPED.has(name.toLowerCase())) continue;
    if (BAD_VALUE.test(value)) {
      throw new ConfigurationError(
        `${subject(req)}: the request cannot be sent: header ${name} holds characters HTTP does not allow (CR, LF, non-ASCII?)`,
        { option: `header ${name}` },
      );
    }
    headers[name] = value;
  }
  return headers;
}

/** The connection-level code of a fetch failure, where the runtime gives one. */
function codeOf(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  const text = String((err as Error)?.message ?? '') + String((err as Error)?.cause ?? '');
  if (/connection refused|ConnectionRefused/i.test(text)) return 'ECONNREFUSED';
  if (/dns error|failed to lookup|name resolution|ENOTFOUND/i.test(text)) return 'ENOTFOUND';
  return undefined;
}

async function fetchHead(req: HttpRequest, ex: Exchange): Promise<Response> {
  if (req.signal?.aborted) throw abortError(req.signal);
  const headers = headersOf(req);
  try {
    return await fetch(req.url.origin + req.path, {
      method: req.method,
      headers,
      ...(req.body ? { body: req.body as Uint8Array<ArrayBuffer> } : {}),
      redirect: 'manual',
      signal: ex.controller.signal,
    });
  } catch (err) {
    if (ex.reason) throw ex.reason;
    const code = codeOf(err);
    const sent = !(code && NOT_CONNECTED.has(code));
    const detail = `network failure (${String((err as Error)?.message ?? err).slice(0, 160)})`;
    throw networkError(req, err as Error, sent, 'sending', detail, code);
  }
}

const headerRecord = (h: Headers): Record<string, string> => {
  const out: Record<string, string> = {};
  h.forEach((value, name) => {
    out[name] = value;
  });
  return out;
};

/** Reads the whole body within the cap; the caller's exchange owns the timeout. */
async function readBody(res: Response, req: HttpRequest, ex: Exchange): Promise<Uint8Array> {
  const max = req.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const contentType = res.headers.get('content-type') ?? undefined;
  const length = res.headers.get('content-length');
  const declared = length === null ? Number.NaN : Number(length);
  if (declared > max) {
    ex.controller.abort();
    throw tooLarge(
      req,
      res.status,
      contentType,
      `declares ${declared} bytes (Content-Length)`,
      max,
    );
  }
  if (!res.body) return new Uint8Array(0);
  // A declared length within the cap: one arrayBuffer() (on Deno twice the calls/s of a
  // reader loop). The runtime stops at the declared length, so the cap still holds.
  if (Number.isSafeInteger(declared) && declared >= 0) {
    try {
      return new Uint8Array(await res.arrayBuffer());
    } catch {
      if (ex.reason) throw ex.reason;
      throw networkError(req, undefined, true, 'reading');
    }
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        ex.controller.abort();
        throw tooLarge(req, res.status, contentType, `exceeded ${max} bytes while reading`, max);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (ex.reason) throw ex.reason;
    if (err instanceof ProtocolError) throw err;
    throw networkError(req, undefined, true, 'reading');
  }
  return concat(chunks, size);
}

/** The chunks of a body as one array (the one chunk itself when there is only one). */
function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

export async function sendHttp(req: HttpRequest): Promise<RawResponse> {
  const ex = start(req);
  try {
    const res = await fetchHead(req, ex);
    const body = await readBody(res, req, ex);
    return { status: res.status, headers: headerRecord(res.headers), body };
  } finally {
    ex.cleanup();
  }
}

/** Keeps the exchange of an opened response, for `readRest` and `destroy`. */
const exchanges = new WeakMap<BodyStream, { res: Response; ex: Exchange }>();

export async function openHttp(req: HttpRequest): Promise<OpenResponse> {
  const ex = start(req);
  let res: Response;
  try {
    res = await fetchHead(req, ex);
  } finally {
    // The timeout covers the head; the caller's signal stays wired until the body is done.
    if (ex.timer) clearTimeout(ex.timer);
    ex.timer = undefined;
  }
  // The reader is taken when iteration starts, so readRest can still read the body whole.
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const body: BodyStream = {
    async *[Symbol.asyncIterator]() {
      if (!res.body) return;
      reader = res.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } catch (err) {
        if (ex.reason) throw ex.reason;
        throw networkError(req, err as Error, true, 'reading');
      } finally {
        ex.cleanup();
      }
    },
    destroy() {
      ex.cleanup();
      ex.controller.abort();
      (reader ? reader.cancel() : res.body?.cancel())?.catch(() => {});
    },
  };
  exchanges.set(body, { res, ex });
  return { status: res.status, headers: headerRecord(res.headers), body };
}

export async function readRest(
  opened: OpenResponse,
  req: HttpRequest,
  startedAt: number,
): Promise<Uint8Array> {
  const held = exchanges.get(opened.body);
  if (!held) throw new TypeError('readRest() takes a response opened by openHttp()');
  const { res, ex } = held;
  if (req.signal?.aborted) {
    opened.body.destroy();
    throw abortError(req.signal);
  }
  if (req.timeoutMs > 0 && Number.isFinite(req.timeoutMs)) {
    const left = Math.max(0, req.timeoutMs - (Date.now() - startedAt));
    ex.timer = setTimeout(() => {
      ex.reason ??= new TimeoutError(
        `${subject(req)}: no complete response within ${req.timeoutMs} ms (the body stalled)`,
        { sent: true, timeoutMs: req.timeoutMs },
      );
      ex.controller.abort(ex.reason);
    }, left);
  }
  try {
    return await readBody(res, req, ex);
  } finally {
    ex.cleanup();
  }
}
