/**
 * What the emulator holds: records bounded by bytes (oldest dropped first, only what is kept
 * counted), no bodies for rejected requests, and request bodies capped at `maxRequestBytes`
 * with Tencent's RequestSizeLimitExceeded, answered without reading the rest.
 */
import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EmulatedApiError,
  type Emulator,
  type RecordedRequest,
  startEmulator,
} from '../src/index.js';
import { recordCost } from '../src/server/log.js';
import { CRED, call, DEMO, errorCode } from './helpers.js';

const MiB = 1024 * 1024;

describe('recorded requests are bounded by bytes', () => {
  it('keeps the newest requests whose kept bytes fit maxRecordedBytes, dropping the oldest first', async () => {
    const step = fc.record({
      accepted: fc.boolean(),
      nameBytes: fc.integer({ min: 0, max: 3000 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1500, max: 12_000 }),
        fc.array(step, { minLength: 1, maxLength: 12 }),
        async (maxRecordedBytes, steps) => {
          const emu = await startEmulator({ specs: [DEMO], maxRecordedBytes });
          try {
            // The model: each request's cost as recorded, then oldest-first eviction.
            const model: { seq: number; cost: number }[] = [];
            for (const [seq, s] of steps.entries()) {
              const name = 'n'.repeat(s.nameBytes);
              const body = s.accepted ? { Name: name } : { Name: name, Colour: 1 };
              const r = await call(emu.port, {
                action: 'PutThing',
                body,
                cred: null,
                headers: { 'X-Seq': String(seq) },
              });
              expect(errorCode(r)).toBe(s.accepted ? undefined : 'UnknownParameter');
              const rec = emu.requests.at(-1) as RecordedRequest;
              expect(rec.headers['x-seq']).toBe(String(seq));
              expect(rec.size).toBe(JSON.stringify(body).length);
              const cost = recordCost(rec, rec.body === undefined ? 0 : rec.size);
              model.push({ seq, cost });
              let total = model.reduce((n, m) => n + m.cost, 0);
              while (model.length > 1 && total > maxRecordedBytes) {
                total -= (model.shift() as { cost: number }).cost;
              }
              if (!s.accepted) expect(rec.body).toBeUndefined();
              // A body is kept when it fits on its own; otherwise it is marked omitted.
              if (s.accepted) {
                expect(rec.body === undefined).toBe(rec.bodyOmitted === true);
                expect(rec.bodyOmitted === true).toBe(
                  recordCost(rec) + rec.size > maxRecordedBytes,
                );
              }
            }
            expect(emu.requests.map((r) => Number(r.headers['x-seq']))).toEqual(
              model.map((m) => m.seq),
            );
            expect(emu.recordedBytes).toBe(model.reduce((n, m) => n + m.cost, 0));
            if (emu.requests.length > 1) {
              expect(emu.recordedBytes).toBeLessThanOrEqual(maxRecordedBytes);
            }
          } finally {
            await emu.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('holds 16 MiB by default: 40 accepted 1 MiB bodies leave the newest 15 or so', async () => {
    const emu = await startEmulator({ specs: [DEMO] });
    try {
      const name = 'x'.repeat(MiB);
      for (let i = 0; i < 40; i++) {
        const r = await call(emu.port, { action: 'PutThing', body: { Name: name }, cred: null });
        expect(errorCode(r)).toBeUndefined();
      }
      expect(emu.recordedBytes).toBeLessThanOrEqual(16 * MiB);
      expect(emu.requests.length).toBeGreaterThanOrEqual(14);
      expect(emu.requests.length).toBeLessThan(17);
      expect(emu.requests.every((r) => r.body !== undefined)).toBe(true);
      emu.reset();
      expect(emu.recordedBytes).toBe(0);
    } finally {
      await emu.close();
    }
  });
});

describe('rejected requests keep no body', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ specs: [DEMO], credentials: [CRED] });
  });
  beforeEach(() => emu.reset());
  afterAll(() => emu.close());

  const big = 'b'.repeat(50_000);
  it.each([
    ['UnknownParameter', { action: 'PutThing', body: { Name: big, Colour: 'red' } }],
    ['InvalidParameter', { action: 'PutThing', body: { Name: big, Count: 'many' } }],
    ['InvalidParameterValue', { action: 'PutThing', body: { Name: big, Size: -1 } }],
    ['MissingParameter', { action: 'PutThing', body: { Ids: [big] } }],
    ['InvalidParameter', { action: 'PutThing', rawBody: `{"Name":"${big}"` }],
    [
      'AuthFailure.SignatureFailure',
      { action: 'PutThing', body: { Name: big }, sentBody: `{"Name":"${big}x"}` },
    ],
    ['InvalidAction', { action: 'NoSuchThing', body: { Name: big } }],
  ] as const)('%s: action, status, code and size recorded, body dropped', async (code, input) => {
    const r = await call(emu.port, input);
    expect(errorCode(r)).toBe(code);
    const rec = emu.requests.at(-1);
    expect(rec).toMatchObject({
      action: input.action,
      response: { kind: 'error', status: 200, code },
    });
    expect(rec?.body).toBeUndefined();
    expect(rec?.size).toBeGreaterThan(50_000);
    expect(emu.recordedBytes).toBeLessThan(5_000);
  });

  it('keeps the body of an accepted request, and of a DryRun or a stub error (the checks passed)', async () => {
    await call(emu.port, { action: 'PutThing', body: { Name: 'ok' } });
    await call(emu.port, { action: 'PutThing', body: { Name: 'dry', DryRun: true } });
    emu.stub('PutThing', () => {
      throw new EmulatedApiError('ResourceNotFound.Thing');
    });
    const r = await call(emu.port, { action: 'PutThing', body: { Name: 'gone' } });
    expect(errorCode(r)).toBe('ResourceNotFound.Thing');
    expect(emu.requests.map((r) => r.body)).toEqual([
      { Name: 'ok' },
      { Name: 'dry', DryRun: true },
      { Name: 'gone' },
    ]);
  });
});

interface Upload {
  readonly status?: number;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience
  readonly json?: any;
  readonly headers?: Record<string, string | string[] | undefined>;
  /** Body bytes the client had written when the answer arrived. */
  readonly writtenAtAnswer?: number;
  /** Whether the client had finished its body when the answer arrived. */
  readonly finishedAtAnswer?: boolean;
}

/**
 * POSTs `total` bytes (Infinity: a body that never ends) in 64 KiB chunks with backpressure,
 * and stops writing once the answer arrives. A connection reset after the answer is expected.
 */
function upload(port: number, total: number, declareLength: boolean): Promise<Upload> {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    let finished = false;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: {
          Host: 'demo.tencentcloudapi.com',
          'Content-Type': 'application/json',
          'X-TC-Action': 'PutThing',
          'X-TC-Version': '2020-01-01',
          ...(declareLength ? { 'Content-Length': String(total) } : {}),
        },
      },
      (res) => {
        answered = true;
        const at = { writtenAtAnswer: written, finishedAtAnswer: finished };
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          resolve({ status: res.statusCode, json: JSON.parse(text), headers: res.headers, ...at });
        });
        res.on('error', reject);
      },
    );
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const pump = () => {
      while (!answered && written < total) {
        const n = Math.min(chunk.length, total - written);
        written += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && written >= total) {
        finished = true;
        req.end();
      }
    };
    pump();
  });
}

