/**
 * The generic call every generated method goes through.
 *
 * `request` prepares a call once (endpoint, body bytes) and hands it to `attempt`, which by
 * default runs `sendOnce`: resolve credentials, sign with a fresh timestamp, send, parse.
 * A retry layer wraps `sendOnce` (override `attempt`); the body bytes are reused unchanged.
 */
import type { Agent } from 'node:http';
import { type CredentialsSource, resolveCredentials } from './credentials-source.js';
import { parseEnvelope } from './envelope.js';
import { NetworkError } from './errors/transport.js';
import { stringifyJson } from './json.js';
import { attachMetadata, type ResponseMetadata } from './metadata.js';
import { toQueryString } from './query.js';
import { signTc3, UNSIGNED_AUTHORIZATION } from './signer/tc3.js';
import { EventStream } from './sse.js';
import { openHttp } from './transport.js';
import type {
  ActionInfo,
  CallOptions,
  CredentialsProvider,
  Language,
  ServiceInfo,
  WithRequestId,
} from './types.js';
import { CORE_PACKAGE, CORE_VERSION } from './version.js';

export interface ClientOptions {
  /** Region sent as X-TC-Region; omitted for region-less services. */
  readonly region?: string | undefined;
  readonly credentials?: CredentialsSource | undefined;
  /** Full URL (`http://127.0.0.1:8080`) or host (`cvm.ap-shanghai.tencentcloudapi.com`). */
  readonly endpoint?: string | undefined;
  /** Use `<service>.<region>.tencentcloudapi.com` instead of the global host. */
  readonly regionalEndpoint?: boolean | undefined;
  /** X-TC-Language; default `en-US`. */
  readonly language?: Language | undefined;
  /** Timeout of one attempt in ms; default 60 000. */
  readonly timeoutMs?: number | undefined;
  /** `POST` (JSON body, default) or `GET` (input flattened into the query string). */
  readonly httpMethod?: 'POST' | 'GET' | undefined;
  /** HTTP(S) agent; default: a shared keep-alive agent. */
  readonly agent?: Agent | undefined;
}

/** Everything one attempt needs; built once per call. */
export interface PreparedCall {
  readonly service: ServiceInfo;
  readonly action: ActionInfo;
  readonly url: URL;
  readonly method: 'POST' | 'GET';
  readonly path: string;
  readonly query: string;
  readonly contentType: string;
  /** The exact bytes sent (and hashed) on every attempt. */
  readonly body: Buffer;
  readonly input: object;
  readonly region: string | undefined;
  readonly language: Language;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly credentials: CredentialsSource | undefined;
  readonly fallbackCredentials?: CredentialsProvider | undefined;
  readonly agent: Agent | undefined;
  readonly userAgent: string;
  readonly requestClient: string;
}

export interface AttemptResult<O> {
  readonly data: WithRequestId<O>;
  readonly metadata: ResponseMetadata;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const EMPTY = Buffer.alloc(0);

/** Builds the signed headers of one attempt (fresh timestamp, current credentials). */
export async function signedHeaders(call: PreparedCall): Promise<Record<string, string>> {
  const host = call.url.host;
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'Content-Type': call.contentType,
    Host: host,
    'X-TC-Action': call.action.name,
    'X-TC-Version': call.service.version,
    'X-TC-Timestamp': String(timestamp),
    'X-TC-Language': call.language,
    'User-Agent': call.userAgent,
    'X-TC-RequestClient': call.requestClient,
    'Content-Length': String(call.body.byteLength),
  };
  if (call.region) headers['X-TC-Region'] = call.region;
  if (call.action.skipSign) {
    headers.Authorization = UNSIGNED_AUTHORIZATION;
    return headers;
  }
  const creds = await resolveCredentials(call.credentials, call.fallbackCredentials);
  if (creds.token) headers['X-TC-Token'] = creds.token;
  headers.Authorization = signTc3({
    secretId: creds.secretId,
    secretKey: creds.secretKey,
    service: call.service.service,
    host,
    method: call.method,
    path: call.path,
    query: call.query,
    contentType: call.contentType,
    body: call.body,
    timestamp,
  });
  return headers;
}

function httpRequest(call: PreparedCall, headers: Record<string, string>) {
  return {
    url: call.url,
    method: call.method,
    path: call.query ? `${call.path}?${call.query}` : call.path,
    headers,
    body: call.method === 'GET' ? undefined : call.body,
    timeoutMs: call.timeoutMs,
    signal: call.signal,
    agent: call.agent,
  };
}

/** One attempt: sign, send, parse. Throws SdkError subclasses only. */
export async function sendOnce<O>(call: PreparedCall): Promise<AttemptResult<O>> {
  const headers = await signedHeaders(call);
  const res = await openHttp(httpRequest(call, headers), true);
  const parsed = parseEnvelope<O & object>(res, {
    service: call.service.service,
    version: call.service.version,
    action: call.action.name,
  });
  if (!parsed.ok) throw parsed.error;
  return {
    data: parsed.data as WithRequestId<O>,
    metadata: {
      requestId: parsed.requestId,
      httpStatus: res.status,
      headers: res.headers,
      attempts: 1,
      totalRetryDelayMs: 0,
    },
  };
}

