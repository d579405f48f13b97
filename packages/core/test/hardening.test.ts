/**
 * Defects found by the security and reliability review (issue "Hardening"), each pinned by a
 * test against a server on 127.0.0.1: values that reach a URL or header, redaction before
 * cutting, stream timeouts, retries of mutations, `retryable`, size caps, messages.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { serviceUrl, validActionInfo } from '../src/call/config.js';
import { createObserver } from '../src/call/hooks.js';
import { type RetryContext, withRetry } from '../src/call/retry.js';
import {
  BaseServiceClient,
  type ClientOptions,
  ConfigurationError,
  getResponseMetadata,
  NetworkError,
  ProtocolError,
  registerSecret,
  SdkError,
  ServiceClient,
  TencentCloudError,
  TimeoutError,
} from '../src/index.js';
import { bodySnippet } from '../src/protocol/envelope.js';
import { RUNTIME_NAME } from '../src/runtime/info.js';
import type { ActionInfo } from '../src/types.js';
import { json, type Received, startServer } from './helpers/server.js';

const CVM = {
  service: 'cvm',
  version: '2017-03-12',
  packageName: '@scope/cvm',
  packageVersion: '1.0.0',
};
const CREDS = { secretId: 'AKIDhardening', secretKey: 'hardening-secret-key-5f6e7d' };
const READ: ActionInfo = { name: 'DescribeInstances', readOnly: true };
const RUN: ActionInfo = { name: 'RunInstances' };
const TERMINATE: ActionInfo = { name: 'TerminateInstances' };
const STREAM: ActionInfo = { name: 'ChatCompletions', sse: true };
const noWait = { random: () => 0.5, sleep: async () => {} };
const ok = (fields: object = {}) => ({ Response: { ...fields, RequestId: 'req-ok' } });
const apiError = (code: string) => ({
  Response: { Error: { Code: code, Message: code }, RequestId: `req-${code}` },
});

type Step = (req: Received, res: http.ServerResponse, raw: http.IncomingMessage) => void;
let script: Step[] = [];
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

function client(options: ClientOptions = {}) {
  return new ServiceClient(CVM, {
    endpoint: server.url,
    region: 'ap-guangzhou',
    credentials: CREDS,
    retry: noWait,
    ...options,
  });
}

const html =
  (status: number): Step =>
  (_q, res) =>
    json(res, status, '<html><body>Service Unavailable</body></html>', 'text/html');

/** Exposes the endpoint a client would use, without sending anything. */
class Probe extends BaseServiceClient {
  url(action: ActionInfo, region?: string): URL {
    return this.endpoint(action, region);
  }
}