describe('request size cap (maxRequestBytes, default 10 MiB as Tencent)', () => {
  it('answers a declared 20 MB body with RequestSizeLimitExceeded at once, reading none of it', async () => {
    const emu = await startEmulator({ specs: [DEMO] });
    try {
      const total = 20 * 1000 * 1000;
      const res = await upload(emu.port, total, true);
      expect(res.status).toBe(200);
      expect(res.json.Response.Error.Code).toBe('RequestSizeLimitExceeded');
      expect(res.json.Response.Error.Message).toContain(String(10 * MiB));
      expect(res.headers?.connection).toBe('close');
      expect(res.finishedAtAnswer).toBe(false);
      const rec = emu.requests.at(-1);
      expect(rec).toMatchObject({
        action: 'PutThing',
        size: 0,
        response: { kind: 'error', status: 200, code: 'RequestSizeLimitExceeded' },
      });
      expect(rec?.body).toBeUndefined();
      expect(emu.recordedBytes).toBeLessThan(5_000);
    } finally {
      await emu.close();
    }
  });

  it('stops reading a body without Content-Length as soon as it passes the cap (the body never ends)', async () => {
    const emu = await startEmulator({ specs: [DEMO], maxRequestBytes: MiB });
    try {
      const res = await upload(emu.port, Number.POSITIVE_INFINITY, false);
      expect(res.json.Response.Error.Code).toBe('RequestSizeLimitExceeded');
      expect(res.json.Response.Error.Message).toContain(String(MiB));
      const rec = emu.requests.at(-1);
      expect(rec?.response?.code).toBe('RequestSizeLimitExceeded');
      // Read up to the first chunk past the cap, then nothing more.
      expect(rec?.size).toBeGreaterThan(MiB);
      expect(rec?.size).toBeLessThanOrEqual(MiB + 64 * 1024);
      expect(rec?.body).toBeUndefined();
      // The server closed the connection: a new request still works.
      const next = await call(emu.port, { action: 'PutThing', body: { Name: 'a' }, cred: null });
      expect(errorCode(next)).toBeUndefined();
    } finally {
      await emu.close();
    }
  });

  it.each([
    [1000, 1000, undefined],
    [1000, 1001, 'RequestSizeLimitExceeded'],
  ])('maxRequestBytes %i, body of %i bytes: %s', async (max, bytes, code) => {
    const emu = await startEmulator({ specs: [DEMO], maxRequestBytes: max });
    try {
      const name = 'n'.repeat(bytes - '{"Name":""}'.length);
      const r = await call(emu.port, { action: 'PutThing', body: { Name: name }, cred: null });
      expect(errorCode(r)).toBe(code);
      expect(emu.requests.at(-1)?.size).toBe(code ? 0 : bytes);
    } finally {
      await emu.close();
    }
  });
});
