/**
 * A real core `EventStream` over mocked events: each event is written as an SSE frame and read
 * back by core's parser, so iteration behaves as for a real answer (iterate once, `abort()`,
 * the call's signal, an error envelope as an event throws `TencentCloudError`, an error thrown
 * by the source surfaces as core would surface a cut stream).
 */
import { type ByteSource, EventStream, stringifyJson } from '@scope/core';
import type { StreamSource } from './types.js';

export interface MockStreamContext {
  readonly service: string;
  readonly version: string;
  readonly action: string;
  readonly requestId: string;
  readonly signal: AbortSignal | undefined;
}

export function isStreamSource(value: unknown): value is StreamSource<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  return Symbol.asyncIterator in value || Symbol.iterator in value;
}

export function mockEventStream<E>(
  events: StreamSource<E>,
  ctx: MockStreamContext,
): EventStream<E> {
  if (events instanceof EventStream) return events as EventStream<E>;
  async function* frames(): AsyncGenerator<string> {
    for await (const event of events) yield `data: ${stringifyJson(event)}\n\n`;
  }
  const gen = frames();
  const body: ByteSource = {
    [Symbol.asyncIterator]: () => gen,
    // Closing the body ends the source too (its `finally` blocks run), as a closed socket would.
    destroy: () => {
      gen.return(undefined).catch(() => {});
    },
  };
  return new EventStream<E>(body, {
    httpStatus: 200,
    contentType: 'text/event-stream',
    requestId: ctx.requestId,
    service: ctx.service,
    version: ctx.version,
    action: ctx.action,
    host: 'the mock',
    signal: ctx.signal,
  });
}
