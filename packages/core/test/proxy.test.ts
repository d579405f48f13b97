import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ServiceClient } from '../src/call/client.js';
import { bypassesProxy, proxyFor, proxyFromEnv } from '../src/runtime/node/proxy.js';
import {
  agentFor,
  HttpProxyAgent,
  HttpsProxyAgent,
  ProxyConnectError,
} from '../src/runtime/node/proxy-agent.js';

describe('proxy selection', () => {
  const t = (u: string) => new URL(u);
  it('picks the variable for the scheme, lower case first', () => {
    const env = { HTTPS_PROXY: 'http://upper:1', https_proxy: 'lower:2', HTTP_PROXY: 'http://p:3' };
    expect(proxyFromEnv(t('https://cvm.tencentcloudapi.com/'), env)?.href).toBe('http://lower:2/');
    expect(proxyFromEnv(t('http://cvm.tencentcloudapi.com/'), env)?.href).toBe('http://p:3/');
    expect(proxyFromEnv(t('https://x/'), {})).toBeUndefined();
  });

  it('honours NO_PROXY names, suffixes, wildcards and ports', () => {
    const u = t('https://cvm.tencentcloudapi.com/');
    expect(bypassesProxy(u, 'tencentcloudapi.com')).toBe(true);
    expect(bypassesProxy(u, '.tencentcloudapi.com')).toBe(true);
    expect(bypassesProxy(u, '*.tencentcloudapi.com')).toBe(true);
    expect(bypassesProxy(u, 'example.com, *')).toBe(true);
    expect(bypassesProxy(u, 'cloudapi.com')).toBe(false);
    expect(bypassesProxy(u, 'tencentcloudapi.com:8443')).toBe(false);
    expect(bypassesProxy(u, 'tencentcloudapi.com:443')).toBe(true);
    expect(bypassesProxy(t('http://127.0.0.1:8080/'), '127.0.0.1')).toBe(true);
    expect(
      proxyFromEnv(u, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'tencentcloudapi.com' }),
    ).toBeUndefined();
  });

  it('prefers an explicit agent, can ignore the environment, and shares proxy agents', () => {
    const mine = new https.Agent();
    const env = { HTTPS_PROXY: 'http://127.0.0.1:9' };
    const u = t('https://cvm.tencentcloudapi.com/');
    expect(agentFor(u, { agent: mine, env })).toBe(mine);
    expect(agentFor(u, { proxy: false, env })).toBeUndefined();
    const a = agentFor(u, { env });
    expect(a).toBeInstanceOf(HttpsProxyAgent);
    expect(agentFor(u, { env })).toBe(a);
    expect(agentFor(t('http://x/'), { proxy: 'http://127.0.0.1:9' })).toBeInstanceOf(
      HttpProxyAgent,
    );
    expect(proxyFor(u, false, env)).toBeUndefined();
    expect(proxyFor(u, 'http://p:1', {})?.href).toBe('http://p:1/');
    expect(proxyFor(u, undefined, env)?.href).toBe('http://127.0.0.1:9/');
  });
});

/** A minimal CONNECT proxy on 127.0.0.1 that records tunnels and can demand credentials. */
function startProxy(requireAuth?: string) {
  const tunnels: string[] = [];
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    if (requireAuth && req.headers['proxy-authorization'] !== requireAuth) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return { server, tunnels };
}

