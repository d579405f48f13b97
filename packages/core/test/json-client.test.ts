/** parseJson and stringifyJson as a client uses them, against a server on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, ServiceClient } from '../src/index.js';
import { json, type Received, startServer } from './helpers/server.js';

const CVM = {
  service: 'cvm',
  version: '2017-03-12',
  packageName: '@scope/cvm',
  packageVersion: '1.2.3',
} as const;
const CREDS = { secretId: 'AKIDtestid', secretKey: 'supersecretkey-123' };
const BIG = '12345678901234567890';
// 8 MB of a string holding 16-digit runs and escapes: the old parser overflowed its stack here.
const BLOB = `${BIG}x\\n\\"`.repeat(Math.ceil(2 ** 23 / 26));
const DEPTH = 100_000;

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({
    Echo: (req, res) => json(res, 200, `{"Response":{"Sent":${req.body},"RequestId":"r"}}`),
    Blob: (_req, res) =>
      json(res, 200, `{"Response":{"Blob":"${BLOB}","Id":${BIG},"RequestId":"r"}}`),
    Deep: (_req, res) =>
      json(
        res,
        200,
        `{"Response":{"Deep":${'['.repeat(DEPTH)}${BIG}${']'.repeat(DEPTH)},"RequestId":"r"}}`,
      ),
  });
});
afterAll(() => server.close());

const client = () =>
  new ServiceClient(CVM, {
    region: 'ap-guangzhou',
    credentials: CREDS,
    endpoint: server.url,
    maxAttempts: 1,
  });
const sent = (action: string): Received[] =>
  server.received.filter((r) => r.headers['x-tc-action'] === action);

describe('exact JSON through the client', () => {
  it('sends bigint inputs as digits while another library defines BigInt.prototype.toJSON', async () => {
    const proto = BigInt.prototype as { toJSON?: unknown };
    proto.toJSON = function (this: bigint) {
      return this.toString();
    };
    let out: { Sent: { DiskSize: unknown; Ids: unknown[] } } | undefined;
    try {
      out = await client().request({ name: 'Echo' }, { DiskSize: 2n ** 64n, Ids: [1n, 2n ** 60n] });
    } finally {
      delete proto.toJSON;
    }
    expect(sent('Echo').at(-1)?.body.toString()).toBe(
      `{"DiskSize":${2n ** 64n},"Ids":[1,${2n ** 60n}]}`,
    );
    expect(out?.Sent).toEqual({ DiskSize: 2n ** 64n, Ids: [1, 2n ** 60n] });
  });

  it('reads a body with an 8 MB string holding digit runs, and the big integer beside it', async () => {
    const out = await client().request<{ Blob: string; Id: bigint }>({ name: 'Blob' }, {});
    expect(out.Id).toBe(12345678901234567890n);
    expect(out.Blob).toBe(JSON.parse(`"${BLOB}"`));
  });

  it('reads a body nested 100k levels deep', async () => {
    const out = await client().request<{ Deep: unknown }>({ name: 'Deep' }, {});
    let at: unknown = out.Deep;
    let levels = 0;
    while (Array.isArray(at)) {
      at = at[0];
      levels++;
    }
    expect(levels).toBe(DEPTH);
    expect(at).toBe(12345678901234567890n);
  });

  it('rejects a circular input with ConfigurationError naming its path, sending nothing', async () => {
    const filter: Record<string, unknown> = { Name: 'zone' };
    const input = { Filters: [filter] };
    filter.Self = input;
    const err = await client()
      .request({ name: 'Cycle' }, input)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).option).toBe('input.Filters[0].Self');
    expect((err as Error).message).toContain('circular reference at input.Filters[0].Self');
    expect(sent('Cycle')).toEqual([]);
  });

  it('rejects NaN and Infinity inputs with ConfigurationError naming the path, sending nothing', async () => {
    for (const [input, path] of [
      [{ Limit: Number.NaN }, 'input.Limit'],
      [{ Filters: [{ Values: [1, Number.POSITIVE_INFINITY] }] }, 'input.Filters[0].Values[1]'],
    ] as const) {
      const err = await client()
        .request({ name: 'NotFinite' }, input)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigurationError);
      expect((err as ConfigurationError).option).toBe(path);
    }
    expect(sent('NotFinite')).toEqual([]);
  });
});
