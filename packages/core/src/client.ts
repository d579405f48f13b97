/**
 * The generic call every generated method goes through.
 *
 * `request` prepares a call once (endpoint, body bytes) and hands it to `attempt`, which by
 * default runs `sendOnce`: resolve credentials, sign with a fresh timestamp, send, parse.
 * A retry layer wraps `sendOnce` (override `attempt`); the body bytes are reused unchanged.
 */
import type { Agent } from 'node:http';
import { type PreparedCall, type SignatureMethod, signedRequest } from './attempt.js';
import {
  type AttemptContext,
  type CallPolicy,
  eventBase,
  observerFor,
  runAttempts,
  withAttemptCredentials,
} from './call-runner.js';
import {
  DEFAULT_ROOT_DOMAIN,
  endpointWithoutScheme,
  parseEndpoint,
  serviceUrl,
  validActionInfo,
  validCount,
  validDomainPrefix,
  validLanguage,
  validMs,
  validRegion,
  validRootDomain,
  validServiceInfo,
} from './config.js';
import { lazyProvider } from './credentials/cache.js';
import type { CredentialsSource } from './credentials-source.js';
import { parseEnvelope } from './envelope.js';
import { ConfigurationError } from './errors/transport.js';
import type { Hooks, Logger } from './hooks.js';
import { stringifyJson } from './json.js';
import { attachMetadata, type ResponseMetadata } from './metadata.js';
import { toQueryString } from './query.js';
import { redact } from './redact.js';
import { RetryBudget, type RetryOptions } from './retry.js';
import type { EventStream } from './sse.js';
import { openStreamOnce } from './stream-call.js';
import { openHttp } from './transport.js';
import type {
  ActionInfo,
  CallOptions,
  Credentials,
  CredentialsProvider,
  Language,
  ServiceInfo,
  WithRequestId,
} from './types.js';
import { CORE_PACKAGE, CORE_VERSION } from './version.js';

export type { PreparedCall, SignatureMethod } from './attempt.js';

export interface ClientOptions {
  /**
   * Region sent as X-TC-Region. Default: `TENCENTCLOUD_REGION`, then the profile file's
   * `region`; omitted when none is set (region-less services).
   */
  readonly region?: string | undefined;
  /**
   * Credentials or a provider. Default: the chain environment, profile file, CVM instance
   * role, OIDC web identity (see README, "Credentials").
   */
  readonly credentials?: CredentialsSource | undefined;
  /** Full URL (`http://127.0.0.1:8080`) or host (`cvm.ap-shanghai.tencentcloudapi.com`). */
  readonly endpoint?: string | undefined;
  /** Use `<service>.<region>.tencentcloudapi.com` instead of the global host. */
  readonly regionalEndpoint?: boolean | undefined;
  /**
   * Root domain of the API hosts; default `tencentcloudapi.com` (e.g. `tencentcloudapi.cn`,
   * `internal.tencentcloudapi.com`). Ignored when `endpoint` is set.
   */
  readonly rootDomain?: string | undefined;
  /** X-TC-Language; default `en-US`. */
  readonly language?: Language | undefined;
  /**
   * Timeout of one attempt in ms, until the whole answer is read (for a streaming call: until
   * the stream's headers, or the whole body when the answer is not a stream); default 60 000.
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Longest silence between two chunks of an event stream, in ms; default 120 000. When it
   * passes, iteration throws a `TimeoutError` and the connection is closed.
   */
  readonly streamIdleTimeoutMs?: number | undefined;
  /**
   * Largest answer accepted, in bytes (for an event stream: largest single event); default
   * 64 MiB. A bigger one is a `ProtocolError` and the connection is closed.
   */
  readonly maxResponseBytes?: number | undefined;
  /** `POST` (JSON body, default) or `GET` (input flattened into the query string). */
  readonly httpMethod?: 'POST' | 'GET' | undefined;
  /** HTTP(S) agent, used as is; default: a shared keep-alive agent (or a proxy agent). */
  readonly agent?: Agent | undefined;
  /**
   * Proxy URL (`http://user:pass@host:3128`); `false` ignores `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`,
   * which are honoured by default. Ignored when `agent` is set.
   */
  readonly proxy?: string | URL | false | undefined;
  /** Attempts per call, first included (1 = no retry). Default 3; `CallOptions.maxAttempts` overrides. */
  readonly maxAttempts?: number | undefined;
  /** Backoff settings (base, caps, total bound; injectable jitter and sleep). */
  readonly retry?: RetryOptions | undefined;
  /** A token bucket shared by this client's calls that stops retry storms (`true`: defaults). */
  readonly retryBudget?: RetryBudget | boolean | undefined;
  /** Receives debug/info/warn lines (redacted); any subset of console's methods. */
  readonly logger?: Logger | undefined;
  readonly hooks?: Hooks | undefined;
  /** Default `TC3-HMAC-SHA256`; `HmacSHA256`/`HmacSHA1` use the legacy form signature. */
  readonly signatureMethod?: SignatureMethod | undefined;
  /** Integers beyond 2^53 come back as exact `bigint` (default true); false: plain JSON.parse. */
  readonly exactNumbers?: boolean | undefined;
}

