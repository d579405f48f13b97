/**
 * Agents that reach the target through an HTTP CONNECT tunnel (zero dependencies). Plain-http
 * targets are tunnelled too, so one code path serves both. Loaded only when a proxy is used.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { defaultPort, proxyFor } from './proxy.js';

type Env = Readonly<Record<string, string | undefined>>;

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

const proxyAgents = new Map<string, http.Agent>();

/** A shared tunnelling agent for `target`'s protocol through `proxy`. */
export function proxyAgent(proxy: URL, protocol: string): http.Agent {
  const key = `${protocol}${proxy.href}`;
  let agent = proxyAgents.get(key);
  if (!agent) {
    agent = protocol === 'https:' ? new HttpsProxyAgent(proxy) : new HttpProxyAgent(proxy);
    proxyAgents.set(key, agent);
  }
  return agent;
}

export interface AgentChoice {
  /** An agent to use as is (the caller's own pooling, proxy or TLS settings). */
  readonly agent?: http.Agent | undefined;
  /** A proxy URL, or `false` to ignore the proxy variables of the environment. */
  readonly proxy?: string | URL | false | undefined;
  readonly env?: Env;
}

/**
 * The agent for a request to `target`: the explicit agent, else a (shared) tunnelling agent
 * when a proxy applies, else `undefined` (the caller's default agent).
 */
export function agentFor(target: URL, choice: AgentChoice = {}): http.Agent | undefined {
  if (choice.agent) return choice.agent;
  const proxy = proxyFor(target, choice.proxy, choice.env);
  return proxy ? proxyAgent(proxy, target.protocol) : undefined;
}