async function listen(server: net.Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

function get(url: string, agent: http.Agent, extra: https.RequestOptions = {}): Promise<string> {
  const mod = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(url, { agent, ...extra }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('tunnelling through a local CONNECT proxy', () => {
  const servers: net.Server[] = [];
  let dir = '';
  let cert: Buffer | undefined;
  let key: Buffer | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'proxy-test-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=DNS:localhost,IP:127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      cert = readFileSync(join(dir, 'cert.pem'));
      key = readFileSync(join(dir, 'key.pem'));
    } catch {
      cert = undefined; // no openssl: the TLS case is skipped
    }
  });
  afterAll(() => {
    for (const s of servers) {
      (s as http.Server).closeAllConnections?.();
      s.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends plain http through the tunnel and reuses the connection', async () => {
    const target = http.createServer((req, res) => res.end(`hello ${req.url}`));
    const { server: proxy, tunnels } = startProxy();
    servers.push(target, proxy);
    const tPort = await listen(target);
    const pPort = await listen(proxy);
    const agent = new HttpProxyAgent(new URL(`http://127.0.0.1:${pPort}`));
    expect(await get(`http://127.0.0.1:${tPort}/a`, agent)).toBe('200 hello /a');
    expect(await get(`http://127.0.0.1:${tPort}/b`, agent)).toBe('200 hello /b');
    expect(tunnels).toEqual([`127.0.0.1:${tPort}`]);
    agent.destroy();
  });

  it('sends https through the tunnel with TLS to the target', async (ctx) => {
    if (!cert || !key) ctx.skip();
    const target = https.createServer({ cert, key }, (req, res) => res.end(`secure ${req.url}`));
    const { server: proxy, tunnels } = startProxy(
      'Basic ' + Buffer.from('u ser:p@ss').toString('base64'),
    );
    servers.push(target, proxy);
    const tPort = await listen(target);
    const pPort = await listen(proxy);
    const agent = new HttpsProxyAgent(new URL(`http://u%20ser:p%40ss@127.0.0.1:${pPort}`), {
      ca: cert,
    });
    expect(await get(`https://localhost:${tPort}/x`, agent, { host: 'localhost' })).toBe(
      '200 secure /x',
    );
    expect(tunnels).toEqual([`localhost:${tPort}`]);
    agent.destroy();
  });

  describe('a client and HTTP_PROXY', () => {
    const CVM = { service: 'cvm', version: '2017-03-12', packageName: 't', packageVersion: '0' };
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy };
    afterEach(() => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    });

    it('uses the proxy the environment named when the client was made', async () => {
      // The client port of each request: a proxied one arrives on the tunnel's connection.
      const ports: (number | undefined)[] = [];
      const target = http.createServer((req, res) => {
        ports.push(req.socket.remotePort);
        res.end(JSON.stringify({ Response: { RequestId: 'r1' } }));
      });
      const { server: proxy, tunnels } = startProxy();
      servers.push(target, proxy);
      const tPort = await listen(target);
      const pPort = await listen(proxy);
      const make = () =>
        new ServiceClient(CVM, {
          endpoint: `http://127.0.0.1:${tPort}`,
          credentials: { secretId: 'AKIDproxy', secretKey: 'proxy-secret' },
        });
      delete process.env.http_proxy;
      delete process.env.HTTP_PROXY;
      const before = make();
      process.env.HTTP_PROXY = `http://127.0.0.1:${pPort}`;
      const after = make();
      const off = new ServiceClient(CVM, {
        endpoint: `http://127.0.0.1:${tPort}`,
        credentials: { secretId: 'AKIDproxy', secretKey: 'proxy-secret' },
        proxy: false,
      });
      // Read once per client: the variable set after `before` was made does not reach it.
      expect((await before.call('DescribeInstances')).RequestId).toBe('r1');
      expect((await off.call('DescribeInstances')).RequestId).toBe('r1');
      expect(tunnels).toEqual([]);
      expect((await after.call('DescribeInstances')).RequestId).toBe('r1');
      expect(tunnels).toEqual([`127.0.0.1:${tPort}`]);
      const proxied = ports[2];
      expect(ports.slice(0, 2)).not.toContain(proxied);
      // Cleared since: the client looks again before tunnelling, and goes direct.
      delete process.env.HTTP_PROXY;
      expect((await after.call('DescribeInstances')).RequestId).toBe('r1');
      expect(ports).toHaveLength(4);
      expect(ports[3]).not.toBe(proxied);
    });
  });

  it('fails with ProxyConnectError (no credentials in the message) when the proxy refuses', async () => {
    const { server: proxy } = startProxy('Basic nope');
    servers.push(proxy);
    const pPort = await listen(proxy);
    const agent = new HttpProxyAgent(new URL(`http://user:topsecret@127.0.0.1:${pPort}`));
    const err = await get('http://127.0.0.1:1/', agent).catch((e) => e);
    expect(err).toBeInstanceOf(ProxyConnectError);
    expect(err.statusCode).toBe(407);
    expect(String(err.message)).not.toContain('topsecret');
    agent.destroy();
  });
});
