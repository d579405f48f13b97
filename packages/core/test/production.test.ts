/**
 * The production behaviour of the client against a local server with fault injection:
 * retries (and the mutations that must not be retried), credentials refresh, streams,
 * hooks and logging, redaction, legacy signatures, proxies, exact numbers, DryRun.
 */
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../src/call/hooks.js';
import { refreshingProvider } from '../src/credentials/cache.js';
import { dryRun } from '../src/helpers/dry-run.js';
import {
  type ClientOptions,
  getResponseMetadata,
  NetworkError,
  ProtocolError,
  ServiceClient,
  TencentCloudError,
  TimeoutError,
} from '../src/index.js';
import { legacyStringToSign } from '../src/signer/legacy.js';
import type { ActionInfo } from '../src/types.js';
import { json, type Received, startServer } from './helpers/server.js';

const CVM = {
  service: 'cvm',
  version: '2017-03-12',
  packageName: '@scope/cvm',
  packageVersion: '1.0.0',
};
const SECRET_KEY = 'prod-test-secret-key-0a1b2c3d';
const TOKEN = 'prod-test-session-token-9z8y7x';
const CREDS = { secretId: 'AKIDprodtest', secretKey: SECRET_KEY, token: TOKEN };

const READ: ActionInfo = { name: 'DescribeThings', readOnly: true };
const WRITE: ActionInfo = { name: 'RunThings' };
const ok = (fields: object = {}) => ({ Response: { ...fields, RequestId: 'req-ok' } });
const apiError = (code: string, message = code) => ({
  Response: { Error: { Code: code, Message: message }, RequestId: `req-${code}` },
});

/** Per-test script: answers for the next requests, in order; then `fallback`. */
let script: Array<(req: Received, res: http.ServerResponse, raw: http.IncomingMessage) => void> =
  [];
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer({
    '*': (req, res, raw) => {
      const next = script.shift();
      if (next) next(req, res, raw);
      else json(res, 200, ok({ Answer: 42 }));
    },
  });
});
afterAll(() => server.close());
afterEach(() => {
  script = [];
  server.received.length = 0;
});

/** Waits for real I/O (setImmediate is not faked) until `cond` holds. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  expect(cond()).toBe(true);
}

const noWait = { random: () => 0.5, sleep: async () => {} };

function client(options: ClientOptions = {}) {
  return new ServiceClient(CVM, {
    endpoint: server.url,
    region: 'ap-guangzhou',
    credentials: CREDS,
    retry: noWait,
    ...options,
  });
}

const throttle = (_q: Received, res: http.ServerResponse) =>
  json(res, 200, apiError('RequestLimitExceeded'));
const internal = (_q: Received, res: http.ServerResponse) =>
  json(res, 200, apiError('InternalError'));
const html = (status: number) => (_q: Received, res: http.ServerResponse) =>
  json(res, status, '<html><body>Bad Gateway</body></html>', 'text/html');
/** Reads the request, then drops the connection: the request may have taken effect. */
const resetAfterSend = (_q: Received, _res: http.ServerResponse, raw: http.IncomingMessage) =>
  raw.socket.destroy();