describe('1. a region never changes the host', () => {
  const attacks = (port: number) => [
    `@127.0.0.1:${port}/`,
    '@attacker.example/',
    'ap-guangzhou.attacker.example#',
    'ap-guangzhou/../',
    'AP-GUANGZHOU',
    'ap guangzhou',
    'ap-guangzhou\r\nX-Injected: 1',
    'ap-guangzhoü',
  ];

  it('rejects a bad region from the option, per call, TENCENTCLOUD_REGION and the profile file, sending nothing', async () => {
    for (const region of attacks(server.port)) {
      const regional = { regionalEndpoint: true, endpoint: undefined };
      expect(() => client({ ...regional, region }), region).toThrow(ConfigurationError);
      const perCall = await client({ ...regional })
        .request(READ, {}, { region })
        .catch((e) => e);
      expect(perCall, region).toBeInstanceOf(ConfigurationError);
      expect(perCall.option).toBe('region');
      const saved = process.env.TENCENTCLOUD_REGION;
      process.env.TENCENTCLOUD_REGION = region;
      try {
        let err: unknown;
        try {
          client({ ...regional, region: undefined });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ConfigurationError);
        expect((err as ConfigurationError).option).toBe('TENCENTCLOUD_REGION');
      } finally {
        if (saved === undefined) delete process.env.TENCENTCLOUD_REGION;
        else process.env.TENCENTCLOUD_REGION = saved;
      }
    }
    expect(server.received).toHaveLength(0);
  });

  // The web runtime (vitest.web.config.ts) has no file system, so no profile file to read.
  it.skipIf(RUNTIME_NAME !== 'node')(
    'rejects a bad region read from the profile file at the first call',
    async () => {
      const home = mkdtempSync(join(tmpdir(), 'region-home-'));
      const saved = { HOME: process.env.HOME, REGION: process.env.TENCENTCLOUD_REGION };
      try {
        mkdirSync(join(home, '.tencentcloud'));
        writeFileSync(
          join(home, '.tencentcloud', 'credentials'),
          `[default]\nsecret_id = AKIDx\nsecret_key = y\nregion = @127.0.0.1:${server.port}/\n`,
        );
        process.env.HOME = home;
        delete process.env.TENCENTCLOUD_REGION;
        const err = await client({ regionalEndpoint: true, endpoint: undefined, region: undefined })
          .request(READ, {})
          .catch((e) => e);
        expect(err).toBeInstanceOf(ConfigurationError);
        expect(err.message).toMatch(/profile file/);
        expect(server.received).toHaveLength(0);
      } finally {
        process.env.HOME = saved.HOME;
        if (saved.REGION !== undefined) process.env.TENCENTCLOUD_REGION = saved.REGION;
        rmSync(home, { recursive: true, force: true });
      }
    },
  );

  it('any accepted region gives exactly <service>.<region>.tencentcloudapi.com (property)', () => {
    const probe = new Probe(CVM, { credentials: CREDS, regionalEndpoint: true });
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (region) => {
        let url: URL | undefined;
        try {
          url = probe.url(READ, region);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigurationError);
          return;
        }
        expect(url.hostname).toBe(
          region ? `cvm.${region}.tencentcloudapi.com` : 'cvm.tencentcloudapi.com',
        );
        expect(url.protocol).toBe('https:');
        expect(url.port).toBe('');
        expect(url.pathname).toBe('/');
      }),
      { numRuns: 2000 },
    );
    // Real regions pass.
    for (const r of ['ap-guangzhou', 'na-siliconvalley', 'ap-shanghai-fsi', 'eu-frankfurt']) {
      expect(probe.url(READ, r).hostname).toBe(`cvm.${r}.tencentcloudapi.com`);
    }
  });

  it('validates rootDomain and the action rootDomainPrefix; the host stays under the root domain', () => {
    expect(() => new Probe(CVM, { credentials: CREDS, rootDomain: 'evil.example/x' })).toThrow(
      ConfigurationError,
    );
    const cn = new Probe(CVM, { credentials: CREDS, rootDomain: 'tencentcloudapi.cn' });
    expect(cn.url(READ).href).toBe('https://cvm.tencentcloudapi.cn/');
    expect(cn.url({ name: 'ChatCompletions', rootDomainPrefix: 'ai.' }).href).toBe(
      'https://cvm.ai.tencentcloudapi.cn/',
    );
    expect(() => cn.url({ name: 'X', rootDomainPrefix: '@evil.example/' })).toThrow(
      ConfigurationError,
    );
    expect(() => serviceUrl('cvm', undefined, '', 'tencentcloudapi.com')).not.toThrow();
  });

  it('remembering validated actions never lets an invalid name or prefix through (property)', async () => {
    // Names and prefixes that pass and fail, '|' included (the remembered keys use it).
    const names = ['DescribeInstances', 'X', 'ai.|X', 'X|ai.', 'Describe Instances', '', 'B|C'];
    const prefixes = [undefined, 'ai.', '', 'ai.|X', '@evil.example/', 'X|'];
    type Pair = { name: string; rootDomainPrefix?: string };
    const pairOf = (n: number, p: number): Pair =>
      prefixes[p] === undefined
        ? { name: names[n] as string }
        : { name: names[n] as string, rootDomainPrefix: prefixes[p] };
    const accepts = (check: typeof validActionInfo, pair: Pair) => {
      try {
        check({ ...pair }); // a fresh literal each time, as generated functions pass
        return true;
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigurationError);
        return false;
      }
    };
    // The oracle: each pair checked by a fresh copy of the module (nothing remembered yet).
    const oracle = new Map<string, boolean>();
    for (let n = 0; n < names.length; n++) {
      for (let p = 0; p < prefixes.length; p++) {
        vi.resetModules();
        const fresh = (await import('../src/call/config.js')).validActionInfo;
        oracle.set(`${n},${p}`, accepts(fresh, pairOf(n, p)));
      }
    }
    expect([...oracle.values()]).toContain(true);
    expect([...oracle.values()]).toContain(false);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(names.length - 1), fc.nat(prefixes.length - 1)), {
          maxLength: 40,
        }),
        (sequence) => {
          for (const [n, p] of sequence) {
            expect(accepts(validActionInfo, pairOf(n, p))).toBe(oracle.get(`${n},${p}`));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('2. redaction', () => {
  it('(a) a secret cut by the 200-character snippet is redacted whole (property)', () => {
    const secret = 'QZQZQZQZ-secret-QZQZQZQZ';
    registerSecret(secret);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 260 }),
        fc.integer({ min: 0, max: 300 }),
        (at, tail) => {
          const body = Buffer.from(`${'x'.repeat(at)}${secret}${'y'.repeat(tail)}`);
          const snippet = bodySnippet(body);
          expect(snippet).not.toMatch(/[QZ]|secret/);
        },
      ),
    );
  });

  it('(c) the beforeRequest url, headers and log line go through the same redaction', async () => {
    const seen: string[] = [];
    const logged: string[] = [];
    const observer = createObserver(
      { debug: (m, d) => logged.push(m, JSON.stringify(d)) },
      {
        beforeRequest: (e) => {
          seen.push(e.url, JSON.stringify(e.headers));
        },
      },
    );
    await observer.beforeRequest({
      service: 'cvm',
      version: '2017-03-12',
      action: 'X',
      attempt: 1,
      maxAttempts: 1,
      callStartedAt: 0,
      method: 'POST',
      url: 'http://user:hunter2-password@127.0.0.1:9/',
      headers: { Authorization: 'TC3-HMAC-SHA256 Signature=abc', 'X-TC-Token': 'tok-123456' },
    });
    for (const text of [...seen, ...logged]) {
      expect(text).not.toContain('hunter2-password');
      expect(text).not.toContain('Signature=abc');
      expect(text).not.toContain('tok-123456');
    }
    expect(seen[0]).toBe('http://user:[REDACTED]@127.0.0.1:9/');
  });
});

