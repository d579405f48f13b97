/**
 * The one small HTTP helper credential providers need (metadata service, STS), over the
 * runtime's transport: node:http on Node, fetch elsewhere.
 */
import { sendHttp, utf8Bytes } from '#runtime';

export interface HttpTextInit {
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly timeoutMs: number;
}

export interface HttpTextResponse {
  readonly status: number;
  readonly body: string;
}

const MAX_BODY = 1 << 20;
const utf8 = new TextDecoder();

/** Sends one request and reads the whole (small) body as text; rejects on timeout. */
export async function httpText(url: string, init: HttpTextInit): Promise<HttpTextResponse> {
  const u = new URL(url);
  const body = init.body === undefined ? undefined : utf8Bytes(init.body);
  const res = await sendHttp({
    url: u,
    method: init.method ?? 'GET',
    path: `${u.pathname}${u.search}`,
    headers: {
      ...init.headers,
      ...(body ? { 'Content-Length': String(body.byteLength) } : {}),
    },
    body,
    timeoutMs: init.timeoutMs,
    maxResponseBytes: MAX_BODY,
  });
  return { status: res.status, body: utf8.decode(res.body) };
}
