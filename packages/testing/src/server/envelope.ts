/** Writers for everything the emulator puts on the wire. */
import type { ServerResponse } from 'node:http';

// A placeholder no real payload contains; swapped for bare digits after stringify.
const BIGINT_MARK = '~tc-emulator-bigint~';
const BIGINT_RE = /"~tc-emulator-bigint~(-?\d+)"/g;

/** JSON with bigint written as exact digits (stub answers may hold int64 beyond 2^53). */
export function toJson(value: unknown): string {
  const text = JSON.stringify(value, (_k, v) =>
    typeof v === 'bigint' ? `${BIGINT_MARK}${v.toString()}` : v,
  );
  return text.includes(BIGINT_MARK) ? text.replace(BIGINT_RE, '$1') : text;
}

export function successEnvelope(payload: Record<string, unknown>, requestId: string): string {
  return toJson({ Response: { ...payload, RequestId: requestId } });
}

export function errorEnvelope(code: string, message: string, requestId: string): string {
  return toJson({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
}

export function sendJson(res: ServerResponse, body: string, status = 200): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** The first half of the envelope, cleanly framed: the client gets HTTP 200 and broken JSON. */
export function sendTruncated(res: ServerResponse, body: string): void {
  const half = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(half),
  });
  res.end(half);
}

export function sendGatewayPage(res: ServerResponse, status: number): void {
  const reason = status === 502 ? 'Bad Gateway' : status === 504 ? 'Gateway Timeout' : 'Error';
  const body =
    `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n` +
    `<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  res.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export function sseChunk(event: Record<string, unknown> | string): string {
  return `data: ${typeof event === 'string' ? event : toJson(event)}\n\n`;
}
