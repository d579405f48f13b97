/** The one small HTTP helper credential providers need (metadata service, STS). */
import http from 'node:http';
import https from 'node:https';

export interface HttpTextInit {
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly timeoutMs: number;
  readonly agent?: http.Agent | undefined;
}

export interface HttpTextResponse {
  readonly status: number;
  readonly body: string;
}

const MAX_BODY = 1 << 20;

/** Sends one request and reads the whole (small) body as text; rejects on timeout. */
export function httpText(url: string, init: HttpTextInit): Promise<HttpTextResponse> {
  return new Promise((resolve, reject) => {
    const mod = url.startsWith('https:') ? https : http;
    const req = mod.request(url, {
      method: init.method ?? 'GET',
      headers: init.headers,
      ...(init.agent ? { agent: init.agent } : {}),
    });
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${init.timeoutMs} ms`)),
      init.timeoutMs,
    );
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) req.destroy(new Error('response too large'));
        else chunks.push(c);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', () => {}); // surfaced through req 'error'
    });
    req.end(init.body);
  });
}
