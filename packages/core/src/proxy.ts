/**
 * Proxies: `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` from the environment, or an explicit proxy
 * URL, through an agent that opens a CONNECT tunnel (zero dependencies). Plain-http targets are
 * tunnelled too, so one code path serves both. An explicit `agent` option bypasses all of this.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

type Env = Readonly<Record<string, string | undefined>>;

const envVar = (env: Env, name: string): string | undefined =>
  env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;

const defaultPort = (protocol: string) => (protocol === 'https:' ? 443 : 80);

/** True when `NO_PROXY` exempts the host (exact names, domain suffixes, `*`, optional `:port`). */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || String(defaultPort(target.protocol));
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, ''));
    if (m?.[2] && m[2] !== port) continue;
    entry = (m?.[1] ?? entry).replace(/^\*?\./, '');
    if (host === entry || host.endsWith('.' + entry)) return true;
  }
  return false;
}

/** The proxy the environment asks for when calling `target`, if any. */
export function proxyFromEnv(target: URL, env: Env = process.env): URL | undefined {
  const value = envVar(env, target.protocol === 'https:' ? 'https_proxy' : 'http_proxy');
  if (!value || bypassesProxy(target, envVar(env, 'no_proxy'))) return undefined;
  try {
    return new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    return undefined;
  }
}

/** Error raised when the tunnel cannot be opened; the request was never sent. */
export class ProxyConnectError extends Error {
  readonly code = 'ERR_PROXY_CONNECT';
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'ProxyConnectError';
  }
}

interface TunnelOptions {
  readonly host?: string | null;
  readonly hostname?: string | null;
  readonly port?: number | string | null;
}

/** Opens a CONNECT tunnel through `proxy` to host:port and hands back the raw socket. */
function openTunnel(
  proxy: URL,
  opts: TunnelOptions,
  done: (err: Error | null, s?: net.Socket) => void,
) {
  const host = opts.hostname ?? opts.host ?? 'localhost';
  const target = `${host.includes(':') ? `[${host}]` : host}:${opts.port}`;
  const proxyPort = Number(proxy.port) || defaultPort(proxy.protocol);
  const socket: net.Socket =
    proxy.protocol === 'https:'
      ? tls.connect({ host: proxy.hostname, port: proxyPort, servername: proxy.hostname })
      : net.connect(proxyPort, proxy.hostname);
  let auth = '';
  if (proxy.username) {
    const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    auth = `Proxy-Authorization: Basic ${Buffer.from(user).toString('base64')}\r\n`;
  }
  let buffered = Buffer.alloc(0);
  const fail = (err: Error) => {
    cleanup();
    socket.destroy();
    done(err);
  };
  const onError = (err: Error) => fail(err);
  const onEnd = () =>
    fail(new ProxyConnectError(`Proxy closed the connection before tunnelling to ${target}`));
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0) {
      if (buffered.length > 16_384) fail(new ProxyConnectError('Proxy response header too large'));
      return;
    }
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(buffered.toString('latin1', 0, end))?.[1]);
    if (status !== 200) {
      fail(
        new ProxyConnectError(
          `Proxy refused the tunnel to ${target} (HTTP ${status || '?'})`,
          status,
        ),
      );
      return;
    }
    cleanup();
    const rest = buffered.subarray(end + 4);
    if (rest.length > 0) socket.unshift(rest);
    done(null, socket);
  };
  function cleanup() {
    socket.off('data', onData);
    socket.off('error', onError);
    socket.off('end', onEnd);
  }
  socket.on('data', onData);
  socket.on('error', onError);
  socket.on('end', onEnd);
  socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth}\r\n`);
}

type ConnectionCallback = (err: Error | null, stream: Duplex) => void;

/** `https.Agent` whose connections go through a CONNECT tunnel, then TLS to the target. */
export class HttpsProxyAgent extends https.Agent {
  constructor(
    readonly proxy: URL,
    options?: https.AgentOptions,
  ) {
    super({ keepAlive: true, ...options });
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: ConnectionCallback,
  ): undefined {
    openTunnel(this.proxy, options, (err, raw) => {
      if (err || !raw)
        return callback?.(err ?? new ProxyConnectError('No tunnel'), undefined as never);
      const host = options.servername ?? options.hostname ?? options.host ?? undefined;
      const servername = host && !net.isIP(host) ? host : undefined;
      const { ca, cert, key, pfx, passphrase, rejectUnauthorized, minVersion, maxVersion } =
        options;
      const secure = tls.connect({
        socket: raw,
        ...(servername ? { servername } : {}),
        ...{ ca, cert, key, pfx, passphrase, rejectUnauthorized, minVersion, maxVersion },
      });
      callback?.(null, secure);
    });
    return undefined;
  }
}

/** `http.Agent` for plain-http targets, also tunnelled with CONNECT. */
export class HttpProxyAgent extends http.Agent {
  constructor(
    readonly proxy: URL,
    options?: http.AgentOptions,
  ) {
    super({ keepAlive: true, ...options });
  }

  override createConnection(
    options: http.ClientRequestArgs,
    callback?: ConnectionCallback,
  ): undefined {
    openTunnel(this.proxy, options, (err, raw) => callback?.(err, raw as Duplex));
    return undefined;
  }
}

export interface AgentChoice {
  /** An agent to use as is (the caller's own pooling, proxy or TLS settings). */
  readonly agent?: http.Agent | undefined;
  /** A proxy URL, or `false` to ignore the proxy variables of the environment. */
  readonly proxy?: string | URL | false | undefined;
  readonly env?: Env;
}

const proxyAgents = new Map<string, http.Agent>();

/**
 * The agent for a request to `target`: the explicit agent, else a (shared) tunnelling agent
 * when a proxy applies, else `undefined` (the caller's default agent).
 */
export function agentFor(target: URL, choice: AgentChoice = {}): http.Agent | undefined {
  if (choice.agent) return choice.agent;
  if (choice.proxy === false) return undefined;
  let proxy: URL | undefined;
  if (choice.proxy) proxy = new URL(String(choice.proxy));
  else proxy = proxyFromEnv(target, choice.env);
  if (!proxy) return undefined;
  const key = `${target.protocol}${proxy.href}`;
  let agent = proxyAgents.get(key);
  if (!agent) {
    agent = target.protocol === 'https:' ? new HttpsProxyAgent(proxy) : new HttpProxyAgent(proxy);
    proxyAgents.set(key, agent);
  }
  return agent;
}
