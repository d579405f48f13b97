import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServiceClient } from '../src/call/client.js';
import { ConfigurationError, TencentCloudError } from '../src/errors/index.js';
import { withResponse } from '../src/helpers/with-response.js';
import { signTc3Details } from '../src/signer/sign.js';
import { json, startServer } from './helpers/server.js';

const CVM = { service: 'cvm', version: '2017-03-12', packageName: 't', packageVersion: '0' };
const CREDS = { secretId: 'AKIDdiag', secretKey: 'diagnostics-secret-key-123' };
const DESCRIBE = { name: 'DescribeInstances', readOnly: true };

const servers: { close(): Promise<void> }[] = [];
const saved = { ...process.env };
const home = mkdtempSync(join(tmpdir(), 'tc-diag-home-'));
beforeEach(() => {
  for (const k of ['TENCENTCLOUD_SDK_LOG', 'TENCENTCLOUD_REGION', 'TENCENTCLOUD_CREDENTIALS_FILE'])
    delete process.env[k];
  process.env.HOME = home;
});
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  process.env = { ...saved };
  vi.restoreAllMocks();
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function server(answers: ((res: Parameters<typeof json>[0]) => void)[]) {
  let n = 0;
  const s = await startServer({
    '*': (_r, res) => (answers[Math.min(n++, answers.length - 1)] as (r: typeof res) => void)(res),
  });
  servers.push(s);
  return s;
}
const okWithTrace = (res: Parameters<typeof json>[0]) => {
  const body = JSON.stringify({ Response: { RequestId: 'req-1', TotalCount: 2 } });
  res.writeHead(200, { 'content-type': 'application/json', 'x-tc-traceid': 'trace-9' }).end(body);
};
const throttled = (res: Parameters<typeof json>[0]) =>
  json(res, 200, {
    Response: { Error: { Code: 'RequestLimitExceeded', Message: 'slow' }, RequestId: 'r0' },
  });

describe('withResponse', () => {
  it('gives the data and the HTTP facts: status, headers, RequestId, trace id, attempts, timings', async () => {
    const srv = await server([throttled, okWithTrace]);
    const c = new ServiceClient(CVM, {
      endpoint: srv.url,
      credentials: CREDS,
      retry: { throttledBaseDelayMs: 0 },
    });
    const { data, response } = await withResponse(c.request<{ TotalCount: number }>(DESCRIBE, {}));
    expect(data).toEqual({ RequestId: 'req-1', TotalCount: 2 });
    expect(response).toMatchObject({
      requestId: 'req-1',
      traceId: 'trace-9',
      httpStatus: 200,
      attempts: 2,
      endpoint: new URL(srv.url).host,
    });
    expect(response.headers['content-type']).toBe('application/json');
    const t = response.timings;
    expect(t && t.durationMs >= t.lastAttemptMs && t.startedAt <= Date.now()).toBe(true);
  });

  it('rejects a value that is not a call result, and passes call errors through', async () => {
    await expect(withResponse({ RequestId: 'x' })).rejects.toBeInstanceOf(ConfigurationError);
    const srv = await server([throttled]);
    const c = new ServiceClient(CVM, { endpoint: srv.url, credentials: CREDS, maxAttempts: 1 });
    await expect(withResponse(c.request(DESCRIBE, {}))).rejects.toBeInstanceOf(TencentCloudError);
  });
});

describe('AuthFailure.SignatureFailure', () => {
  it('logs at debug level what core signed, without the key or the signature', async () => {
    const srv = await server([
      (res) =>
        json(res, 200, {
          Response: {
            Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad' },
            RequestId: 'r',
          },
        }),
    ]);
    const lines: [string, unknown][] = [];
    const c = new ServiceClient(CVM, {
      endpoint: srv.url,
      credentials: CREDS,
      logger: { debug: (m, d) => void lines.push([m, d]) },
    });
    await expect(c.request(DESCRIBE, { Limit: 1 })).rejects.toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
    const line = lines.find(([m]) => m.includes('AuthFailure.SignatureFailure'));
    expect(line).toBeDefined();
    const req = srv.received[0];
    const expected = signTc3Details({
      ...CREDS,
      service: 'cvm',
      host: new URL(srv.url).host,
      contentType: String(req?.headers['content-type']),
      body: req?.body ?? '',
      timestamp: Number(req?.headers['x-tc-timestamp']),
    });
    expect(line?.[1]).toMatchObject({
      secretId: 'AKIDdiag',
      canonicalRequest: expected.canonicalRequest,
      stringToSign: expected.stringToSign,
      credentialScope: expected.credentialScope,
    });
    const all = JSON.stringify(lines);
    expect(all).not.toContain(CREDS.secretKey);
    expect(all).not.toContain(expected.signature);
  });

  it('masks secret-named parameters in the query of a GET request', async () => {
    const srv = await server([
      (res) =>
        json(res, 200, {
          Response: {
            Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad' },
            RequestId: 'r',
          },
        }),
    ]);
    const lines: unknown[] = [];
    const c = new ServiceClient(CVM, {
      endpoint: srv.url,
      credentials: CREDS,
      httpMethod: 'GET',
      logger: { debug: (_m, d) => void lines.push(d) },
    });
    await c
      .request(
        { name: 'ResetInstancesPassword' },
        { Password: 'Hunter2-pass', InstanceIds: ['ins-1'] },
      )
      .catch(() => {});
    const all = JSON.stringify(lines);
    expect(all).not.toContain('Hunter2-pass');
    expect(all).toContain('InstanceIds.0=ins-1');
  });
});