export interface AttemptResult<O> {
  readonly data: WithRequestId<O>;
  readonly metadata: ResponseMetadata;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const EMPTY = Buffer.alloc(0);

/** One attempt: sign, send, parse. Throws SdkError subclasses only. */
export async function sendOnce<O>(
  call: PreparedCall,
  ctx?: AttemptContext,
): Promise<AttemptResult<O>> {
  return withAttemptCredentials(call, (creds) => exchange<O>(call, creds, ctx));
}

async function exchange<O>(
  call: PreparedCall,
  creds: Credentials | undefined,
  ctx: AttemptContext | undefined,
): Promise<AttemptResult<O>> {
  const request = await signedRequest(call, creds);
  const observer = ctx?.observer.active ? ctx.observer : undefined;
  const started = Date.now();
  if (observer && ctx) {
    await observer.beforeRequest({
      ...eventBase(call, ctx),
      method: request.method,
      url: request.url.href,
      headers: request.headers,
    });
  }
  const res = await openHttp(request, true);
  const parsed = parseEnvelope<O & object>(res, {
    service: call.service.service,
    version: call.service.version,
    action: call.action.name,
    parseJson: call.parseJson,
    errorIsData: call.action.errorIsData,
  });
  if (observer && ctx) {
    const requestId = parsed.ok ? parsed.requestId : parsed.error.requestId;
    await observer.afterResponse({
      ...eventBase(call, ctx),
      httpStatus: res.status,
      headers: res.headers,
      ...(requestId ? { requestId } : {}),
      durationMs: Date.now() - started,
    });
  }
  if (!parsed.ok) throw parsed.error;
  return {
    data: parsed.data as WithRequestId<O>,
    metadata: {
      requestId: parsed.requestId,
      traceId: headerValue(res.headers['x-tc-traceid']),
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
  /** Retries, budget, logger and hooks shared by this client's calls. */
  protected readonly policy: CallPolicy;
  readonly #credentials: CredentialsSource | undefined;
  readonly #fallbackCredentials: CredentialsProvider | undefined;
  #region: string | undefined;
  /** Reading the profile file's region; the first calls wait for it. */
  #profileRegion: Promise<void> | undefined;
  readonly #endpoints = new Map<string, URL>();
  readonly #settings: Settings;
  readonly #userAgent: string;
  readonly #requestClient: string;

  constructor(service: ServiceInfo, options: ClientOptions = {}) {
    const { credentials, ...config } = options;
    validServiceInfo(service);
    this.service = service;
    this.config = config;
    this.#settings = settingsOf(config);
    this.#credentials = credentials;
    this.#fallbackCredentials = credentials === undefined ? sharedDefaultChain() : undefined;
    // The option, then TENCENTCLOUD_REGION, then the profile file (loaded in the background,
    // so a client that needs no file never loads that code). Each is validated: the region
    // becomes part of the host name and a header.
    this.#region =
      validRegion(config.region, 'region') ??
      validRegion(process.env.TENCENTCLOUD_REGION, 'TENCENTCLOUD_REGION');
    if (!this.#region) {
      this.#profileRegion = import('./credentials/region.js').then((m) => {
        this.#region = validRegion(m.profileRegionSync(), 'region (from the profile file)');
      });
      // Reported by the first call (ready()), not as an unhandled rejection.
      this.#profileRegion.catch(() => {});
    }
    const budget = config.retryBudget;
    this.policy = {
      observer: observerFor(config.logger, config.hooks),
      maxAttempts: validCount(
        config.maxAttempts ?? config.retry?.maxAttempts ?? 3,
        config.maxAttempts !== undefined ? 'maxAttempts' : 'retry.maxAttempts',
      ),
      retry: config.retry,
      budget: budget === true ? new RetryBudget() : budget || undefined,
    };
    this.#requestClient = `${service.packageName}/${service.packageVersion} ${CORE_PACKAGE}/${CORE_VERSION}`;
    this.#userAgent = `${this.#requestClient} node/${process.versions.node}`;
  }

  /** Calls `action` and resolves with its output, `RequestId` included. */
  async request<O>(
    action: ActionInfo,
    input: object,
    options?: CallOptions,
  ): Promise<WithRequestId<O>> {
    await this.ready();
    const { data, metadata } = await this.attempt<O>(this.prepare(action, input, options));
    return attachMetadata(data, metadata);
  }

  /** Resolves once the client's region is known (the profile file may still be being read). */
  protected async ready(): Promise<void> {
    await this.#profileRegion;
  }

  /** Runs the attempts of a call: `sendOnce` with retries, hooks and credential refresh. */
  protected async attempt<O>(prepared: PreparedCall): Promise<AttemptResult<O>> {
    const call = await withProxyAgent(prepared, this.config.proxy);
    const run = await runAttempts(call, (ctx) => sendOnce<O>(call, ctx), this.policy);
    const { attempts, totalRetryDelayMs } = run;
    return {
      data: run.value.data,
      metadata: { ...run.value.metadata, attempts, totalRetryDelayMs },
    };
  }

  /** Serializes the input once and resolves the endpoint. */
  protected prepare(action: ActionInfo, input: object, options: CallOptions = {}): PreparedCall {
    const region = options.region ?? this.#region;
    const settings = this.#settings;
    const method = settings.method;
    const url = this.endpoint(action, region);
    if (typeof input !== 'object' || input === null) {
      throw new ConfigurationError(
        `${this.service.service} ${action.name}: the input must be an object; got ${input === null ? 'null' : typeof input}`,
        { option: 'input' },
      );
    }
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
      language: settings.language,
      timeoutMs:
        options.timeoutMs === undefined
          ? settings.timeoutMs
          : validMs(options.timeoutMs, 'timeoutMs (call option)', true),
      streamIdleTimeoutMs: settings.streamIdleTimeoutMs,
      maxResponseBytes: settings.maxResponseBytes,
      endpointWithoutScheme: settings.endpointWithoutScheme,
      signal: options.signal,
      credentials: this.#credentials,
      fallbackCredentials: this.#fallbackCredentials,
      agent: this.config.agent,
      userAgent: this.#userAgent,
      requestClient: this.#requestClient,
      maxAttempts:
        options.maxAttempts === undefined
          ? undefined
          : validCount(options.maxAttempts, 'maxAttempts (call option)'),
      signatureMethod: this.config.signatureMethod,
      parseJson: this.config.exactNumbers === false ? JSON.parse : undefined,
    };
  }

