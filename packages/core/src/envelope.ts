/**
 * The API 3.0 response envelope and the one parser that turns a raw HTTP response into
 * either the action's payload (with its RequestId) or a typed error.
 */
import { TencentCloudError } from './errors/api.js';
import { ProtocolError } from './errors/transport.js';
import { parseJson as exactParseJson } from './json.js';
import { redactText } from './redact.js';

/** `{"Response": {...fields, "RequestId"}}` */
export interface SuccessEnvelope<T extends object = Record<string, unknown>> {
  readonly Response: T & { readonly RequestId: string };
}

/** `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}` */
export interface ErrorEnvelope {
  readonly Response: {
    readonly Error: { readonly Code: string; readonly Message: string };
    readonly RequestId: string;
  };
}

export type Envelope<T extends object = Record<string, unknown>> =
  | SuccessEnvelope<T>
  | ErrorEnvelope;

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

export interface EnvelopeContext {
  readonly service?: string | undefined;
  readonly version?: string | undefined;
  readonly action?: string | undefined;
  /** JSON parser; the default keeps integers beyond 2^53 exact (as bigint). */
  readonly parseJson?: ((text: string) => unknown) | undefined;
}

export type ParsedResponse<T extends object> =
  | { readonly ok: true; readonly data: T & { RequestId: string }; readonly requestId: string }
  | { readonly ok: false; readonly error: TencentCloudError | ProtocolError };

const SNIPPET_BYTES = 200;

/** First bytes of a body, printable and free of secrets, for error messages. */
export function bodySnippet(body: Uint8Array): string {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, SNIPPET_BYTES));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we remove.
  const text = head.toString('utf8').replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return redactText(text) + (body.byteLength > SNIPPET_BYTES ? '…' : '');
}

function header(res: RawResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function protocolError(
  res: RawResponse,
  problem: string,
  cause?: unknown,
  requestId?: string,
): ProtocolError {
  const contentType = header(res, 'content-type');
  const snippet = bodySnippet(res.body);
  const what = `HTTP ${res.status}, content-type ${contentType ?? '(none)'}, ${res.body.byteLength} bytes`;
  return new ProtocolError(`${problem} (${what})${snippet ? `, body: ${snippet}` : ''}`, {
    httpStatus: res.status,
    contentType,
    bodySnippet: snippet,
    requestId,
    cause,
  });
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseEnvelope<T extends object = Record<string, unknown>>(
  res: RawResponse,
  ctx: EnvelopeContext = {},
): ParsedResponse<T> {
  if (res.body.byteLength === 0) {
    return {
      ok: false,
      error: protocolError(res, 'Empty response body instead of an API envelope'),
    };
  }
  const text = Buffer.from(res.body.buffer, res.body.byteOffset, res.body.byteLength).toString(
    'utf8',
  );
  let doc: unknown;
  try {
    doc = (ctx.parseJson ?? exactParseJson)(text);
  } catch (cause) {
    const type = header(res, 'content-type') ?? '';
    const problem =
      /html/i.test(type) || /^\s*</.test(text)
        ? 'HTML instead of an API envelope (a gateway or proxy answered?)'
        : 'Response body is not valid JSON (truncated?)';
    return { ok: false, error: protocolError(res, problem, cause) };
  }
  const response = isObject(doc) ? doc.Response : undefined;
  if (!isObject(response)) {
    return { ok: false, error: protocolError(res, 'JSON without a "Response" object') };
  }
  const requestId = typeof response.RequestId === 'string' ? response.RequestId : undefined;
  const err = response.Error;
  if (err !== undefined) {
    if (!isObject(err) || typeof err.Code !== 'string') {
      return {
        ok: false,
        error: protocolError(res, 'Error envelope without a Code', undefined, requestId),
      };
    }
    return {
      ok: false,
      error: new TencentCloudError({
        code: err.Code,
        message: typeof err.Message === 'string' ? redactText(err.Message) : err.Code,
        requestId,
        service: ctx.service,
        version: ctx.version,
        action: ctx.action,
        httpStatus: res.status,
      }),
    };
  }
  if (res.status < 200 || res.status >= 300) {
    return {
      ok: false,
      error: protocolError(res, 'Success envelope with an HTTP error status', undefined, requestId),
    };
  }
  if (requestId === undefined) {
    return { ok: false, error: protocolError(res, 'Envelope without a RequestId') };
  }
  return { ok: true, data: response as T & { RequestId: string }, requestId };
}