describe('retries', () => {
  it('retries throttling then succeeds, reporting attempts and total delay', async () => {
    script = [throttle, throttle];
    const res = await client().request<{ Answer: number }>(WRITE, {});
    expect(res.Answer).toBe(42);
    // random 0.5: 0.5 * 500, then 0.5 * 1000 (throttled base 500 ms).
    expect(getResponseMetadata(res)).toMatchObject({
      attempts: 3,
      totalRetryDelayMs: 750,
      httpStatus: 200,
    });
    expect(server.received).toHaveLength(3);
  });

  it('gives up after maxAttempts (client and per call) and reports it on the error', async () => {
    script = [throttle, throttle, throttle, throttle];
    const err = await client({ maxAttempts: 2 })
      .request(READ, {})
      .catch((e) => e);
    expect(err).toBeInstanceOf(TencentCloudError);
    expect(err).toMatchObject({
      code: 'RequestLimitExceeded',
      attempts: 2,
      totalRetryDelayMs: 250,
    });
    script = [throttle, throttle];
    const one = await client()
      .request(READ, {}, { maxAttempts: 1 })
      .catch((e) => e);
    expect(one.attempts).toBe(1);
  });

  it('retries a reset that happened before the request was sent, even for a mutation', async () => {
    // A port with nothing listening: the first connection is refused while connecting.
    const closed = net.createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise((r) => closed.close(r));
    let failures = 1;
    const agent = new http.Agent();
    agent.createConnection = (opts) =>
      failures-- > 0
        ? net.connect(deadPort, '127.0.0.1')
        : net.connect(Number(opts.port), String(opts.host));
    const res = await client({ agent }).request(WRITE, {});
    expect(getResponseMetadata(res)?.attempts).toBe(2);
    expect(server.received).toHaveLength(1);
  });

  it('never retries a mutation after a reset once the request was sent', async () => {
    script = [resetAfterSend];
    const err = await client()
      .request(WRITE, {})
      .catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ sent: true, attempts: 1 });
    expect(server.received).toHaveLength(1);
  });

  it('retries the same reset for a read-only action and for a mutation with a ClientToken', async () => {
    script = [resetAfterSend];
    expect(getResponseMetadata(await client().request(READ, {}))?.attempts).toBe(2);
    script = [resetAfterSend];
    const withToken = await client().request(WRITE, { ClientToken: 'idem-1' });
    expect(getResponseMetadata(withToken)?.attempts).toBe(2);
  });

  it('times out a slow response: retried when read-only, not for a mutation', async () => {
    const slow = (_q: Received, res: http.ServerResponse) => {
      setTimeout(() => json(res, 200, ok()), 2_000).unref();
    };
    script = [slow];
    const r = await client({ timeoutMs: 100 }).request(READ, {});
    expect(getResponseMetadata(r)?.attempts).toBe(2);
    script = [slow];
    const err = await client({ timeoutMs: 100 })
      .request(WRITE, {})
      .catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.attempts).toBe(1);
  });

  it('HTTP 5xx with an HTML body (503 included): retried when read-only, never for a mutation', async () => {
    script = [html(502)];
    expect(getResponseMetadata(await client().request(READ, {}))?.attempts).toBe(2);
    script = [html(502)];
    const err = await client()
      .request(WRITE, {})
      .catch((e) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toMatchObject({ httpStatus: 502, attempts: 1 });
    script = [html(503)];
    const e503 = await client()
      .request(WRITE, {})
      .catch((e) => e);
    expect(e503).toMatchObject({ httpStatus: 503, attempts: 1, retryable: false });
    script = [html(503)];
    expect(getResponseMetadata(await client().request(READ, {}))?.attempts).toBe(2);
  });

  it('InternalError is retried only for read-only actions', async () => {
    script = [internal];
    expect(getResponseMetadata(await client().request(READ, {}))?.attempts).toBe(2);
    script = [internal];
    const err = await client()
      .request(WRITE, {})
      .catch((e) => e);
    expect(err).toMatchObject({ code: 'InternalError', attempts: 1 });
  });

  it('waits with real timers between attempts (fake clock)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      script = [throttle];
      const p = client({ retry: { random: () => 0.5 } }).request(READ, {});
      await until(() => server.received.length === 1);
      await vi.advanceTimersByTimeAsync(249);
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      expect(server.received).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await until(() => server.received.length === 2);
      expect(getResponseMetadata(await p)).toMatchObject({ attempts: 2, totalRetryDelayMs: 250 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('retry budget', () => {
  it('fails fast once exhausted', async () => {
    const { RetryBudget } = await import('../src/call/retry.js');
    const budget = new RetryBudget({ capacity: 10, retryCost: 5 });
    const c = client({ retryBudget: budget });
    script = Array.from({ length: 20 }, () => html(503));
    const errors = [];
    for (let i = 0; i < 4; i++) errors.push(await c.request(READ, {}).catch((e) => e));
    // 10 tokens = two retries in all; afterwards every call makes one attempt.
    expect(errors.map((e) => e.attempts)).toEqual([3, 1, 1, 1]);
  });
});

describe('credentials', () => {
  it('refreshes expired temporary credentials once and retries (even a mutation)', async () => {
    let n = 0;
    const provider = refreshingProvider(async () => {
      n++;
      return {
        secretId: `AKIDtmp${n}`,
        secretKey: `tmp-key-${n}-abcdef`,
        token: `tmp-token-${n}`,
        expiresAt: new Date(Date.now() + 3600_000),
      };
    });
    script = [
      (q, res) =>
        q.headers['x-tc-token'] === 'tmp-token-1'
          ? json(res, 200, apiError('AuthFailure.TokenFailure'))
          : json(res, 200, ok()),
    ];
    const res = await client({ credentials: provider }).request(WRITE, {});
    expect(getResponseMetadata(res)?.attempts).toBe(2);
    expect(server.received.map((r) => r.headers['x-tc-token'])).toEqual([
      'tmp-token-1',
      'tmp-token-2',
    ]);
    expect(n).toBe(2);
  });

  it('100 concurrent calls share one credential refresh', async () => {
    let fetches = 0;
    const provider = refreshingProvider(async () => {
      fetches++;
      await new Promise((r) => setTimeout(r, 20));
      return {
        secretId: 'AKIDshared',
        secretKey: 'shared-key-abcdef',
        expiresAt: new Date(Date.now() + 3600_000),
      };
    });
    const c = client({ credentials: provider });
    const results = await Promise.all(Array.from({ length: 100 }, () => c.request(READ, {})));
    expect(results).toHaveLength(100);
    expect(fetches).toBe(1);
  });

  it('uses the default chain (environment) and TENCENTCLOUD_REGION when no option is given', async () => {
    vi.stubEnv('TENCENTCLOUD_SECRET_ID', 'AKIDfromenv');
    vi.stubEnv('TENCENTCLOUD_SECRET_KEY', 'env-secret-key-abcdef');
    vi.stubEnv('TENCENTCLOUD_REGION', 'ap-chongqing');
    try {
      const c = new ServiceClient(CVM, { endpoint: server.url });
      await c.request(READ, {});
      const [r] = server.received;
      expect(r?.headers.authorization).toContain('Credential=AKIDfromenv/');
      expect(r?.headers['x-tc-region']).toBe('ap-chongqing');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('region from the profile file', () => {
  it('is read when neither the option nor TENCENTCLOUD_REGION gives one, before the first call', async () => {
    const home = mkdtempSync(join(tmpdir(), 'region-home-'));
    mkdirSync(join(home, '.tencentcloud'));
    writeFileSync(join(home, '.tencentcloud', 'credentials'), '[default]\nregion = ap-profile\n');
    vi.stubEnv('HOME', home);
    vi.stubEnv('TENCENTCLOUD_REGION', '');
    vi.stubEnv('TENCENTCLOUD_PROFILE', 'default');
    try {
      await client({ region: undefined }).request(READ, {});
      expect(server.received[0]?.headers['x-tc-region']).toBe('ap-profile');
    } finally {
      vi.unstubAllEnvs();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('streams', () => {
  const sse = (parts: string[], cut: boolean) => (_q: Received, res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'x-tc-requestid': 'req-sse' });
    for (const p of parts) res.write(p);
    if (cut) setImmediate(() => res.socket?.destroy());
    else res.end();
  };

  it('delivers events, and retries opening after a 503 for a read-only action', async () => {
    script = [html(503), sse(['data: {"n":1}\n\n', 'data: {"n":12345678901234567890}\n\n'], false)];
    const stream = await client().requestStream<{ n: number | bigint }>({ ...READ, sse: true }, {});
    const got = [];
    for await (const e of stream) got.push(e.n);
    expect(got).toEqual([1, 12345678901234567890n]);
    expect(server.received).toHaveLength(2);
  });

  it('raises ProtocolError when the stream is cut in the middle', async () => {
    script = [sse(['data: {"n":1}\n\n', 'data: {"n"'], true)];
    const stream = await client().requestStream<{ n: number }>({ ...WRITE, sse: true }, {});
    const got: number[] = [];
    const err = await (async () => {
      for await (const e of stream) got.push(e.n);
    })().catch((e) => e);
    expect(got).toEqual([1]);
    expect(err).toBeInstanceOf(ProtocolError);
  });
});

describe('logging, hooks and redaction', () => {
  it('hooks see action, attempt and timing; secrets appear in no output', async () => {
    const lines: string[] = [];
    const rec = (level: string) => (msg: string, details?: object) => {
      lines.push(`${level} ${msg} ${JSON.stringify(details)} ${inspect(details, { depth: 8 })}`);
    };
    const logger: Logger = {
      debug: rec('debug'),
      info: rec('info'),
      warn: rec('warn'),
      error: rec('error'),
    };
    const events: Array<[string, Record<string, unknown>]> = [];
    const hooks = {
      beforeRequest: (e: object) => void events.push(['before', { ...e }]),
      afterResponse: (e: object) => void events.push(['after', { ...e }]),
      onError: (e: object) => void events.push(['error', { ...e }]),
    };
    const c = client({
      logger,
      hooks,
      proxy: 'http://proxyuser:proxy-pass-123@127.0.0.1:1',
      agent: new http.Agent(),
    });
    // Echo the Authorization header and the token in a gateway page, then an error message.
    script = [
      (q, res) =>
        json(
          res,
          502,
          `<html>${q.headers.authorization} ${q.headers['x-tc-token']}</html>`,
          'text/html',
        ),
      (_q, res) => json(res, 200, apiError('InvalidParameter', `bad key ${SECRET_KEY}`)),
    ];
    const err = await c.request(READ, { Password: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(TencentCloudError);
    expect(events.map(([k, e]) => `${k}:${e.action}:${e.attempt}`)).toEqual([
      'before:DescribeThings:1',
      'after:DescribeThings:1',
      'error:DescribeThings:1',
      'before:DescribeThings:2',
      'after:DescribeThings:2',
      'error:DescribeThings:2',
    ]);
    expect(events[2]?.[1]).toMatchObject({ willRetry: true, retryDelayMs: 50 });
    expect(typeof events[1]?.[1].durationMs).toBe('number');

    const first = await c.request(READ, {}).catch((e) => e); // a success for the result outputs
    const outputs = [
      ...lines,
      JSON.stringify(events),
      inspect(events, { depth: 8 }),
      err.message,
      JSON.stringify(err),
      inspect(err),
      JSON.stringify(c),
      inspect(c, { depth: 8 }),
      JSON.stringify(first),
    ];
    const signature =
      String(server.received[0]?.headers.authorization).split('Signature=')[1] ?? 'none';
    for (const out of outputs) {
      expect(out).not.toContain(SECRET_KEY);
      expect(out).not.toContain(TOKEN);
      expect(out).not.toContain(signature);
      expect(out).not.toContain('proxy-pass-123');
    }
    expect(
      lines.some((l) => l.startsWith('warn cvm:DescribeThings attempt 1/3 failed, retrying')),
    ).toBe(true);
  });
});

describe('network options', () => {
  it('legacy HmacSHA256 signature: a form body the server can verify', async () => {
    const c = client({ signatureMethod: 'HmacSHA256' });
    await c.request(WRITE, { InstanceIds: ['ins-1'], Limit: 1 });
    const [r] = server.received;
    expect(r?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const params = Object.fromEntries(new URLSearchParams(r?.body.toString()));
    const { Signature, ...rest } = params;
    const expected = createHmac('sha256', SECRET_KEY)
      .update(legacyStringToSign('POST', String(r?.headers.host), '/', rest))
      .digest('base64');
    expect(Signature).toBe(expected);
    expect(rest).toMatchObject({
      Action: 'RunThings',
      'InstanceIds.0': 'ins-1',
      Token: TOKEN,
      SignatureMethod: 'HmacSHA256',
    });
    expect(r?.headers.authorization).toBeUndefined();
  });

  it('legacy HmacSHA1 over GET: the signed form travels in the query string', async () => {
    await client({ signatureMethod: 'HmacSHA1', httpMethod: 'GET' }).request(READ, { Limit: 2 });
    const [r] = server.received;
    expect(r?.method).toBe('GET');
    const params = Object.fromEntries(new URL(String(r?.url), 'http://x').searchParams);
    const { Signature, ...rest } = params;
    const expected = createHmac('sha1', SECRET_KEY)
      .update(legacyStringToSign('GET', String(r?.headers.host), '/', rest))
      .digest('base64');
    expect(Signature).toBe(expected);
    expect(rest).toMatchObject({
      Action: 'DescribeThings',
      Limit: '2',
      SignatureMethod: 'HmacSHA1',
    });
  });

  it('goes through an explicit proxy (CONNECT tunnel) and honours NO_PROXY from the environment', async () => {
    const tunnels: string[] = [];
    const proxy = http.createServer();
    proxy.on('connect', (req, sock: net.Socket) => {
      tunnels.push(String(req.url));
      const [host, port] = String(req.url).split(':');
      const up = net.connect(Number(port), host, () => {
        sock.write('HTTP/1.1 200 OK\r\n\r\n');
        up.pipe(sock);
        sock.pipe(up);
      });
      up.on('error', () => sock.destroy());
      sock.on('error', () => up.destroy());
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    const { port } = proxy.address() as net.AddressInfo;
    try {
      await client({ proxy: `http://127.0.0.1:${port}` }).request(READ, {});
      expect(tunnels).toEqual([`127.0.0.1:${server.port}`]);
      vi.stubEnv('HTTP_PROXY', `http://127.0.0.1:${port}`);
      vi.stubEnv('NO_PROXY', '127.0.0.1');
      await client().request(READ, {});
      expect(tunnels).toHaveLength(1);
    } finally {
      vi.unstubAllEnvs();
      proxy.closeAllConnections();
      proxy.close();
    }
  });

  it('exact numbers by default, plain JSON.parse on request; the language header', async () => {
    script = [
      (_q, res) => json(res, 200, '{"Response":{"Big":12345678901234567890,"RequestId":"r"}}'),
      (_q, res) => json(res, 200, '{"Response":{"Big":12345678901234567890,"RequestId":"r"}}'),
    ];
    expect((await client().request<{ Big: unknown }>(READ, {})).Big).toBe(12345678901234567890n);
    const loose = await client({ exactNumbers: false, language: 'zh-CN' }).request<{
      Big: unknown;
    }>(READ, {});
    expect(typeof loose.Big).toBe('number');
    expect(server.received[1]?.headers['x-tc-language']).toBe('zh-CN');
  });

  it('DryRun: DryRunOperation resolves through dryRun() and is not retried', async () => {
    script = [(_q, res) => json(res, 200, apiError('DryRunOperation'))];
    const r = await dryRun(client().request(WRITE, { DryRun: true }));
    expect(r).toEqual({ wouldSucceed: true, performed: false, requestId: 'req-DryRunOperation' });
    expect(server.received).toHaveLength(1);
  });
});