  /**
   * `https://<service>.[<region>.]<rootDomainPrefix><rootDomain>/`, or the custom endpoint.
   * A (region, prefix) pair is validated on its first use; the cache makes later calls free.
   */
  protected endpoint(action: ActionInfo, region: string | undefined): URL {
    const prefix = action.rootDomainPrefix ?? '';
    const key = `${prefix}|${region ?? ''}`;
    validActionInfo(action); // its name becomes X-TC-Action; checked once per object
    let url = this.#endpoints.get(key);
    if (!url) {
      validRegion(region, 'region');
      const { endpoint, rootDomain } = this.#settings;
      url =
        endpoint ??
        serviceUrl(
          this.service.service,
          this.config.regionalEndpoint ? region : undefined,
          validDomainPrefix(prefix, `${action.name} rootDomainPrefix`),
          rootDomain,
        );
      this.#endpoints.set(key, url);
    }
    return url;
  }

  /** Never shows credentials, tokens, proxy passwords, the agent, logger or hooks. */
  toJSON(): object {
    const { agent: _a, logger: _l, hooks: _h, retryBudget: _b, ...shown } = this.config;
    return redact({ service: this.service, ...shown, region: this.#region }) as object;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
  }
}

/** `BaseServiceClient` plus `requestStream` for actions that answer with server-sent events. */
export class ServiceClient extends BaseServiceClient {
  /** Calls a streaming action; resolves once the server answered. */
  async requestStream<E>(
    action: ActionInfo,
    input: object,
    options?: CallOptions,
  ): Promise<EventStream<E>> {
    await this.ready();
    return this.attemptStream<E>(this.prepare(action, input, options));
  }

  /** Opens the stream, with retries until the server has answered (never mid-stream). */
  protected async attemptStream<E>(prepared: PreparedCall): Promise<EventStream<E>> {
    const call = await withProxyAgent(prepared, this.config.proxy);
    return (await runAttempts(call, (ctx) => openStreamOnce<E>(call, ctx), this.policy)).value;
  }
}

const headerValue = (v: string | string[] | undefined): string | undefined =>
  Array.isArray(v) ? v[0] : v;

/** Client options after validation (constructor). */
interface Settings {
  readonly method: 'POST' | 'GET';
  readonly language: Language;
  readonly timeoutMs: number;
  readonly streamIdleTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly rootDomain: string;
  readonly endpoint: URL | undefined;
  readonly endpointWithoutScheme: boolean;
}

function settingsOf(config: Omit<ClientOptions, 'credentials'>): Settings {
  const method = config.httpMethod ?? 'POST';
  if (method !== 'POST' && method !== 'GET') {
    throw new ConfigurationError(`httpMethod must be "POST" or "GET"`, { option: 'httpMethod' });
  }
  const endpoint = config.endpoint === undefined ? undefined : parseEndpoint(config.endpoint);
  return {
    method,
    language: validLanguage(config.language ?? 'en-US'),
    timeoutMs: validMs(config.timeoutMs ?? 60_000, 'timeoutMs', true),
    streamIdleTimeoutMs: validMs(
      config.streamIdleTimeoutMs ?? 120_000,
      'streamIdleTimeoutMs',
      true,
    ),
    maxResponseBytes: validCount(config.maxResponseBytes ?? 64 * 1024 * 1024, 'maxResponseBytes'),
    rootDomain: validRootDomain(config.rootDomain ?? DEFAULT_ROOT_DOMAIN),
    endpoint,
    endpointWithoutScheme: endpointWithoutScheme(config.endpoint),
  };
}

let defaultChain: CredentialsProvider | undefined;

/**
 * One default chain per process (one metadata probe, one cache of temporary credentials),
 * loaded on first use: clients given credentials never load the providers' code.
 */
function sharedDefaultChain(): CredentialsProvider {
  defaultChain ??= lazyProvider(async () =>
    (await import('./credentials/chain.js')).defaultCredentialsChain(),
  );
  return defaultChain;
}

/**
 * Puts a tunnelling agent on a call when a proxy applies: `call.proxy`, else the `proxy`
 * option, else `HTTPS_PROXY` / `HTTP_PROXY` (minus `NO_PROXY`). None when the call has an
 * agent. The proxy code loads only when a proxy is configured.
 */
export async function withProxyAgent(
  call: PreparedCall,
  proxy?: string | URL | false,
): Promise<PreparedCall> {
  const wanted = call.proxy ?? proxy;
  if (call.agent || wanted === false || !(wanted || proxyInEnvironment())) return call;
  const agent = (await import('./proxy-agent.js')).agentFor(call.url, { proxy: wanted });
  return agent ? { ...call, agent } : call;
}

const proxyInEnvironment = (env = process.env): boolean =>
  Boolean(env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY);