describe('3. bad configuration is a ConfigurationError naming the option', () => {
  const cases: Array<[string, ClientOptions, string]> = [
    ['CRLF in language', { language: 'en-US\r\nX: 1' as never }, 'language'],
    ['unknown language', { language: 'fr-FR' as never }, 'language'],
    ['CRLF in region', { region: 'ap-x\r\nX: 1' }, 'region'],
    ['non-ASCII region', { region: 'ap-北京' }, 'region'],
    ['invalid endpoint', { endpoint: 'http://[::1' }, 'endpoint'],
    ['endpoint with spaces', { endpoint: 'http://a b/' }, 'endpoint'],
    ['endpoint with a password', { endpoint: 'http://u:p@127.0.0.1/' }, 'endpoint'],
    ['endpoint with another scheme', { endpoint: 'ftp://127.0.0.1/' }, 'endpoint'],
    ['negative timeout', { timeoutMs: -1 }, 'timeoutMs'],
    ['NaN timeout', { timeoutMs: Number.NaN }, 'timeoutMs'],
    ['zero attempts', { maxAttempts: 0 }, 'maxAttempts'],
    ['bad method', { httpMethod: 'PUT' as never }, 'httpMethod'],
    ['bad response cap', { maxResponseBytes: -5 }, 'maxResponseBytes'],
  ];
  for (const [name, options, option] of cases) {
    it(name, () => {
      let err: unknown;
      try {
        client(options);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigurationError);
      expect(err).toBeInstanceOf(SdkError);
      expect((err as ConfigurationError).option).toBe(option);
      expect((err as Error).message).toContain(option);
      expect((err as Error).message).not.toMatch(/[\r\n]/);
    });
  }

  it('per-call options and a non-object input are checked too', async () => {
    const c = client();
    for (const [options, option] of [
      [{ timeoutMs: -3 }, 'timeoutMs (call option)'],
      [{ maxAttempts: 1.5 }, 'maxAttempts (call option)'],
    ] as const) {
      const err = await c.request(READ, {}, options).catch((e) => e);
      expect(err).toBeInstanceOf(ConfigurationError);
      expect(err.option).toBe(option);
    }
    const err = await c.request(READ, null as never).catch((e) => e);
    expect(err).toMatchObject({ name: 'ConfigurationError', option: 'input' });
    expect(server.received).toHaveLength(0);
  });

  it('a header value node:http refuses is a ConfigurationError naming the header, not a TypeError', async () => {
    const c = new ServiceClient(
      { ...CVM, packageName: '@scope/cvm\r\nX-Evil: 1' },
      { endpoint: server.url, credentials: CREDS },
    );
    const err = await c.request(READ, {}).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toMatch(/header User-Agent/);
    expect(server.received).toHaveLength(0);
  });
});

