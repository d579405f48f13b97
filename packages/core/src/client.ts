/**
 * The generic call every generated method goes through.
 *
 * `request` prepares a call once (endpoint, body bytes) and hands it to `attempt`, which by
 * default runs `sendOnce`: resolve credentials, sign with a fresh timestamp, send, parse.
 * A retry layer wraps `sendOnce` (override `attempt`); the body bytes are reused unchanged.
 */
import type { Agent } from 'node:http';
import { httpRequest, type PreparedCall, signedHeaders } from './attempt.js';
import type { CredentialsSource } from './credentials-source.js';
import { parseEnvelope } from './envelope.js';
import { stringifyJson } from './json.js';
import { attachMetadata, type ResponseMetadata } from './metadata.js';
import { toQueryString } from './query.js';
import type { EventStream } from './sse.js';
import { openStreamOnce } from './stream-call.js';
import { openHttp } from './transport.js';
import type { ActionInfo, CallOptions, Language, ServiceInfo, WithRequestId } from './types.js';
import { CORE_PACKAGE, CORE_VERSION } from './version.js';

export type { PreparedCall } from './attempt.js';

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

export interface AttemptResult<O> {
  readonly data: WithRequestId<O>;
  readonly metadata: ResponseMetadata;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const EMPTY = Buffer.alloc(0);

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

/**
 * The call path without streaming. Generated packages whose service has no streaming action
 * can build on this class and keep the event-stream code out of bundles.
 */
export class BaseServiceClient {
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

  /** Runs the attempts of a call; override to add retries around `sendOnce`. */
  protected attempt<O>(call: PreparedCall): Promise<AttemptResult<O>> {
    return sendOnce<O>(call);
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

/** `BaseServiceClient` plus `requestStream` for actions that answer with server-sent events. */
export class ServiceClient extends BaseServiceClient {
  /** Calls a streaming action; resolves once the server answered. */
  requestStream<E>(
    action: ActionInfo,
    input: object,
    options?: CallOptions,
  ): Promise<EventStream<E>> {
    return this.attemptStream<E>(this.prepare(action, input, options));
  }

  /** Opens the stream; override to add retries around `openStreamOnce`. */
  protected attemptStream<E>(call: PreparedCall): Promise<EventStream<E>> {
    return openStreamOnce<E>(call);
  }
}