/** One streaming attempt: resolves once the server answered with an event stream. */
export async function openStreamOnce<E>(call: PreparedCall): Promise<EventStream<E>> {
  const headers = await signedHeaders(call);
  const res = await openHttp(httpRequest(call, headers), false);
  const contentType = res.headers['content-type'] ?? '';
  const context = {
    httpStatus: res.statusCode ?? 0,
    contentType,
    requestId: header(res.headers['x-tc-requestid']),
    service: call.service.service,
    version: call.service.version,
    action: call.action.name,
    ...(call.signal ? { signal: call.signal } : {}),
  };
  if (/^text\/event-stream/i.test(contentType)) return new EventStream<E>(res, context);
  // Not a stream: an error envelope (thrown) or a plain result (a stream of one event).
  const chunks: Buffer[] = [];
  try {
    for await (const c of res) chunks.push(c as Buffer);
  } catch (cause) {
    throw new NetworkError('Network failure while reading the response', { sent: true, cause });
  }
  const parsed = parseEnvelope(
    { status: context.httpStatus, headers: res.headers, body: Buffer.concat(chunks) },
    context,
  );
  if (!parsed.ok) throw parsed.error;
  const single = (async function* () {
    yield `data: ${stringifyJson(parsed.data)}\n\n`;
  })();
  return new EventStream<E>(single, { ...context, requestId: parsed.requestId });
}

const header = (v: string | string[] | undefined): string | undefined =>
  Array.isArray(v) ? v[0] : v;

export class ServiceClient {
  readonly service: ServiceInfo;
  protected readonly config: Readonly<Omit<ClientOptions, 'credentials'>>;
  readonly #credentials: CredentialsSource | undefined;
  readonly #endpoints = new Map<string, URL>();
  readonly #userAgent: string;
  readonly #requestClient: string;

  constructor(service: ServiceInfo, options: ClientOptions = {}) {
    const { credentials, ...config } = options;
    this.service = service;
    this.config = config;
    this.#credentials = credentials;
    this.#requestClient = `${service.packageName}/${service.packageVersion} ${CORE_PACKAGE}/${CORE_VERSION}`;
    this.#userAgent = `${this.#requestClient} node/${process.versions.node}`;
  }

  /** Calls `action` and resolves with its output, `RequestId` included. */
  async request<O>(
    action: ActionInfo,
    input: object,
    options?: CallOptions,
  ): Promise<WithRequestId<O>> {
    const { data, metadata } = await this.attempt<O>(this.prepare(action, input, options));
    return attachMetadata(data, metadata);
  }

  /** Calls a streaming action; resolves once the server answered. */
  requestStream<E>(
    action: ActionInfo,
    input: object,
    options?: CallOptions,
  ): Promise<EventStream<E>> {
    return this.attemptStream<E>(this.prepare(action, input, options));
  }

  /** Runs the attempts of a call; override to add retries around `sendOnce`. */
  protected attempt<O>(call: PreparedCall): Promise<AttemptResult<O>> {
    return sendOnce<O>(call);
  }

  protected attemptStream<E>(call: PreparedCall): Promise<EventStream<E>> {
    return openStreamOnce<E>(call);
  }

  /** Serializes the input once and resolves the endpoint. */
  protected prepare(action: ActionInfo, input: object, options: CallOptions = {}): PreparedCall {
    const region = options.region ?? this.config.region;
    const method = this.config.httpMethod ?? 'POST';
    const url = this.endpoint(action, region);
    return {
      service: this.service,
      action,
      url,
      method,
      path: url.pathname || '/',
      query: method === 'GET' ? toQueryString(input) : '',
      contentType: method === 'GET' ? FORM_TYPE : JSON_TYPE,
      body: method === 'GET' ? EMPTY : Buffer.from(stringifyJson(input), 'utf8'),
      input,
      region: region || undefined,
      language: this.config.language ?? 'en-US',
      timeoutMs: options.timeoutMs ?? this.config.timeoutMs ?? 60_000,
      signal: options.signal,
      credentials: this.#credentials,
      agent: this.config.agent,
      userAgent: this.#userAgent,
      requestClient: this.#requestClient,
    };
  }

  /** `https://<service>.[<region>.]<rootDomainPrefix>tencentcloudapi.com/`, or the custom endpoint. */
  protected endpoint(action: ActionInfo, region: string | undefined): URL {
    const prefix = action.rootDomainPrefix ?? '';
    const key = `${prefix}|${region ?? ''}`;
    let url = this.#endpoints.get(key);
    if (!url) {
      const custom = this.config.endpoint;
      const regional = this.config.regionalEndpoint && region ? `${region}.` : '';
      url = new URL(
        custom
          ? custom.includes('://')
            ? custom
            : `https://${custom}`
          : `https://${this.service.service}.${regional}${prefix}tencentcloudapi.com/`,
      );
      this.#endpoints.set(key, url);
    }
    return url;
  }

  /** Never shows credentials. */
  toJSON(): object {
    return { service: this.service, ...this.config, agent: undefined };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
  }
}