describe('4. streaming timeouts', () => {
  it('an event stream that goes silent ends in TimeoutError and closes the socket', async () => {
    let closed: Promise<void> | undefined;
    script = [
      (_q, res, raw) => {
        closed = new Promise((r) => raw.socket.once('close', () => r()));
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"n":1}\n\n'); // then silence
      },
    ];
    const stream = await client({ streamIdleTimeoutMs: 50 }).requestStream<{ n: number }>(
      STREAM,
      {},
    );
    const got: number[] = [];
    const err = await (async () => {
      for await (const ev of stream) got.push(ev.n);
    })().catch((e) => e);
    expect(got).toEqual([1]);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(
      /cvm ChatCompletions from 127\.0\.0\.1:\d+: no data .* 50 ms \(streamIdleTimeoutMs\)/,
    );
    await closed;
  });

  it('time spent by the caller between events does not count as idle', async () => {
    script = [
      (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end('data: {"n":1}\n\ndata: {"n":2}\n\n');
      },
    ];
    const stream = await client({ streamIdleTimeoutMs: 20 }).requestStream<{ n: number }>(
      STREAM,
      {},
    );
    const got: number[] = [];
    for await (const ev of stream) {
      got.push(ev.n);
      await new Promise((r) => setTimeout(r, 60)); // slower than the idle timeout
    }
    expect(got).toEqual([1, 2]);
  });

  it('a JSON answer to a streaming call whose body stalls ends at timeoutMs', async () => {
    let closed: Promise<void> | undefined;
    script = [
      (_q, res, raw) => {
        closed = new Promise((r) => raw.socket.once('close', () => r()));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"Response":'); // then stall
      },
    ];
    const err = await client({ timeoutMs: 80, maxAttempts: 1 })
      .requestStream(STREAM, {})
      .catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/no complete response within 80 ms/);
    await closed;
  });
});

