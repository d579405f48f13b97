/** The streaming attempt, kept apart so non-streaming bundles leave the SSE code out. */
import { openHttp, readRest } from '#runtime';

import { parseEnvelope } from '../protocol/envelope.js';
import { stringifyJson } from '../protocol/json.js';
import type { Credentials } from '../types.js';
import { httpRequest, type PreparedCall, signedHeaders } from './attempt.js';
import { type AttemptContext, eventBase, withAttemptCredentials } from './runner.js';
import { EventStream } from './sse.js';

const header = (v: string | string[] | undefined): string | undefined =>
  Array.isArray(v) ? v[0] : v;

/** One streaming attempt: resolves once the server answered with an event stream. */
export async function openStreamOnce<E>(
  call: PreparedCall,
  ctx?: AttemptContext,
): Promise<EventStream<E>> {
  return withAttemptCredentials(call, (creds) => open<E>(call, creds, ctx));
}

async function open<E>(
  call: PreparedCall,
  creds: Credentials | undefined,
  ctx: AttemptContext | undefined,
): Promise<EventStream<E>> {
  const headers = await signedHeaders(call, creds);
  const observer = ctx?.observer.active ? ctx.observer : undefined;
  const started = Date.now();
  if (observer && ctx) {
    await observer.beforeRequest({
      ...eventBase(call, ctx),
      method: call.method,
      url: call.url.href,
      headers,
    });
  }
  const request = httpRequest(call, headers);
  const sentAt = Date.now();
  const res = await openHttp(request);
  if (observer && ctx) {
    const requestId = header(res.headers['x-tc-requestid']);
    await observer.afterResponse({
      ...eventBase(call, ctx),
      httpStatus: res.status,
      headers: res.headers,
      ...(requestId ? { requestId } : {}),
      durationMs: Date.now() - started,
    });
  }
  const contentType = header(res.headers['content-type']) ?? '';
  const context = {
    httpStatus: res.status,
    contentType,
    requestId: header(res.headers['x-tc-requestid']),
    traceId: header(res.headers['x-tc-traceid']),
    service: call.service.service,
    version: call.service.version,
    action: call.action.name,
    host: call.url.host,
    idleTimeoutMs: call.streamIdleTimeoutMs,
    maxEventBytes: call.maxResponseBytes,
    errorIsData: call.action.errorIsData,
    ...(call.signal ? { signal: call.signal } : {}),
  };
  if (/^text\/event-stream/i.test(contentType)) return new EventStream<E>(res.body, context);
  // Not a stream: an error envelope (thrown) or a plain result (a stream of one event). The
  // body is read within what is left of the attempt's timeout, with the size cap.
  const body = await readRest(res, request, sentAt);
  const parsed = parseEnvelope(
    { status: context.httpStatus, headers: res.headers, body },
    { ...context, parseJson: call.parseJson, errorIsData: call.action.errorIsData },
  );
  if (!parsed.ok) throw parsed.error;
  const single = (async function* () {
    yield `data: ${stringifyJson(parsed.data)}\n\n`;
  })();
  return new EventStream<E>(single, { ...context, requestId: parsed.requestId });
}
