import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientOptions, ServiceClient } from '../src/call/client.js';
import { familyHosts } from '../src/call/endpoint/family.js';
import type { ErrorEvent } from '../src/call/hooks.js';
import { NetworkError } from '../src/errors/index.js';
import { getResponseMetadata } from '../src/protocol/metadata.js';
import { signTc3 } from '../src/signer/sign.js';
import { hostsAgent } from './helpers/hosts.js';
import { json, startServer } from './helpers/server.js';

const CVM = { service: 'cvm', version: '2017-03-12', packageName: 't', packageVersion: '0' };
const CREDS = { secretId: 'AKIDfailover', secretKey: 'failover-secret-key' };
const DESCRIBE = { name: 'DescribeInstances', readOnly: true };
const RUN = { name: 'RunInstances' };

const ok = (_r: unknown, res: Parameters<typeof json>[0]) =>
  json(res, 200, { Response: { RequestId: 'req-ok', TotalCount: 1 } });

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
async function server(handler = ok) {
  const s = await startServer({ '*': handler });
  servers.push(s);
  return s;
}

function client(agent: ClientOptions['agent'], options: ClientOptions = {}) {
  return new ServiceClient(CVM, {
    region: 'ap-guangzhou',
    credentials: CREDS,
    agent,
    proxy: false,
    retry: { baseDelayMs: 0, throttledBaseDelayMs: 0 },
    ...options,
  });
}