describe('5. mutations are not repeated on a bare 5xx', () => {
  for (const status of [500, 502, 503, 504]) {
    it(`RunInstances and TerminateInstances are sent once on HTTP ${status} HTML; read-only and ClientToken calls retry`, async () => {
      for (const action of [RUN, TERMINATE]) {
        script = [html(status), html(status), html(status)];
        const err = await client()
          .request(action, {})
          .catch((e) => e);
        expect(err).toMatchObject({
          name: 'ProtocolError',
          httpStatus: status,
          attempts: 1,
          retryable: false,
        });
        expect(
          server.received.filter((r) => r.headers['x-tc-action'] === action.name),
        ).toHaveLength(1);
        server.received.length = 0;
      }
      script = [html(status), html(status)];
      const res = await client().request(RUN, { ClientToken: 'tok-1' });
      expect(getResponseMetadata(res)?.attempts).toBe(3);
      script = [html(status)];
      expect(getResponseMetadata(await client().request(READ, {}))?.attempts).toBe(2);
    });
  }

  it('a mutation is retried when the request provably never ran: refused connection, RequestLimitExceeded', async () => {
    script = [(_q, res) => json(res, 200, apiError('RequestLimitExceeded'))];
    expect(getResponseMetadata(await client().request(RUN, {}))?.attempts).toBe(2);
    const port = await closedPort();
    const err = await client({ endpoint: `http://127.0.0.1:${port}` })
      .request(RUN, {})
      .catch((e) => e);
    expect(err).toMatchObject({ name: 'NetworkError', sent: false, attempts: 3, retryable: true });
  });
});

describe('6. err.retryable says what the client did', () => {
  it('InternalError on a Describe action: retried 3 times and retryable; SignatureExpire with static keys: sent once, not retryable', async () => {
    script = [0, 1, 2].map(() => (_q, res) => json(res, 200, apiError('InternalError')));
    const internal = await client()
      .request(READ, {})
      .catch((e) => e);
    expect(internal).toMatchObject({ code: 'InternalError', attempts: 3, retryable: true });
    script = [(_q, res) => json(res, 200, apiError('AuthFailure.SignatureExpire'))];
    const expired = await client()
      .request(READ, {})
      .catch((e) => e);
    expect(expired).toMatchObject({ attempts: 1, retryable: false });
    expect(server.received).toHaveLength(4);
  });

  it('for any failure and call kind: retryable on the final error === the loop retried it (property)', async () => {
    const failures = [
      () => new TencentCloudError({ code: 'InternalError', message: '' }),
      () => new TencentCloudError({ code: 'ServiceUnavailable', message: '' }),
      () => new TencentCloudError({ code: 'RequestLimitExceeded.UinLimitExceeded', message: '' }),
      () => new TencentCloudError({ code: 'AuthFailure.SignatureExpire', message: '' }),
      () => new TencentCloudError({ code: 'AuthFailure.TokenFailure', message: '' }),
      () => new TencentCloudError({ code: 'InvalidParameter', message: '' }),
      () => new NetworkError('x', { sent: true }),
      () => new NetworkError('x', { sent: false }),
      () => new TimeoutError('x', { sent: true, timeoutMs: 1 }),
      ...[200, 429, 500, 503, 404].map(
        (httpStatus) => () =>
          new ProtocolError('x', {
            httpStatus,
            contentType: 'text/html',
            bodySnippet: '',
            problem: 'html',
          }),
      ),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...failures),
        fc.record({
          readOnly: fc.boolean(),
          idempotent: fc.boolean(),
          refreshableCredentials: fc.boolean(),
        }),
        async (make, context: RetryContext) => {
          let attempts = 0;
          const once = await withRetry(
            async () => {
              attempts++;
              throw make();
            },
            { maxAttempts: 1, context, options: noWait },
          ).catch((e) => e);
          attempts = 0;
          await withRetry(
            async () => {
              attempts++;
              if (attempts === 1) throw make();
              return 'ok';
            },
            { maxAttempts: 2, context, options: noWait },
          ).catch(() => undefined);
          expect(once.retryable).toBe(attempts === 2);
        },
      ),
    );
  });
});

