/**
 * The emulator: an HTTP server on 127.0.0.1 that answers Tencent Cloud API 3.0 calls for
 * every service version in its spec catalogue. One request runs through: route (service,
 * action, version) -> injected fault -> signature -> input checks -> stream or stub or default.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { COMMON_ERRORS, parseJson } from '@scope/core';
import { parseAuthorization, verifyTc3 } from '../auth/verify.js';
import { SpecCatalog } from '../spec/catalog.js';
import type { ActionFlags, ApiSpec, LoadedSpec } from '../spec/model.js';
import { minimalInput, type SampleOptions, sampleOutput } from '../spec/sample.js';
import { isPlainObject, validateInput } from '../spec/validate.js';
import { Behaviors, type StreamStub } from './behaviors.js';
import {
  errorEnvelope,
  sendGatewayPage,
  sendJson,
  sendTruncated,
  sseChunk,
  successEnvelope,
} from './envelope.js';
import { parseFlattened } from './flattened.js';
import { RequestLog } from './log.js';
import { routeRequest } from './routing.js';
import { type ScriptOptions, type ScriptStep, scriptedStub } from './scripted.js';
import type {
  CallContext,
  EmulatorOptions,
  Fault,
  MatchOptions,
  RecordedRequest,
  StreamEvent,
  StreamOptions,
  StreamSource,
  StubResponse,
} from './types.js';

/** Throw (or reject with) this from a stub to answer an error envelope. */
export class EmulatedApiError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'EmulatedApiError';
  }
}