describe('log levels', () => {
  it('TENCENTCLOUD_SDK_LOG=debug logs to console when no logger is given; unset or off, nothing', async () => {
    const srv = await server([okWithTrace]);
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    await new ServiceClient(CVM, { endpoint: srv.url, credentials: CREDS }).request(DESCRIBE, {});
    process.env.TENCENTCLOUD_SDK_LOG = 'off';
    await new ServiceClient(CVM, { endpoint: srv.url, credentials: CREDS }).request(DESCRIBE, {});
    expect(debug).not.toHaveBeenCalled();
    process.env.TENCENTCLOUD_SDK_LOG = 'debug';
    await new ServiceClient(CVM, { endpoint: srv.url, credentials: CREDS }).request(DESCRIBE, {});
    expect(debug).toHaveBeenCalled();
    const printed = JSON.stringify(debug.mock.calls);
    expect(printed).toContain('[REDACTED]'); // the Authorization header
    expect(printed).not.toContain(CREDS.secretKey);
    expect(info).not.toHaveBeenCalled();
  });

  it('warn keeps retry warnings and drops debug lines; the option wins over the variable', async () => {
    const srv = await server([throttled, okWithTrace]);
    process.env.TENCENTCLOUD_SDK_LOG = 'debug';
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn() };
    const c = new ServiceClient(CVM, {
      endpoint: srv.url,
      credentials: CREDS,
      logger,
      logLevel: 'warn',
      retry: { throttledBaseDelayMs: 0 },
    });
    await c.request(DESCRIBE, {});
    expect(logger.debug).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('refuses an unknown level, naming the variable', () => {
    process.env.TENCENTCLOUD_SDK_LOG = 'verbose';
    expect(() => new ServiceClient(CVM, { credentials: CREDS })).toThrow(
      expect.objectContaining({ option: 'TENCENTCLOUD_SDK_LOG' }),
    );
  });
});

describe('describeClientConfig', () => {
  it('reports options as the source of region, endpoint and credentials', async () => {
    const c = new ServiceClient(CVM, {
      region: 'ap-shanghai',
      endpoint: 'http://127.0.0.1:9',
      credentials: CREDS,
      logLevel: 'info',
    });
    const d = await c.describeClientConfig();
    expect(d).toEqual({
      service: 'cvm',
      version: '2017-03-12',
      region: { value: 'ap-shanghai', source: 'region option' },
      endpoint: { url: 'http://127.0.0.1:9/', source: 'endpoint option', failover: false },
      credentials: { provider: 'credentials option', secretId: 'AKIDdiag', temporary: false },
      logLevel: 'info',
    });
    expect(JSON.stringify(d)).not.toContain(CREDS.secretKey);
  });

  it('reports the environment and the default chain provider that won', async () => {
    process.env.TENCENTCLOUD_REGION = 'ap-beijing';
    process.env.TENCENTCLOUD_SECRET_ID = 'AKIDenv';
    process.env.TENCENTCLOUD_SECRET_KEY = 'env-secret-key-123';
    const d = await new ServiceClient(CVM, {}).describeClientConfig();
    expect(d.region).toEqual({ value: 'ap-beijing', source: 'TENCENTCLOUD_REGION' });
    expect(d.endpoint).toEqual({
      url: 'https://cvm.tencentcloudapi.com/',
      source: 'default',
      failover: true,
    });
    expect(d.credentials).toMatchObject({
      provider: 'default chain: environment',
      secretId: 'AKIDenv',
    });
  });

  it("takes the region from tccli's configure file when nothing else names one", async () => {
    mkdirSync(join(home, '.tccli'), { recursive: true });
    writeFileSync(
      join(home, '.tccli', 'default.configure'),
      JSON.stringify({
        _sys_param: { region: 'ap-chengdu', output: 'json' },
        cvm: { endpoint: 'cvm.tencentcloudapi.com' },
      }),
    );
    const d = await new ServiceClient(CVM, {
      credentials: CREDS,
      regionalEndpoint: true,
    }).describeClientConfig();
    expect(d.region).toEqual({
      value: 'ap-chengdu',
      source: 'tccli configure',
      path: join(home, '.tccli', 'default.configure'),
    });
    expect(d.endpoint).toEqual({
      url: 'https://cvm.ap-chengdu.tencentcloudapi.com/',
      source: 'regionalEndpoint option',
      failover: false,
    });
  });
});