describe('8. response size cap', () => {
  it('a Content-Length beyond maxResponseBytes fails at once, the socket is destroyed', async () => {
    let closed: Promise<void> | undefined;
    script = [
      (_q, res, raw) => {
        closed = new Promise((r) => raw.socket.once('close', () => r()));
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(600 * 2 ** 20),
        });
        res.write('{"Response":{"Big":"');
      },
    ];
    const err = await client({ maxResponseBytes: 1024 })
      .request(READ, {})
      .catch((e) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toMatchObject({ problem: 'too-large', attempts: 1 });
    expect(err.message).toMatch(/declares 629145600 bytes .*maxResponseBytes \(1024\)/);
    await closed;
  });

  it('a chunked body is counted; past the cap it is a ProtocolError, not ERR_STRING_TOO_LONG', async () => {
    script = [
      (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = 'x'.repeat(64 * 1024);
        let n = 0;
        const pump = () => {
          while (n++ < 64 && res.write(chunk)) {}
          if (n < 64 && !res.destroyed) res.once('drain', pump);
        };
        res.on('error', () => {});
        pump();
      },
    ];
    const err = await client({ maxResponseBytes: 256 * 1024 })
      .request(READ, {})
      .catch((e) => e);
    expect(err).toMatchObject({ name: 'ProtocolError', problem: 'too-large' });
    expect(err.message).toMatch(/exceeded 262144 bytes/);
  });

  it('one event of a stream larger than the cap is a ProtocolError', async () => {
    script = [
      (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.on('error', () => {});
        res.write(`data: {"n":1}\n\ndata: "${'y'.repeat(10_000)}`);
      },
    ];
    const stream = await client({ maxResponseBytes: 4096 }).requestStream(STREAM, {});
    const err = await (async () => {
      for await (const _ of stream);
    })().catch((e) => e);
    expect(err).toMatchObject({ name: 'ProtocolError', problem: 'too-large' });
  });
});

describe('12. small but real', () => {
  it('a truncated 200 JSON body of a read-only action is retried; of a mutation it is not', async () => {
    const truncated: Step = (_q, res) =>
      json(res, 200, '{"Response":{"RequestId":"x"', 'application/json');
    script = [truncated];
    expect(getResponseMetadata(await client().request(READ, {}))?.attempts).toBe(2);
    script = [truncated];
    const err = await client()
      .request(RUN, {})
      .catch((e) => e);
    expect(err).toMatchObject({ name: 'ProtocolError', problem: 'not-json', attempts: 1 });
  });

  it('AuthFailure.TokenFailure with environment credentials from the default chain is sent once', async () => {
    const saved = { ...process.env };
    process.env.TENCENTCLOUD_SECRET_ID = 'AKIDenvonly';
    process.env.TENCENTCLOUD_SECRET_KEY = 'env-only-secret-key';
    process.env.TENCENTCLOUD_SESSION_TOKEN = 'env-only-session-token';
    try {
      script = [(_q, res) => json(res, 200, apiError('AuthFailure.TokenFailure'))];
      const err = await new ServiceClient(CVM, { endpoint: server.url, retry: noWait })
        .request(READ, {})
        .catch((e) => e);
      expect(err).toMatchObject({
        code: 'AuthFailure.TokenFailure',
        attempts: 1,
        retryable: false,
      });
      expect(server.received).toHaveLength(1);
    } finally {
      process.env = saved;
    }
  });

  it('network errors name the service, action, host and what happened', async () => {
    const port = await closedPort();
    const refused = await client({ endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1 })
      .request(READ, {})
      .catch((e) => e);
    expect(refused.message).toBe(
      `cvm DescribeInstances to 127.0.0.1:${port}: connection refused before the request was sent (ECONNREFUSED)`,
    );
    script = [(_q, _res, raw) => raw.socket.destroy()];
    const reset = await client({ maxAttempts: 1 })
      .request(RUN, {})
      .catch((e) => e);
    expect(reset).toBeInstanceOf(NetworkError);
    expect(reset.message).toMatch(
      new RegExp(
        // node:http says ECONNRESET; fetch (undici, under the web runtime's run) UND_ERR_SOCKET.
        `^cvm RunInstances to 127\\.0\\.0\\.1:${server.port}: connection (reset|closed by the server) after the request was sent \\((ECONNRESET|UND_ERR_SOCKET)\\)$`,
      ),
    );
  });

  it('an endpoint written as localhost:PORT says that https was assumed', async () => {
    const err = await client({ endpoint: `localhost:${server.port}`, maxAttempts: 1 })
      .request(READ, {})
      .catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(/TLS handshake failed/);
    expect(err.message).toContain(`write http://localhost:${server.port}`);
  });
});