export interface Emulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly catalog: SpecCatalog;
  /**
   * Requests received, oldest first, within `maxRecordedRequests` and `maxRecordedBytes`;
   * bodies only for requests that passed the checks. Read it; `reset()` empties it.
   */
  readonly requests: RecordedRequest[];
  /** Bytes the recorded requests hold now (bounded by `maxRecordedBytes`). */
  readonly recordedBytes: number;
  /** Answer `action` with a fixed payload or a function of the input (until replaced). */
  stub(action: string, response: StubResponse, opts?: MatchOptions): Emulator;
  /**
   * Answer `action` with `steps` in order, one per call, the last one repeating: a resource's
   * state over time (per resource with `key`). Replaces earlier stubs of `action`.
   */
  script(action: string, steps: readonly ScriptStep[], opts?: ScriptOptions): Emulator;
  /** Answer an SSE action with these events when the request asks for a stream. */
  stubStream(action: string, events: StreamSource, opts?: MatchOptions & StreamOptions): Emulator;
  /** Inject a fault for the next call(s) of `action` (`*` = any action). */
  fail(action: string, fault: Fault | string, opts?: MatchOptions): Emulator;
  /** Answer RequestLimitExceeded to the next `times` calls of `action` (`*` = any). */
  throttle(action: string, times: number, opts?: { service?: string }): Emulator;
  /** Default answer of an action (no RequestId), as sent when no stub is registered. */
  sample(service: string, action: string, version?: string): Record<string, unknown>;
  /** The smallest valid input of an action (required members only). */
  minimalInput(service: string, action: string, version?: string): Record<string, unknown>;
  /** Recorded requests for one action. */
  requestsFor(action: string): RecordedRequest[];
  /** Forget stubs, faults and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

/** Tencent accepts TC3 POST bodies up to 10 MB. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
const MAX_RECORDED_BYTES = 16 * 1024 * 1024;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const catalog = new SpecCatalog(options.specs ?? []);
  const credentials = options.credentials ?? [];
  const verify = options.verifySignatures ?? credentials.length > 0;
  const now = options.now ?? Date.now;
  const behaviors = new Behaviors();
  const log = new RequestLog(
    options.maxRecordedRequests ?? 10_000,
    options.maxRecordedBytes ?? MAX_RECORDED_BYTES,
  );
  const requests = log.records;
  const maxRequestBytes = options.maxRequestBytes ?? MAX_REQUEST_BYTES;
  const timers = new Set<NodeJS.Timeout>();
  const sampleOptions = { bigInt64: options.bigInt64Samples };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const { body, size, tooLarge } = await readBody(req, maxRequestBytes);
    const headers = flatHeaders(req);
    const url = new URL(req.url ?? '/', 'http://emulator');
    const query = url.search.slice(1);
    const method = req.method ?? 'GET';
    const contentType = (headers['content-type'] ?? '').toLowerCase();
    const isForm = method === 'GET' || contentType.startsWith('application/x-www-form-urlencoded');
    const flat =
      isForm && !tooLarge
        ? parseFlattened(method === 'GET' ? query : body.toString('utf8'))
        : { params: {}, common: {} };
    const route = routeRequest(headers, url.pathname, flat.common, catalog, options.defaultService);
    const record: RecordedRequest = {
      time: new Date(),
      method,
      path: url.pathname,
      query,
      service: route.service,
      action: route.action,
      version: route.version,
      region: route.region,
      headers: redactHeaders(headers),
      secretId: parseAuthorization(headers.authorization)?.secretId,
      size,
    };
    log.add(record);

    const fail = (code: string, message: string, status = 200) => {
      record.response = { kind: 'error', status, requestId, code };
      sendJson(res, errorEnvelope(code, message, requestId), status);
    };

    if (tooLarge) {
      // The rest of the body is never read: answer, then close the connection.
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.socket.destroy());
      return fail(
        'RequestSizeLimitExceeded',
        `The request body is larger than the ${maxRequestBytes} bytes the API accepts.`,
      );
    }

    if (method !== 'GET' && method !== 'POST') {
      return fail(
        'UnsupportedProtocol',
        `HTTP method ${method} is not supported; use GET or POST.`,
      );
    }
    const { service, action, version } = route;
    if (!action)
      return fail('MissingParameter', 'The request is missing a required parameter `Action`.');
    if (!service || !catalog.has(service)) {
      return fail(
        'InvalidAction',
        `The service \`${service ?? ''}\` is not described by the emulator's specs.`,
      );
    }
    if (!version)
      return fail('MissingParameter', 'The request is missing a required parameter `Version`.');
    const spec = catalog.get(service, version);
    if (!spec) {
      return fail(
        'NoSuchVersion',
        `The API version \`${version}\` of service \`${service}\` does not exist.`,
      );
    }
    const def = Object.hasOwn(spec.api.actions, action) ? spec.api.actions[action] : undefined;
    if (!def || def.status === 'offline') {
      return fail(
        'InvalidAction',
        `The action \`${action}\` of service \`${service}\` version \`${version}\` does not exist.`,
      );
    }
    const flags: ActionFlags = spec.errors?.actionFlags?.[action] ?? {};
    const ctx: CallContext = {
      service,
      version,
      action,
      region: route.region,
      requestId,
      headers: record.headers,
    };

    const fault = behaviors.faults.take(service, action);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.drop) {
      record.response = { kind: 'dropped' };
      req.socket.destroy();
      return;
    }
    if (fault?.gateway) {
      record.response = { kind: 'gateway', status: fault.gateway };
      return sendGatewayPage(res, fault.gateway);
    }
    if (fault?.code) {
      return fail(fault.code, fault.message ?? describe(spec, fault.code), fault.httpStatus);
    }

    if (verify) {
      const unsigned =
        flags.skipSign && (!headers.authorization || headers.authorization === 'SKIP');
      if (!unsigned && !headers.authorization && flat.common.Signature) {
        return fail(
          'AuthFailure.SignatureFailure',
          'The emulator verifies TC3-HMAC-SHA256 only, not the legacy HmacSHA1/HmacSHA256 form signature; start it without credentials to accept any signature.',
        );
      }
      if (!unsigned) {
        const problem = verifyTc3(
          { method, path: url.pathname, query, headers, body },
          {
            credentials,
            service,
            now: now() / 1000,
            maxSkewSeconds: options.maxSkewSeconds,
          },
        );
        if (problem) return fail(problem.code, problem.message);
      }
    }

    let input: Record<string, unknown> = {};
    if (isForm) {
      input = flat.params;
    } else if (!flags.rawBody && body.length > 0) {
      try {
        // core's exact parser: int64 inputs beyond 2^53 are recorded and validated as bigint.
        const parsed: unknown = parseJson(body.toString('utf8'));
        if (!isPlainObject(parsed)) {
          return fail('InvalidParameter', 'The request body must be a JSON object.');
        }
        input = parsed;
      } catch {
        return fail('InvalidParameter', 'The request body is not valid JSON.');
      }
    }
    if (flags.rawBody) {
      const raw = body.toString('base64');
      log.keepBody(record, raw, raw.length);
    } else {
      const problem = validateInput(spec.api, def.input, input, { fromStrings: isForm });
      if (problem) return fail(problem.code, problem.message);
      log.keepBody(record, input, method === 'GET' ? query.length : body.length);
    }
    if (input.DryRun === true) {
      return fail('DryRunOperation', 'The request would have succeeded, but DryRun was set.');
    }

    if (flags.sse && input.Stream !== false) {
      const streamStub = behaviors.streams.take(service, action);
      if (streamStub || input.Stream === true) {
        record.response = { kind: 'stream', status: 200, requestId };
        const stub = streamStub ?? defaultStream(spec.api, action, sampleOptions);
        return sendStream(res, stub, input, ctx, sleep);
      }
    }

    let payload: Record<string, unknown>;
    try {
      const stub = behaviors.stubs.take(service, action);
      payload =
        stub === undefined
          ? sampleOutput(spec.api, action, sampleOptions)
          : typeof stub === 'function'
            ? await stub(input, ctx)
            : stub;
    } catch (err) {
      if (err instanceof EmulatedApiError) {
        return fail(err.code, err.code === err.message ? describe(spec, err.code) : err.message);
      }
      return fail(
        'InternalError',
        `The stub for ${action} threw: ${(err as Error)?.message ?? String(err)}`,
      );
    }
    const rid = typeof payload.RequestId === 'string' ? payload.RequestId : requestId;
    const text = successEnvelope(payload, rid);
    if (fault?.truncate) {
      record.response = { kind: 'truncated', status: 200, requestId: rid };
      return sendTruncated(res, text);
    }
    record.response = { kind: 'ok', status: 200, requestId: rid };
    sendJson(res, text);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      sendJson(res, errorEnvelope('InternalError', `Emulator failure: ${message}`, randomUUID()));
    });
  });
  server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    proxyToSelf(server, req, socket, head),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  const emulator: Emulator = {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    catalog,
    requests,
    stub(action, response, opts) {
      behaviors.stubs.add(action, response, opts, Number.POSITIVE_INFINITY);
      return emulator;
    },
    script(action, steps, opts) {
      behaviors.stubs.add(action, scriptedStub(steps, opts), opts, Number.POSITIVE_INFINITY);
      return emulator;
    },
    stubStream(action, events, opts) {
      const stub: StreamStub = {
        source: events,
        options: { cutAfter: opts?.cutAfter, intervalMs: opts?.intervalMs },
      };
      behaviors.streams.add(action, stub, opts, Number.POSITIVE_INFINITY);
      return emulator;
    },
    fail(action, fault, opts) {
      behaviors.faults.add(action, typeof fault === 'string' ? { code: fault } : fault, opts, 1);
      return emulator;
    },
    throttle(action, times, opts) {
      behaviors.faults.add(
        action,
        { code: 'RequestLimitExceeded', message: 'Your request frequency has exceeded the limit.' },
        { service: opts?.service, times },
        1,
      );
      return emulator;
    },
    sample(service, action, version) {
      return sampleOutput(apiOf(catalog, service, version), action, sampleOptions);
    },
    minimalInput(service, action, version) {
      return minimalInput(apiOf(catalog, service, version), action);
    },
    requestsFor(action) {
      return requests.filter((r) => r.action === action);
    },
    get recordedBytes() {
      return log.bytes;
    },
    reset() {
      behaviors.clear();
      log.clear();
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return emulator;
}

/** The api.json of a service version (newest when no version is given). */
function apiOf(catalog: SpecCatalog, service: string, version: string | undefined): ApiSpec {
  const ver = version ?? catalog.versions(service)[0];
  const spec = ver ? catalog.get(service, ver) : undefined;
  if (!spec) throw new Error(`the emulator has no spec for ${service} ${version ?? ''}`.trim());
  return spec.api;
}