describe('endpoint failover', () => {
  it('moves a call whose host is refused to tencentcloudapi.cn, signed for that host', async () => {
    const cn = await server();
    const { agent } = await hostsAgent({
      'cvm.tencentcloudapi.com': 'refused',
      'cvm.tencentcloudapi.cn': cn.port,
    });
    const errors: ErrorEvent[] = [];
    const c = client(agent, { hooks: { onError: (e) => void errors.push(e) } });
    const out = await c.request<{ TotalCount: number }>(DESCRIBE, { Limit: 1 });
    expect(out.TotalCount).toBe(1);
    expect(getResponseMetadata(out)?.endpoint).toBe('cvm.tencentcloudapi.cn');
    expect(getResponseMetadata(out)?.attempts).toBe(2);
    expect(errors.map((e) => [e.endpoint, e.willRetry])).toEqual([
      ['cvm.tencentcloudapi.com', true],
    ]);
    const [req] = cn.received;
    expect(req?.headers.host).toBe('cvm.tencentcloudapi.cn');
    const timestamp = Number(req?.headers['x-tc-timestamp']);
    expect(req?.headers.authorization).toBe(
      signTc3({
        ...CREDS,
        service: 'cvm',
        host: 'cvm.tencentcloudapi.cn',
        contentType: String(req?.headers['content-type']),
        body: req?.body ?? '',
        timestamp,
      }),
    );
  });

  it('fails a mutation over when DNS proves nothing was sent; it is sent once', async () => {
    const comcn = await server();
    const { agent, connections } = await hostsAgent({
      'cvm.tencentcloudapi.com': 'dns',
      'cvm.tencentcloudapi.cn': 'refused',
      'cvm.tencentcloudapi.com.cn': comcn.port,
    });
    const out = await client(agent).request(RUN, { ImageId: 'img-1' });
    expect(getResponseMetadata(out)?.endpoint).toBe('cvm.tencentcloudapi.com.cn');
    expect(comcn.received).toHaveLength(1);
    expect(connections).toEqual({
      'cvm.tencentcloudapi.com': 1,
      'cvm.tencentcloudapi.cn': 1,
      'cvm.tencentcloudapi.com.cn': 1,
    });
  });

  it('counts a lookup that fails before the socket is handed over as not sent', async () => {
    // The socket is already destroyed when the request gets it: nothing can have been sent.
    const cn = await server();
    const { agent } = await hostsAgent(
      { 'cvm.tencentcloudapi.com': 'dns', 'cvm.tencentcloudapi.cn': cn.port },
      { syncLookup: true },
    );
    const out = await client(agent).request(RUN, {});
    expect(getResponseMetadata(out)?.endpoint).toBe('cvm.tencentcloudapi.cn');
  });

  it('never sends a mutation to a second host once the first may have run it', async () => {
    // The primary accepts the request and drops the connection: it may have run.
    const com = await server((_r, res) => res.socket?.destroy());
    const cn = await server();
    const { agent } = await hostsAgent({
      'cvm.tencentcloudapi.com': com.port,
      'cvm.tencentcloudapi.cn': cn.port,
    });
    const err = await client(agent)
      .request(RUN, {})
      .catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.sent).toBe(true);
    expect(com.received).toHaveLength(1);
    expect(cn.received).toHaveLength(0);
    // An HTTP 503 of a mutation is not moved either (and not retried).
    const busy = await server((_r, res) =>
      res.writeHead(503, { 'content-type': 'text/html' }).end('<html>'),
    );
    const other = await server();
    const h2 = await hostsAgent({
      'cvm.tencentcloudapi.com': busy.port,
      'cvm.tencentcloudapi.cn': other.port,
    });
    await expect(client(h2.agent).request(RUN, {})).rejects.toThrow(/503/);
    expect(busy.received).toHaveLength(1);
    expect(other.received).toHaveLength(0);
  });

  it('opens a host breaker after repeated failures, skips it while open, probes it after', async () => {
    const com = await server();
    const cn = await server();
    const routes = {
      'cvm.tencentcloudapi.com': 'refused',
      'cvm.tencentcloudapi.cn': cn.port,
    } as Record<string, number | 'refused'>;
    const { agent, connections } = await hostsAgent(routes);
    let now = 1_000_000;
    const c = client(agent, { failover: { failureThreshold: 2, openMs: 30_000, now: () => now } });
    expect(c.endpointHealth()).toEqual([]); // nothing loaded before a failure
    await c.request(DESCRIBE, {});
    await c.request(DESCRIBE, {});
    expect(connections['cvm.tencentcloudapi.com']).toBe(2);
    expect(c.endpointHealth()).toContainEqual({
      host: 'cvm.tencentcloudapi.com',
      state: 'open',
      consecutiveFailures: 2,
      openUntil: 1_030_000,
    });
    // While open, calls go straight to .cn: no connection to .com at all.
    const third = await c.request(DESCRIBE, {});
    expect(getResponseMetadata(third)?.attempts).toBe(1);
    expect(getResponseMetadata(third)?.endpoint).toBe('cvm.tencentcloudapi.cn');
    expect(connections['cvm.tencentcloudapi.com']).toBe(2);
    // After openMs the next call probes the primary; it answers, so the breaker closes.
    routes['cvm.tencentcloudapi.com'] = com.port;
    now += 30_001;
    expect(c.endpointHealth().find((h) => h.host === 'cvm.tencentcloudapi.com')?.state).toBe(
      'half-open',
    );
    const probe = await c.request(DESCRIBE, {});
    expect(getResponseMetadata(probe)?.endpoint).toBe('cvm.tencentcloudapi.com');
    expect(c.endpointHealth().find((h) => h.host === 'cvm.tencentcloudapi.com')).toEqual({
      host: 'cvm.tencentcloudapi.com',
      state: 'closed',
      consecutiveFailures: 0,
    });
    // Breakers are per client: a new client starts on the primary with nothing recorded.
    expect(client(agent).endpointHealth()).toEqual([]);
  });

  it('keeps the ai. family within ai. hosts', async () => {
    const cn = await server();
    const { agent } = await hostsAgent({
      'hunyuan.ai.tencentcloudapi.com': 'refused',
      'hunyuan.ai.tencentcloudapi.cn': cn.port,
    });
    const c = new ServiceClient(
      { service: 'hunyuan', version: '2023-09-01', packageName: 't', packageVersion: '0' },
      { credentials: CREDS, agent, proxy: false, retry: { baseDelayMs: 0 } },
    );
    const out = await c.request(
      { name: 'GetEmbedding', readOnly: true, rootDomainPrefix: 'ai.' },
      {},
    );
    expect(getResponseMetadata(out)?.endpoint).toBe('hunyuan.ai.tencentcloudapi.cn');
  });

  it('never fails over a custom endpoint, a regional host, or with failover: false', async () => {
    const cn = await server();
    const routes = {
      'cvm.tencentcloudapi.com': 'refused',
      'cvm.ap-guangzhou.tencentcloudapi.com': 'refused',
      'cvm.tencentcloudapi.cn': cn.port,
      'cvm.ap-guangzhou.tencentcloudapi.cn': cn.port,
    } as const;
    for (const options of [
      { regionalEndpoint: true },
      { failover: false as const },
      { endpoint: 'https://cvm.tencentcloudapi.com' },
    ]) {
      const { agent, connections } = await hostsAgent(routes);
      const c = client(agent, options);
      const err = await c.request(DESCRIBE, {}).catch((e) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect(err.attempts).toBe(3);
      expect(Object.keys(connections)).toHaveLength(1);
      expect(c.endpointHealth()).toEqual([]);
    }
    expect(cn.received).toHaveLength(0);
  });

  it('knows the family of exactly the global hosts (property)', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
    fc.assert(
      fc.property(
        label,
        fc.constantFrom('', 'ai.', 'internal.'),
        fc.constantFrom('com', 'cn', 'com.cn'),
        (svc, prefix, tld) => {
          const host = `${svc}.${prefix}tencentcloudapi.${tld}`;
          const hosts = familyHosts(host);
          expect(hosts?.[0]).toBe(host);
          expect(new Set(hosts).size).toBe(3);
          for (const h of hosts ?? [])
            expect(h.startsWith(`${svc}.${prefix}tencentcloudapi.`)).toBe(true);
          expect(
            familyHosts(`${svc}.ap-guangzhou.${prefix}tencentcloudapi.${tld}`),
          ).toBeUndefined();
          expect(
            familyHosts(`${svc}.${prefix}tencentcloudapi.${tld}.evil.example`),
          ).toBeUndefined();
        },
      ),
    );
  });
});