describe('14. X-TC-TraceId', () => {
  it('is exposed on API errors, protocol errors and response metadata', async () => {
    const traced =
      (status: number, body: unknown, type = 'application/json'): Step =>
      (_q, res) => {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        res.writeHead(status, { 'content-type': type, 'x-tc-traceid': 'trace-abc-123' });
        res.end(text);
      };
    script = [traced(200, ok())];
    const res = await client().request(READ, {});
    expect(getResponseMetadata(res)?.traceId).toBe('trace-abc-123');
    script = [traced(200, apiError('InvalidParameter'))];
    const api = await client()
      .request(READ, {})
      .catch((e) => e);
    expect(api).toMatchObject({ code: 'InvalidParameter', traceId: 'trace-abc-123' });
    script = [traced(404, '<html></html>', 'text/html')];
    const proto = await client()
      .request(READ, {})
      .catch((e) => e);
    expect(proto).toMatchObject({ name: 'ProtocolError', traceId: 'trace-abc-123' });
  });
});

/** A port with nothing listening (bound, then closed). */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

// Keeps `http` referenced for the Step type on older TypeScript settings.
export type { http };

describe('issue 11 item 4: an output member named Error is data', () => {
  const LKEAP = { ...CVM, service: 'lkeap', version: '2024-05-22' };
  const RESULT: ActionInfo = { name: 'GetSplitDocumentResult', readOnly: true, errorIsData: true };
  const lkeap = () =>
    new ServiceClient(LKEAP, { endpoint: server.url, credentials: CREDS, retry: noWait });

  it('reads Response.Error as data when the Response holds more than Error and RequestId', async () => {
    const body = {
      Response: {
        Status: 'Failed',
        Error: { Code: 'DocumentTooLarge', Message: 'the document has too many pages' },
        RequestId: 'req-data',
      },
    };
    script = [(_q, res) => json(res, 200, body)];
    const out = await lkeap().request<{ Status: string; Error: { Code: string } }>(RESULT, {});
    expect(out.Status).toBe('Failed');
    expect(out.Error.Code).toBe('DocumentTooLarge');
    expect(out.RequestId).toBe('req-data');
  });

  it('still reads a real error envelope (only Error and RequestId) as an API error', async () => {
    script = [(_q, res) => json(res, 200, apiError('ResourceNotFound'))];
    const err = await lkeap()
      .request(RESULT, {})
      .catch((e) => e);
    expect(err).toBeInstanceOf(TencentCloudError);
    expect(err.code).toBe('ResourceNotFound');
  });

  it('for an action without the flag, Response.Error is always the error envelope', async () => {
    script = [
      (_q, res) =>
        json(res, 200, {
          Response: { Status: 'x', Error: { Code: 'InternalError', Message: 'm' }, RequestId: 'r' },
        }),
    ];
    const err = await lkeap()
      .request({ ...RESULT, errorIsData: false, readOnly: false }, {})
      .catch((e) => e);
    expect(err).toMatchObject({ name: 'TencentCloudError', code: 'InternalError' });
  });
});