function describe(spec: LoadedSpec, code: string): string {
  const own = spec.errors?.errors?.find((e) => e.code === code)?.description;
  if (own) return own;
  const common = (COMMON_ERRORS as Record<string, { description: string } | undefined>)[code];
  return common?.description ?? code;
}

function defaultStream(api: ApiSpec, action: string, sampleOptions: SampleOptions): StreamStub {
  const chunk = sampleOutput(api, action, sampleOptions);
  return { source: [chunk, chunk], options: {} };
}

async function sendStream(
  res: ServerResponse,
  stub: StreamStub,
  input: Record<string, unknown>,
  ctx: CallContext,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  const source = typeof stub.source === 'function' ? await stub.source(input, ctx) : stub.source;
  const { cutAfter, intervalMs } = stub.options;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    'X-TC-RequestId': ctx.requestId,
  });
  res.flushHeaders();
  let sent = 0;
  for await (const event of source as AsyncIterable<StreamEvent>) {
    if (res.destroyed) return;
    await new Promise<void>((resolve) => res.write(sseChunk(event), () => resolve()));
    sent++;
    if (cutAfter !== undefined && sent >= cutAfter) break;
    if (intervalMs) await sleep(intervalMs);
  }
  if (cutAfter !== undefined) res.destroy();
  else res.end();
}

