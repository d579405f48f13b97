import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  BaseServiceClient,
  CredentialsError,
  getResponseMetadata,
  NetworkError,
  ProtocolError,
  ServiceClient,
  signTc3DetailsAsync,
  TencentCloudError,
  TimeoutError,
} from '../src/index.js';
import { CORE_VERSION } from '../src/version.js';
import { json, type Received, startServer } from './helpers/server.js';

const CVM = {
  service: 'cvm',
  version: '2017-03-12',
  packageName: '@scope/cvm',
  packageVersion: '1.2.3',
} as const;
const CREDS = { secretId: 'AKIDtestid', secretKey: 'supersecretkey-123' };
const ok = (fields: object = {}) => ({ Response: { ...fields, RequestId: 'req-ok' } });

let server: Awaited<ReturnType<typeof startServer>>;
let streamClosed: Promise<void> = Promise.resolve();

beforeAll(async () => {
  server = await startServer({
    Describe: (_req, res) => json(res, 200, ok({ TotalCount: 1, InstanceSet: [{ Id: 'ins-1' }] })),
    Echo: (req, res) => {
      const body = `{"Response":{"Got":${req.body.toString() || '{}'},"Big":12345678901234567890,"RequestId":"req-echo"}}`;
      json(res, 200, body);
    },
    Err200: (_req, res) =>
      json(res, 200, {
        Response: {
          Error: { Code: 'InvalidParameterValue.Foo', Message: 'bad foo' },
          RequestId: 'req-e200',
        },
      }),
    Err400: (_req, res) =>
      json(res, 400, {
        Response: {
          Error: { Code: 'AuthFailure.SignatureFailure', Message: 'sig' },
          RequestId: 'req-e400',
        },
      }),
    Html502: (req, res) =>
      json(
        res,
        502,
        `<html><body>Bad Gateway\n\t${req.headers.authorization}</body></html>`,
        'text/html',
      ),
    Empty: (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(),
    Truncated: (_req, res) => json(res, 200, '{"Response":{"TotalCount":1,"Instan'),
    NoResponse: (_req, res) => json(res, 200, { Data: 1, RequestId: 'x' }),
    Plain503: (_req, res) => json(res, 503, 'Service Unavailable', 'text/plain'),
    Ok500: (_req, res) => json(res, 500, ok()),
    Slow: (_req, res) => {
      const t = setTimeout(() => json(res, 200, ok()), 5_000);
      res.on('close', () => clearTimeout(t));
    },
    Drop: (_req, _res, raw) => raw.socket.destroy(),
    DropMidBody: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"Response":');
      setTimeout(() => res.socket?.destroy(), 20);
    },
    Stream: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-tc-requestid': 'req-sse' });
      res.write('data: {"Choices":[{"Delta":"he"}]}\n\n');
      res.write('data: {"Choices":[{"Delta":"llo"}]}\n\n');
      res.end();
    },
    StreamForever: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const t = setInterval(() => res.write('data: {"n":1}\n\n'), 5);
      streamClosed = new Promise((resolve) => res.on('close', () => resolve()));
      res.on('close', () => clearInterval(t));
    },
  });
});
afterAll(() => server.close());

const client = (extra: object = {}) =>
  new ServiceClient(CVM, {
    region: 'ap-guangzhou',
    credentials: CREDS,
    endpoint: server.url,
    ...extra,
  });

const last = (): Received => server.received[server.received.length - 1] as Received;
/** Whether any request for `action` reached the server (other tests' requests may arrive late). */
const sent = (action: string): boolean =>
  server.received.some((r) => r.headers['x-tc-action'] === action);

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

