/**
 * Lets README examples that call the real endpoints (`new CvmClient({ region })`, no
 * `endpoint`) run unchanged against the emulator. The example runs with what a user's shell
 * would hold: credentials in TENCENTCLOUD_SECRET_ID / _KEY and an HTTPS_PROXY, which core
 * honours. This proxy answers CONNECT to `<service>[.<region>].tencentcloudapi.com:443` itself:
 * it terminates TLS with a certificate for that host, signed by a CA made for this run and
 * trusted through NODE_EXTRA_CA_CERTS, and forwards each request, Host header included, to the
 * emulator on 127.0.0.1, which checks the TC3 signature as Tencent does. Every other target is
 * refused and recorded, so an example can never reach the network.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';

const API_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)?\.tencentcloudapi\.com$/;

export interface ApiProxy {
  /** `http://127.0.0.1:<port>`, for HTTPS_PROXY / HTTP_PROXY. */
  url: string;
  /** PEM file of the CA, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** Targets refused (`host:port`, or the URL of a plain proxied request). */
  refused: string[];
  /** API hosts tunnelled to the emulator. */
  tunnelled: string[];
  close(): Promise<void>;
}

const openssl = (args: string[], cwd: string) =>
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'];

/** Starts the proxy in front of `emulatorUrl`; certificates are written under `dir`. */
export async function startApiProxy(emulatorUrl: string, dir: string): Promise<ApiProxy> {
  mkdirSync(dir, { recursive: true });
  try {
    openssl(
      ['req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=docs-test CA'],
      dir,
    );
  } catch (e) {
    throw new Error(`docs-test needs the openssl command to make a test CA: ${String(e)}`);
  }
  const contexts = new Map<string, tls.SecureContext>();
  const contextFor = (host: string) => {
    let ctx = contexts.get(host);
    if (!ctx) {
      openssl(
        ['req', '-x509', ...EC, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-subj', `/CN=${host}`]
          .concat(['-addext', `subjectAltName=DNS:${host}`])
          .concat(['-keyout', `${host}.key`, '-out', `${host}.pem`]),
        dir,
      );
      ctx = tls.createSecureContext({
        key: readFileSync(join(dir, `${host}.key`)),
        cert: readFileSync(join(dir, `${host}.pem`)),
      });
      contexts.set(host, ctx);
    }
    return ctx;
  };

  const refused: string[] = [];
  const tunnelled: string[] = [];
  const target = new URL(emulatorUrl);
  // Requests arriving through a tunnel, forwarded to the emulator as they came.
  const inner = http.createServer((req, res) => {
    const fwd = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    fwd.on('error', () => res.destroy());
    req.pipe(fwd);
  });
  const sockets = new Set<Socket>();
  const proxy = http.createServer((req, res) => {
    refused.push(req.url ?? '');
    res.writeHead(403).end('docs-test proxy: only CONNECT to *.tencentcloudapi.com:443\n');
  });
  proxy.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  proxy.on('connect', (req, socket: Socket, head: Buffer) => {
    const [host = '', port = ''] = (req.url ?? '').split(':');
    if (!API_HOST.test(host) || port !== '443') {
      refused.push(req.url ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    tunnelled.push(host);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: contextFor(host) });
    secure.on('error', () => socket.destroy());
    inner.emit('connection', secure);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    caFile: join(dir, 'ca.pem'),
    refused,
    tunnelled,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        inner.close();
        proxy.close(() => resolve());
      }),
  };
}
