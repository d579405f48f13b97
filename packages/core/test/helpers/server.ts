import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type Handler = (req: Received, res: ServerResponse, raw: IncomingMessage) => void;

/** A loopback server whose behaviour is chosen per request by the X-TC-Action header. */
export async function startServer(routes: Record<string, Handler>) {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = http.createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const req = {
        method: raw.method ?? '',
        url: raw.url ?? '',
        headers: raw.headers,
        body: Buffer.concat(chunks),
      };
      received.push(req);
      const action = String(raw.headers['x-tc-action'] ?? '');
      const handler = routes[action] ?? routes['*'];
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      handler(req, res, raw);
    });
  });
  server.on('connection', (s: Socket) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    received,
    get connections() {
      return connections;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export function json(
  res: ServerResponse,
  status: number,
  value: unknown,
  type = 'application/json',
) {
  const body = typeof value === 'string' ? value : JSON.stringify(value);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