describe('ServiceClient.request: success', () => {
  it('returns the payload with RequestId and metadata under a hidden key', async () => {
    const out = await client().request<{ TotalCount: number }>({ name: 'Describe' }, { Limit: 1 });
    expect(out.TotalCount).toBe(1);
    expect(out.RequestId).toBe('req-ok');
    expect(JSON.parse(JSON.stringify(out))).toEqual(
      ok({ TotalCount: 1, InstanceSet: [{ Id: 'ins-1' }] }).Response,
    );
    const meta = getResponseMetadata(out);
    expect(meta).toMatchObject({
      requestId: 'req-ok',
      httpStatus: 200,
      attempts: 1,
      totalRetryDelayMs: 0,
    });
    expect(meta?.headers['content-type']).toBe('application/json');
    expect(getResponseMetadata({})).toBeUndefined();
  });

  it('sends the API 3.0 headers and a signature that verifies with service cvm', async () => {
    await client({ language: 'zh-CN' }).request({ name: 'Describe' }, { Limit: 1 });
    const r = last();
    expect(r.method).toBe('POST');
    expect(r.url).toBe('/');
    expect(r.body.toString()).toBe('{"Limit":1}');
    const h = r.headers;
    expect(h['content-type']).toBe('application/json; charset=utf-8');
    expect(h.host).toBe(`127.0.0.1:${server.port}`);
    expect(h['x-tc-action']).toBe('Describe');
    expect(h['x-tc-version']).toBe('2017-03-12');
    expect(h['x-tc-region']).toBe('ap-guangzhou');
    expect(h['x-tc-language']).toBe('zh-CN');
    expect(h['x-tc-token']).toBeUndefined();
    expect(Math.abs(Number(h['x-tc-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(h['user-agent']).toContain('@scope/cvm/1.2.3');
    expect(h['user-agent']).toContain(`@scope/core/${CORE_VERSION}`);
    expect(h['x-tc-requestclient']).toBe(`@scope/cvm/1.2.3 @scope/core/${CORE_VERSION}`);
    const expected = await signTc3DetailsAsync({
      ...CREDS,
      service: 'cvm',
      host: String(h.host),
      contentType: String(h['content-type']),
      body: r.body,
      timestamp: Number(h['x-tc-timestamp']),
    });
    expect(h.authorization).toBe(expected.authorization);
    expect(h.authorization).toContain('/cvm/tc3_request');
  });

  it('sends X-TC-Token with temporary credentials and omits X-TC-Region without a region', async () => {
    const c = new ServiceClient(CVM, {
      credentials: async () => ({ ...CREDS, token: 'tok-123456' }),
      endpoint: server.url,
    });
    await c.request({ name: 'Describe' }, {});
    expect(last().headers['x-tc-token']).toBe('tok-123456');
    expect(last().headers['x-tc-region']).toBeUndefined();
    expect(last().headers['x-tc-language']).toBe('en-US');
  });

  it('per-call region overrides the client region', async () => {
    await client().request({ name: 'Describe' }, {}, { region: 'ap-beijing' });
    expect(last().headers['x-tc-region']).toBe('ap-beijing');
  });

  it('keeps big integers exact both ways', async () => {
    const out = await client().request<{ Got: { Id: bigint }; Big: bigint }>(
      { name: 'Echo' },
      { Id: 12345678901234567891n },
    );
    expect(last().body.toString()).toBe('{"Id":12345678901234567891}');
    expect(out.Got.Id).toBe(12345678901234567891n);
    expect(out.Big).toBe(12345678901234567890n);
  });

  it('reuses one keep-alive connection for sequential calls', async () => {
    const c = client();
    await c.request({ name: 'Describe' }, {});
    const before = server.connections;
    for (let i = 0; i < 5; i++) await c.request({ name: 'Describe' }, {});
    expect(server.connections).toBe(before);
  });

  it('supports GET with the input in a signed query string', async () => {
    await client({ httpMethod: 'GET' }).request(
      { name: 'Describe' },
      { InstanceIds: ['ins-1', 'ins 2'], Limit: 2n },
    );
    const r = last();
    expect(r.method).toBe('GET');
    expect(r.url).toBe('/?InstanceIds.0=ins-1&InstanceIds.1=ins%202&Limit=2');
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(r.body.byteLength).toBe(0);
    const expected = await signTc3DetailsAsync({
      ...CREDS,
      service: 'cvm',
      host: String(r.headers.host),
      method: 'GET',
      query: r.url.slice(2),
      contentType: 'application/x-www-form-urlencoded',
      body: '',
      timestamp: Number(r.headers['x-tc-timestamp']),
    });
    expect(r.headers.authorization).toBe(expected.authorization);
  });

  it('sends unsigned actions with Authorization: SKIP and needs no credentials', async () => {
    const c = new ServiceClient(CVM, { endpoint: server.url });
    await c.request({ name: 'Describe', skipSign: true }, {});
    expect(last().headers.authorization).toBe('SKIP');
    expect(last().headers['x-tc-token']).toBeUndefined();
  });
});

describe('ServiceClient.request: envelope errors', () => {
  it('envelope error with HTTP 200 -> TencentCloudError', async () => {
    const e = await failure(client().request({ name: 'Err200' }, {}));
    expect(e).toBeInstanceOf(TencentCloudError);
    expect(e).toMatchObject({
      code: 'InvalidParameterValue.Foo',
      message: 'bad foo',
      requestId: 'req-e200',
      httpStatus: 200,
      service: 'cvm',
      version: '2017-03-12',
      action: 'Err200',
      category: 'client',
    });
    expect((e as TencentCloudError).is('InvalidParameterValue')).toBe(true);
  });

  it('envelope error with HTTP 400 keeps Code and RequestId', async () => {
    const e = await failure(client().request({ name: 'Err400' }, {}));
    expect(e).toBeInstanceOf(TencentCloudError);
    expect(e).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
      requestId: 'req-e400',
      httpStatus: 400,
    });
  });
});

describe('ServiceClient.request: bad responses are ProtocolErrors', () => {
  const cases: [string, number, RegExp][] = [
    ['Html502', 502, /HTML.*HTTP 502, content-type text\/html.*Bad Gateway/],
    ['Empty', 200, /Empty response body.*HTTP 200/],
    ['Truncated', 200, /not valid JSON.*HTTP 200.*\{"Response":\{"TotalCount":1,"Instan/],
    ['NoResponse', 200, /without a "Response".*"Data"/],
    ['Plain503', 503, /HTTP 503, content-type text\/plain.*Service Unavailable/],
    ['Ok500', 500, /HTTP error status.*HTTP 500/],
  ];
  for (const [action, status, message] of cases) {
    it(`${action}`, async () => {
      const e = await failure(client().request({ name: action }, {}));
      expect(e).toBeInstanceOf(ProtocolError);
      expect(e).not.toBeInstanceOf(TencentCloudError);
      expect((e as ProtocolError).httpStatus).toBe(status);
      expect(e.message).toMatch(message);
    });
  }

  it('never shows the signature or secret key, even when the body echoes them', async () => {
    const e = await failure(client().request({ name: 'Html502' }, {}));
    const sig = String(last().headers.authorization).split('Signature=')[1] as string;
    for (const shown of [e.message, inspect(e), JSON.stringify(e)]) {
      expect(shown).not.toContain(sig);
      expect(shown).not.toContain(CREDS.secretKey);
    }
  });
});

describe('ServiceClient.request: transport failures', () => {
  it('times out a slow response with TimeoutError (sent)', async () => {
    const e = await failure(client({ timeoutMs: 100 }).request({ name: 'Slow' }, {}));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e).toMatchObject({ timeoutMs: 100, sent: true });
  });

  it('per-call timeout overrides the client timeout', async () => {
    const e = await failure(
      client({ timeoutMs: 60_000 }).request({ name: 'Slow' }, {}, { timeoutMs: 50 }),
    );
    expect(e).toBeInstanceOf(TimeoutError);
  });

  it('a dropped connection is a NetworkError that may have been sent', async () => {
    const e = await failure(client().request({ name: 'Drop' }, {}));
    expect(e).toBeInstanceOf(NetworkError);
    expect((e as NetworkError).sent).toBe(true);
    const mid = await failure(client().request({ name: 'DropMidBody' }, {}));
    expect(mid).toBeInstanceOf(NetworkError);
  });

  it('a refused connection is a NetworkError that was not sent', async () => {
    const tmp = await startServer({});
    const url = tmp.url;
    await tmp.close();
    const e = await failure(
      new ServiceClient(CVM, { credentials: CREDS, endpoint: url }).request({ name: 'X' }, {}),
    );
    expect(e).toBeInstanceOf(NetworkError);
    expect(e).toMatchObject({ sent: false, errno: 'ECONNREFUSED' });
  });

  it('aborts with AbortError, before or during the request', async () => {
    const ac = new AbortController();
    const p = client().request({ name: 'Slow' }, {}, { signal: ac.signal });
    setTimeout(() => ac.abort(new Error('user')), 30);
    const e = await failure(p);
    expect(e).toBeInstanceOf(AbortError);
    // A distinct action: the aborted 'Slow' request may still reach the server late.
    const pre = await failure(
      client().request({ name: 'PreAborted' }, {}, { signal: AbortSignal.abort() }),
    );
    expect(pre).toBeInstanceOf(AbortError);
    expect(sent('PreAborted')).toBe(false);
  });
});

describe('credentials', () => {
  const cases: [string, object | undefined, RegExp][] = [
    ['missing', undefined, /No credentials/],
    ['empty secretKey', { secretId: 'id', secretKey: '' }, /secretKey empty or missing/],
    ['blank secretId', { secretId: '  ', secretKey: 'k' }, /secretId empty or missing/],
  ];
  for (const [name, credentials, message] of cases) {
    it(`fails locally before any request: ${name}`, async () => {
      const action = `NoCredentials${name.replace(/\W/g, '')}`;
      const c = new ServiceClient(CVM, { credentials: credentials as never, endpoint: server.url });
      const e = await failure(c.request({ name: action }, {}));
      expect(e).toBeInstanceOf(CredentialsError);
      expect(e.message).toMatch(message);
      expect(sent(action)).toBe(false);
    });
  }

  it('wraps a failing provider', async () => {
    const c = new ServiceClient(CVM, {
      endpoint: server.url,
      credentials: async () => {
        throw new Error('metadata service down');
      },
    });
    const e = await failure(c.request({ name: 'Describe' }, {}));
    expect(e).toBeInstanceOf(CredentialsError);
    expect((e.cause as Error).message).toBe('metadata service down');
  });

  it('the client never shows its credentials', () => {
    const c = client();
    expect(inspect(c)).not.toContain(CREDS.secretKey);
    expect(JSON.stringify(c)).not.toContain(CREDS.secretKey);
    expect(inspect(c)).toContain('cvm');
  });
});

describe('endpoints', () => {
  class Probe extends ServiceClient {
    url(action: object = {}, region?: string) {
      return this.endpoint({ name: 'A', ...action }, region).href;
    }
  }
  it('defaults to the global host, regional on request, and honours rootDomainPrefix', () => {
    expect(new Probe(CVM).url()).toBe('https://cvm.tencentcloudapi.com/');
    expect(new Probe(CVM, { regionalEndpoint: true }).url({}, 'ap-shanghai')).toBe(
      'https://cvm.ap-shanghai.tencentcloudapi.com/',
    );
    expect(new Probe(CVM, { regionalEndpoint: true }).url()).toBe(
      'https://cvm.tencentcloudapi.com/',
    );
    expect(new Probe({ ...CVM, service: 'es' }).url({ rootDomainPrefix: 'ai.' })).toBe(
      'https://es.ai.tencentcloudapi.com/',
    );
  });
  it('accepts a custom host or full URL', () => {
    expect(new Probe(CVM, { endpoint: 'cvm.ap-shanghai.tencentcloudapi.com' }).url()).toBe(
      'https://cvm.ap-shanghai.tencentcloudapi.com/',
    );
    expect(new Probe(CVM, { endpoint: 'http://127.0.0.1:8080' }).url()).toBe(
      'http://127.0.0.1:8080/',
    );
  });
});

describe('BaseServiceClient', () => {
  it('is the call path without streaming; ServiceClient extends it', async () => {
    const c = new BaseServiceClient(CVM, { credentials: CREDS, endpoint: server.url });
    const out = await c.request<{ TotalCount: number }>({ name: 'Describe' }, {});
    expect(out.TotalCount).toBe(1);
    expect('requestStream' in c).toBe(false);
    expect(client()).toBeInstanceOf(BaseServiceClient);
  });
});

describe('ServiceClient.requestStream', () => {
  it('iterates server-sent events', async () => {
    const stream = await client().requestStream<{ Choices: { Delta: string }[] }>(
      { name: 'Stream', sse: true },
      { Stream: true },
    );
    const parts: string[] = [];
    for await (const ev of stream) parts.push(ev.Choices[0]?.Delta ?? '');
    expect(parts.join('')).toBe('hello');
    expect(stream.requestId).toBe('req-sse');
  });

  it('rejects with TencentCloudError when the server answers with an error envelope', async () => {
    const e = await failure(client().requestStream({ name: 'Err400', sse: true }, {}));
    expect(e).toBeInstanceOf(TencentCloudError);
    expect(e).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
      requestId: 'req-e400',
      httpStatus: 400,
    });
  });

  it('yields a plain JSON result as a single event', async () => {
    const stream = await client().requestStream<{ TotalCount: number }>({ name: 'Describe' }, {});
    const all = [];
    for await (const ev of stream) all.push(ev);
    expect(all).toHaveLength(1);
    expect(all[0]?.TotalCount).toBe(1);
  });

  it('breaking out of the loop closes the connection', async () => {
    const stream = await client().requestStream<{ n: number }>(
      { name: 'StreamForever', sse: true },
      {},
    );
    let n = 0;
    for await (const _ of stream) if (++n === 3) break;
    expect(n).toBe(3);
    // The server sees its response closed: the endless stream stopped.
    await streamClosed;
  });
});
