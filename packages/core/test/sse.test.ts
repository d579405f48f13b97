import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStream, SseParser } from '../src/call/sse.js';
import { AbortError, ProtocolError, TencentCloudError } from '../src/errors/index.js';

function parseAll(chunks: string[]) {
  const p = new SseParser();
  const events = chunks.flatMap((c) => p.push(c));
  return { events, clean: p.end() };
}

describe('SseParser', () => {
  it('handles fields, comments, multi-line data and every line ending', () => {
    const text =
      '\uFEFF: hello\r\nevent: delta\r\nid: 7\r\ndata: {"a":\r\ndata: 1}\r\n\r\n' +
      'data:x\rretry: 3000\r\r' +
      'data\nfoo: ignored\n\n' +
      ': trailing comment\n';
    const { events, clean } = parseAll([text]);
    expect(events).toEqual([
      { data: '{"a":\n1}', event: 'delta', id: '7' },
      { data: 'x', id: '7', retry: 3000 },
      { data: '', id: '7', retry: 3000 },
    ]);
    expect(clean).toBe(true);
  });

  it('gives the same events however the text is split (property)', () => {
    const ev = fc.record({
      data: fc.array(fc.stringMatching(/^[^\r\n]*$/), { minLength: 1, maxLength: 3 }),
      event: fc.option(fc.stringMatching(/^[a-z]{1,5}$/), { nil: undefined }),
    });
    const eol = fc.constantFrom('\n', '\r', '\r\n');
    fc.assert(
      fc.property(
        fc.array(ev, { maxLength: 5 }),
        eol,
        fc.array(fc.nat(), { maxLength: 6 }),
        (evs, nl, cuts) => {
          const text = evs
            .map(
              (e) =>
                (e.event ? `event: ${e.event}${nl}` : '') +
                e.data.map((d) => `data: ${d}${nl}`).join('') +
                nl,
            )
            .join('');
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks: string[] = [];
          let prev = 0;
          for (const p of [...points, text.length]) {
            chunks.push(text.slice(prev, p));
            prev = p;
          }
          const whole = parseAll([text]);
          const split = parseAll(chunks);
          expect(split).toEqual(whole);
          expect(whole.clean).toBe(true);
          expect(whole.events.map((e) => e.data)).toEqual(evs.map((e) => e.data.join('\n')));
        },
      ),
    );
  });

  it('reports a body cut in the middle of an event', () => {
    expect(parseAll(['data: {"a":1}\n']).clean).toBe(false);
    expect(parseAll(['data: {"a"']).clean).toBe(false);
    expect(parseAll(['data: 1\n\n: x\n']).clean).toBe(true);
  });
});

async function* chunks(...parts: (string | Uint8Array)[]) {
  for (const p of parts) yield p;
}

async function collect<E>(s: EventStream<E>): Promise<E[]> {
  const out: E[] = [];
  for await (const e of s) out.push(e);
  return out;
}

describe('EventStream over an iterable', () => {
  it('parses JSON events with exact numbers and decodes UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: {"t":"数","n":12345678901234567890}\n\n');
    const s = new EventStream(chunks(bytes.slice(0, 11), bytes.slice(11, 12), bytes.slice(12)));
    expect(await collect(s)).toEqual([{ t: '数', n: 12345678901234567890n }]);
  });

  it('raises ProtocolError on malformed JSON and on a cut stream', async () => {
    await expect(collect(new EventStream(chunks('data: {oops}\n\n')))).rejects.toBeInstanceOf(
      ProtocolError,
    );
    await expect(collect(new EventStream(chunks('data: {"a":1}\n\ndata: {"a"')))).rejects.toThrow(
      /middle of an event/,
    );
  });

  it('raises TencentCloudError for an error envelope inside the stream', async () => {
    const body =
      'data: {"Response":{"Error":{"Code":"InternalError","Message":"m"},"RequestId":"r-9"}}\n\n';
    const err = await collect(new EventStream(chunks(body), { action: 'ChatCompletions' })).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(TencentCloudError);
    expect(err.code).toBe('InternalError');
    expect(err.requestId).toBe('r-9');
  });

  it('stops at [DONE] and can be iterated only once', async () => {
    const s = new EventStream(chunks('data: 1\n\ndata: [DONE]\n\ndata: 2\n\n'));
    expect(await collect(s)).toEqual([1]);
    expect(() => s[Symbol.asyncIterator]()).toThrow(TypeError);
  });
});

describe('EventStream over HTTP', () => {
  let server: http.Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
    server = undefined;
  });

  /** A server whose handler writes the stream; resolves the client response and a "closed" promise. */
  async function open(handler: (res: http.ServerResponse) => void) {
    let closed!: Promise<unknown>;
    server = http.createServer((_req, res) => {
      closed = once(res, 'close');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      handler(res);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const req = http.request({ host: '127.0.0.1', port, method: 'POST' });
    req.end();
    const [res] = (await once(req, 'response')) as [http.IncomingMessage];
    return { res, closed: () => closed };
  }

  it('ends cleanly when the server ends between events', async () => {
    const { res } = await open((r) => {
      r.write('data: {"i":1}\n\n');
      setImmediate(() => r.end('data: {"i":2}\n\n'));
    });
    expect(await collect(new EventStream(res))).toEqual([{ i: 1 }, { i: 2 }]);
  });

  it('raises ProtocolError when the connection is cut mid-event', async () => {
    const { res } = await open((r) => {
      r.write('data: {"i":1}\n\ndata: {"i":');
      setImmediate(() => r.socket?.destroy());
    });
    const got: unknown[] = [];
    const err = await (async () => {
      for await (const e of new EventStream(res)) got.push(e);
    })().catch((e) => e);
    expect(got).toEqual([{ i: 1 }]);
    expect(err).toBeInstanceOf(ProtocolError);
  });

  it('closes the connection when the loop is left early', async () => {
    const { res, closed } = await open((r) => {
      const t = setInterval(() => r.write('data: {"tick":1}\n\n'), 5);
      r.on('close', () => clearInterval(t));
    });
    let n = 0;
    for await (const _ of new EventStream(res)) if (++n === 2) break;
    await closed();
    expect(res.destroyed).toBe(true);
  });

  it('abort() ends the loop quietly and closes the connection', async () => {
    const { res, closed } = await open((r) => r.write('data: 1\n\n'));
    const s = new EventStream<number>(res);
    const seen: number[] = [];
    for await (const e of s) {
      seen.push(e);
      s.abort();
    }
    await closed();
    expect(seen).toEqual([1]);
  });

  it("the call's signal rejects the loop with AbortError and closes the connection", async () => {
    const { res, closed } = await open((r) => r.write('data: 1\n\n'));
    const ac = new AbortController();
    const s = new EventStream<number>(res, { signal: ac.signal });
    const err = await (async () => {
      for await (const _ of s) ac.abort();
    })().catch((e) => e);
    await closed();
    expect(err).toBeInstanceOf(AbortError);
  });
});
