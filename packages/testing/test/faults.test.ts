import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { CRED, call, DEMO, errorCode } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ specs: [DEMO], credentials: [CRED] });
});
beforeEach(() => emu.reset());
afterAll(() => emu.close());

const put = () => call(emu.port, { action: 'PutThing', body: { Name: 'a' } });

/** A raw unsigned POST whose response body is read as it streams. */
function rawStream(
  port: number,
  body: unknown,
): Promise<{ chunks: string[]; error?: Error; contentType?: string }> {
  return new Promise((resolve) => {
    const chunks: string[] = [];
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: {
          Host: 'demo.tencentcloudapi.com',
          'Content-Type': 'application/json',
          'X-TC-Action': 'Chat',
          'X-TC-Version': '2020-01-01',
        },
      },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (c: string) => chunks.push(c));
        res.on('end', () => resolve({ chunks, contentType: res.headers['content-type'] }));
        res.on('error', (error) =>
          resolve({ chunks, error, contentType: res.headers['content-type'] }),
        );
        res.on('aborted', () =>
          resolve({
            chunks,
            error: new Error('aborted'),
            contentType: res.headers['content-type'],
          }),
        );
      },
    );
    req.on('error', (error) => resolve({ chunks, error }));
    req.end(JSON.stringify(body));
  });
}

describe('fault injection', () => {
  it('answers any error code for an action, with the registry description or a given message', async () => {
    emu.fail('PutThing', 'ResourceNotFound.Thing');
    const a = await put();
    expect(a.status).toBe(200);
    expect(a.json.Response.Error).toEqual({
      Code: 'ResourceNotFound.Thing',
      Message: 'The thing does not exist.',
    });
    expect(a.json.Response.RequestId).toBeTypeOf('string');
    emu.fail('PutThing', { code: 'InternalError', message: 'disk on fire' });
    expect((await put()).json.Response.Error).toEqual({
      Code: 'InternalError',
      Message: 'disk on fire',
    });
    // A common code without a message takes core's registry description.
    emu.fail('*', 'ResourceUnavailable');
    expect((await put()).json.Response.Error.Message.length).toBeGreaterThan(0);
    // Faults are one-shot by default.
    expect(errorCode(await put())).toBeUndefined();
  });

  it('queues faults first-in first-out and honours times', async () => {
    emu.fail('PutThing', 'FailedOperation').fail('PutThing', 'InternalError', { times: 2 });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(errorCode(await put()));
    expect(codes).toEqual(['FailedOperation', 'InternalError', 'InternalError', undefined]);
  });

  it('throttles the next N calls with RequestLimitExceeded', async () => {
    emu.throttle('PutThing', 2);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(errorCode(await put()));
    expect(codes).toEqual(['RequestLimitExceeded', 'RequestLimitExceeded', undefined]);
    expect(emu.requests.map((r) => r.response?.code)).toEqual([
      'RequestLimitExceeded',
      'RequestLimitExceeded',
      undefined,
    ]);
  });

  it('delays an answer', async () => {
    emu.fail('PutThing', { delayMs: 150 });
    const started = performance.now();
    const r = await put();
    // A lower bound only: the server cannot answer before the delay has passed.
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(errorCode(r)).toBeUndefined();
  });

  it('drops the connection before answering', async () => {
    emu.fail('PutThing', { drop: true });
    await expect(put()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(emu.requests[0]?.response?.kind).toBe('dropped');
    expect(errorCode(await put())).toBeUndefined();
  });

  it('answers an HTML 502 page from a gateway', async () => {
    emu.fail('PutThing', { gateway: 502 });
    const r = await put();
    expect(r.status).toBe(502);
    expect(r.headers['content-type']).toBe('text/html');
    expect(r.text).toContain('502 Bad Gateway');
    expect(r.json).toBeUndefined();
  });

  it('answers a truncated JSON body with HTTP 200', async () => {
    emu.fail('PutThing', { truncate: true });
    const r = await put();
    expect(r.status).toBe(200);
    expect(r.text.startsWith('{"Response":')).toBe(true);
    expect(() => JSON.parse(r.text)).toThrow();
  });

  it('answers an error envelope with a non-200 status when asked', async () => {
    emu.fail('PutThing', { code: 'InternalError', httpStatus: 500 });
    const r = await put();
    expect(r.status).toBe(500);
    expect(errorCode(r)).toBe('InternalError');
  });
});

describe('server-sent events', () => {
  const open = async () => startEmulator({ specs: [DEMO] });

  it('streams the events of a stream stub as data: lines', async () => {
    const e = await open();
    try {
      e.stubStream('Chat', [{ Text: 'he' }, { Text: 'llo' }, 'raw-line']);
      const r = await rawStream(e.port, { Prompt: 'hi', Stream: true });
      expect(r.contentType).toBe('text/event-stream');
      expect(r.error).toBeUndefined();
      expect(r.chunks.join('')).toBe(
        'data: {"Text":"he"}\n\ndata: {"Text":"llo"}\n\ndata: raw-line\n\n',
      );
      expect(e.requests[0]?.response?.kind).toBe('stream');
    } finally {
      await e.close();
    }
  });

  it('streams events from an async generator of the input', async () => {
    const e = await open();
    try {
      e.stubStream('Chat', async function* (input) {
        for (const ch of String(input.Prompt)) yield { Text: ch };
      });
      const r = await rawStream(e.port, { Prompt: 'abc', Stream: true });
      expect(r.chunks.join('').match(/data: /g)).toHaveLength(3);
    } finally {
      await e.close();
    }
  });

  it('cuts a stream mid-way', async () => {
    const e = await open();
    try {
      e.stubStream('Chat', [{ Text: '1' }, { Text: '2' }, { Text: '3' }], { cutAfter: 1 });
      const r = await rawStream(e.port, { Prompt: 'hi', Stream: true });
      expect(r.error).toBeDefined();
      expect(r.chunks.join('')).toBe('data: {"Text":"1"}\n\n');
    } finally {
      await e.close();
    }
  });

  it('streams default events without a stub when Stream is true; JSON when Stream is false', async () => {
    const e = await open();
    try {
      const s = await rawStream(e.port, { Prompt: 'hi', Stream: true });
      expect(s.contentType).toBe('text/event-stream');
      expect(s.chunks.join('').match(/data: /g)).toHaveLength(2);
      e.stubStream('Chat', [{ Text: 'x' }]);
      const j = await rawStream(e.port, { Prompt: 'hi', Stream: false });
      expect(j.contentType).toBe('application/json');
      expect(JSON.parse(j.chunks.join('')).Response.Text).toBeTypeOf('string');
    } finally {
      await e.close();
    }
  });

  it('answers an injected error as a JSON envelope instead of a stream', async () => {
    const e = await open();
    try {
      e.stubStream('Chat', [{ Text: 'x' }]).fail('Chat', 'RequestLimitExceeded');
      const r = await rawStream(e.port, { Prompt: 'hi', Stream: true });
      expect(r.contentType).toBe('application/json');
      expect(JSON.parse(r.chunks.join('')).Response.Error.Code).toBe('RequestLimitExceeded');
    } finally {
      await e.close();
    }
  });
});