interface ReadBody {
  readonly body: Buffer;
  /** Bytes read. */
  readonly size: number;
  /** The body passed `max`: reading stopped there and nothing was kept. */
  readonly tooLarge: boolean;
}

const EMPTY = Buffer.alloc(0);

/** Reads a body of at most `max` bytes; stops (pausing the socket) as soon as it passes. */
function readBody(req: IncomingMessage, max: number): Promise<ReadBody> {
  const declared = Number(req.headers['content-length']);
  if (declared > max) return Promise.resolve({ body: EMPTY, size: 0, tooLarge: true });
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.off('data', onData);
        req.pause();
        chunks = [];
        resolve({ body: EMPTY, size, tooLarge: true });
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve({ body: Buffer.concat(chunks), size, tooLarge: false }));
    req.on('error', reject);
  });
}

/**
 * The emulator as an HTTP proxy to itself: a client given it as proxy (the official SDK's
 * `httpProfile.proxy`) sends `CONNECT cvm.tencentcloudapi.com:80`, and the tunnel is served by
 * this same server, so the request keeps its real Host and signature. Nothing is forwarded.
 */
function proxyToSelf(server: Server, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  if (/:443$/.test(req.url ?? '')) {
    const text = `The emulator speaks plain HTTP; ${req.url} asks for TLS. Use protocol http://.\n`;
    socket.end(
      `HTTP/1.1 501 Emulator speaks plain HTTP (use protocol http://)\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
    return;
  }
  socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  if (head.length > 0) socket.unshift(head);
  server.emit('connection', socket);
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

const SECRET_HEADERS = new Set(['authorization', 'x-tc-token']);

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    out[k] = SECRET_HEADERS.has(k) && v !== 'SKIP' ? '[redacted]' : v;
  }
  return out;
}
