/**
 * The generic call every generated method goes through.
 *
 * `request` prepares a call once (endpoint, body bytes) and hands it to `attempt`, which by
 * default runs `sendOnce`: resolve credentials, sign with a fresh timestamp, send, parse.
 * A retry layer wraps `sendOnce` (override `attempt`); the body bytes are reused unchanged.
 */
import {
  processEnv,
  proxyAgentFor,
  RUNTIME_AGENT,
  RUNTIME_NAME,
  SUPPORTS_AGENT,
  sendHttp,
  utf8Bytes,
} from '#runtime';
import { lazyProvider } from '../credentials/cache.js';
import type { CredentialsSource } from '../credentials/source.js';
import { ConfigurationError } from '../errors/transport.js';
import { inferActionInfo } from '../protocol/action-name.js';
import { parseEnvelope } from '../protocol/envelope.js';
import { stringifyJson } from '../protocol/json.js';
import { attachMetadata, type ResponseMetadata } from '../protocol/metadata.js';
import { toQueryString } from '../protocol/query.js';
import { redact } from '../protocol/redact.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type Env, type HttpAgent } from '../runtime/contract.js';
import type {
  ActionInfo,
  CallOptions,
  Credentials,
  CredentialsProvider,
  Language,
  ServiceInfo,
  WithRequestId,
} from '../types.js';
import { CORE_PACKAGE, CORE_VERSION } from '../version.js';
import { signedRequestNow } from './attempt.js';
import {
  DEFAULT_ROOT_DOMAIN,
  endpointWithoutScheme,
  parseEndpoint,
  serviceUrl,
  validActionInfo,
  validCount,
  validLanguage,
  validLogLevel,
  validMs,
  validRegion,
  validRootDomain,
  validServiceInfo,
} from './config.js';
import type { ConfigDescription } from './describe-config.js';
import type { EndpointHealth, Failover, FailoverOptions } from './endpoint/failover.js';
import { answered, familyHosts, unreachable } from './endpoint/family.js';
import type { Hooks, Logger, LogLevel } from './observer.js';
import type { PreparedCall, SignatureMethod } from './prepared.js';
import { RetryBudget, type RetryOptions, type RetryResult } from './retry.js';
import {
  type AttemptContext,
  type CallPolicy,
  eventBase,
  observerFor,
  runAttempts,
  withAttemptCredentials,
} from './runner.js';
import type { EventStream } from './sse.js';
import { openStreamOnce } from './stream.js';

export type { PreparedCall, SignatureMethod } from './prepared.js';

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
  readonly agent?: HttpAgent | undefined;
  /**
   * Proxy URL (`http://user:pass@host:3128`); `false` ignores `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`,
   * which are honoured by default. Ignored when `agent` is set.
   */
  readonly proxy?: string | URL | false | undefined;
  /**
   * Endpoint failover between `tencentcloudapi.com`, `.cn` and `.com.cn` (and their `ai.` and
   * `internal.` families) when a host cannot be reached, with a circuit breaker per host.
   * Default on; never for `endpoint` or `regionalEndpoint`. `false` turns it off.
   */
  readonly failover?: boolean | FailoverOptions | undefined;
  /** Attempts per call, first included (1 = no retry). Default 3; `CallOptions.maxAttempts` overrides. */
  readonly maxAttempts?: number | undefined;
  /** Backoff settings (base, caps, total bound; injectable jitter and sleep). */
  readonly retry?: RetryOptions | undefined;
  /** A token bucket shared by this client's calls that stops retry storms (`true`: defaults). */
  readonly retryBudget?: RetryBudget | boolean | undefined;
  /** Receives debug/info/warn lines (redacted); any subset of console's methods. */
  readonly logger?: Logger | undefined;
  /**
   * Lowest level logged (`debug`, `info`, `warn`, `error`, `off`); default
   * `TENCENTCLOUD_SDK_LOG`. With a level and no `logger`, lines go to `console`.
   */
  readonly logLevel?: LogLevel | undefined;
  readonly hooks?: Hooks | undefined;
  /** Default `TC3-HMAC-SHA256`; `HmacSHA256`/`HmacSHA1` use the legacy form signature. */
  readonly signatureMethod?: SignatureMethod | undefined;
  /** Integers beyond 2^53 come back as exact `bigint` (default true); false: plain JSON.parse. */
  readonly exactNumbers?: boolean | undefined;
  /**
   * Environment variables the client reads (`TENCENTCLOUD_REGION`, `TENCENTCLOUD_SECRET_ID`,
   * `TENCENTCLOUD_SECRET_KEY`, `TENCENTCLOUD_SESSION_TOKEN`, `TENCENTCLOUD_SDK_LOG`, ...).
   * Default: the process environment (`process.env`, `Deno.env`); on Cloudflare Workers pass
   * the `env` bindings of the fetch handler. Never shown by `toJSON` or `describeClientConfig`.
   */
  readonly env?: Env | undefined;
}

export interface AttemptResult<O> {
  readonly data: WithRequestId<O>;
  readonly metadata: ResponseMetadata;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const EMPTY = new Uint8Array(0);

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
  const pending = signedRequestNow(call, creds);
  const request = pending instanceof Promise ? await pending : pending;
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
  const res = await sendHttp(request);
  const parsed = parseEnvelope<O & object>(res, {
    service: call.service.service,
    version: call.service.version,
    action: call.action.name,
    parseJson: call.parseJson,
    errorIsData: call.action.errorIsData,
  });
  const attemptMs = Date.now() - started;
  if (observer && ctx) {
    const requestId = parsed.ok ? parsed.requestId : parsed.error.requestId;
    await observer.afterResponse({
      ...eventBase(call, ctx),
      endpoint: call.url.host,
      httpStatus: res.status,
      headers: res.headers,
      ...(requestId ? { requestId } : {}),
      durationMs: attemptMs,
    });
  }
  if (!parsed.ok) {
    const code = (parsed.error as { code?: string }).code;
    if (code === 'AuthFailure.SignatureFailure' && request.headers['X-TC-Timestamp'])
      observer?.signatureFailure?.(call, request.headers);
    throw parsed.error;
  }
  return {
    data: parsed.data as WithRequestId<O>,
    metadata: {
      requestId: parsed.requestId,
      traceId: headerValue(res.headers['x-tc-traceid']),
      httpStatus: res.status,
      headers: res.headers,
      attempts: 1,
      totalRetryDelayMs: 0,
      endpoint: call.url.host,
      timings: { startedAt: started, durationMs: attemptMs, lastAttemptMs: attemptMs },
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
  readonly #env: Env;
  #region: string | undefined;
  /** Where the region came from, for `describeClientConfig()`. */
  #regionSource: { readonly source: string; readonly path?: string };
  /** Reading the profile file's region; the first calls wait for it. */
  #profileRegion: Promise<void> | undefined;
  /** Circuit breakers of endpoint failover, loaded on the first unreachable host. */
  #failover: Failover | undefined;
  #failoverLoad: Promise<Failover> | undefined;
  readonly #endpoints = new Map<string, URL>();
  readonly #settings: Settings;
  readonly #userAgent: string;
  readonly #requestClient: string;
  /** Whether HTTPS_PROXY / HTTP_PROXY was set when the client was made (four env reads: ~0.6 µs). */
  readonly #envProxy: boolean;

  constructor(service: ServiceInfo, options: ClientOptions = {}) {
    const { credentials, ...config } = options;
    validServiceInfo(service);
    this.service = service;
    this.config = config;
    this.#settings = settingsOf(config);
    this.#credentials = credentials;
    if (config.agent !== undefined && !SUPPORTS_AGENT) {
      throw new ConfigurationError(
        `${service.service}: the agent option is for node:http; this runtime (${RUNTIME_NAME}) sends with fetch`,
        { option: 'agent' },
      );
    }
    if (config.proxy && !SUPPORTS_AGENT) {
      throw new ConfigurationError(
        `${service.service}: the proxy option needs node:http; on ${RUNTIME_NAME}, fetch uses the runtime's own proxy settings (HTTPS_PROXY)`,
        { option: 'proxy' },
      );
    }
    const env = config.env ?? processEnv();
    this.#env = env;
    this.#envProxy = proxyAgentFor !== undefined && config.proxy !== false && proxyInEnvironment();
    this.#fallbackCredentials =
      credentials !== undefined
        ? undefined
        : config.env
          ? defaultChainFor(config.env)
          : sharedDefaultChain();
    // The option, then TENCENTCLOUD_REGION, then the profile file (loaded in the background,
    // so a client that needs no file never loads that code). Each is validated: the region
    // becomes part of the host name and a header.
    this.#region = validRegion(config.region, 'region');
    this.#regionSource = { source: 'region option' };
    if (!this.#region) {
      this.#region = validRegion(env.TENCENTCLOUD_REGION, 'TENCENTCLOUD_REGION');
      this.#regionSource = { source: 'TENCENTCLOUD_REGION' };
    }
    if (!this.#region) {
      this.#regionSource = { source: 'none' };
      this.#profileRegion = import('../credentials/region.js').then((m) => {
        const found = m.fileRegionSync(config.env ? { env } : {});
        if (!found) return;
        this.#region = validRegion(found.region, `region (from the ${found.source} file)`);
        this.#regionSource = { source: found.source, path: found.path };
      });
      // Once read, calls no longer wait. A failure stays, reported by every call (ready()),
      // not as an unhandled rejection.
      this.#profileRegion.then(
        () => {
          this.#profileRegion = undefined;
        },
        () => {},
      );
    }
    const budget = config.retryBudget;
    this.policy = {
      observer: observerFor(
        config.logger,
        config.hooks,
        config.logLevel !== undefined
          ? validLogLevel(config.logLevel, 'logLevel')
          : validLogLevel(env.TENCENTCLOUD_SDK_LOG, 'TENCENTCLOUD_SDK_LOG'),
      ),
      maxAttempts: validCount(
        config.maxAttempts ?? config.retry?.maxAttempts ?? 3,
        config.maxAttempts !== undefined ? 'maxAttempts' : 'retry.maxAttempts',
      ),
      retry: config.retry,
      budget: budget === true ? new RetryBudget() : budget || undefined,
    };
    this.#requestClient = `${service.packageName}/${service.packageVersion} ${CORE_PACKAGE}/${CORE_VERSION}`;
    this.#userAgent = `${this.#requestClient} ${RUNTIME_AGENT}`;
  }

  /** Calls `action` and resolves with its output, `RequestId` included. */
  async request<O>(
    action: ActionInfo,
    input: object,
    options?: CallOptions,
  ): Promise<WithRequestId<O>> {
    const startedAt = Date.now();
    // Only while the profile file's region is being read (cleared once it is known).
    if (this.#profileRegion !== undefined) await this.#profileRegion;
    const { data, metadata } = await this.attempt<O>(this.prepare(action, input, options));
    // `attempt` returns the metadata exchange() built for this call: completed in place.
    const m = metadata as { timings?: ResponseMetadata['timings'] };
    m.timings = {
      startedAt,
      durationMs: Date.now() - startedAt,
      lastAttemptMs: metadata.timings?.lastAttemptMs ?? 0,
    };
    return attachMetadata(data, metadata);
  }

  /**
   * Calls any action of this client's service by name, before the SDK knows it: the same
   * signing, retries, errors and credentials as a generated method. Read-only is inferred from
   * the name (`Describe*`, `Get*`, `List*`, `Query*`, `Inquiry*`, `Inquire*`).
   */
  async call<O = Record<string, unknown>>(
    action: string,
    input: object = {},
    options?: CallOptions,
  ): Promise<WithRequestId<O>> {
    return this.request<O>(this.actionInfo(action), input, options);
  }

  /**
   * The facts about an action called by name. Generated clients override it to return their
   * generated ActionInfo for known actions (ClientToken, domain prefix, ...).
   */
  protected actionInfo(name: string): ActionInfo {
    if (typeof name !== 'string') {
      throw new ConfigurationError(
        `${this.service.service}: call() needs an action name; got ${name === null ? 'null' : typeof name}`,
        { option: 'action' },
      );
    }
    return inferActionInfo(name);
  }

  /**
   * Which region, endpoint and credentials this client uses, and why (option, environment
   * variable, profile file, tccli, default chain). Resolves the credentials to learn which
   * provider of the default chain wins (this can query the CVM metadata service); the secret
   * key and token are never included.
   */
  async describeClientConfig(): Promise<ConfigDescription> {
    await this.ready();
    const m = await import('./describe-config.js');
    return m.describeConfig({
      service: this.service,
      region: this.#region,
      regionSource: this.#regionSource,
      url: this.endpoint(inferActionInfo('DescribeConfig'), this.#region),
      options: this.config,
      failover: this.#settings.failover !== undefined,
      credentials: this.#credentials,
      fallbackCredentials: this.#fallbackCredentials,
      logLevel: this.config.logLevel ?? this.#env.TENCENTCLOUD_SDK_LOG,
    });
  }

  /** The circuit breakers of endpoint failover (empty until a host was unreachable). */
  endpointHealth(): EndpointHealth[] {
    return this.#failover?.health() ?? [];
  }

  /** Resolves once the client's region is known (the profile file may still be being read). */
  protected async ready(): Promise<void> {
    await this.#profileRegion;
  }

  /** Runs the attempts of a call: `sendOnce` with retries, hooks and credential refresh. */
  protected async attempt<O>(prepared: PreparedCall): Promise<AttemptResult<O>> {
    const run = await this.runRouted(prepared, (call, ctx) => sendOnce<O>(call, ctx));
    // The attempt's metadata is this call's own object (exchange builds one per attempt).
    const m = run.value.metadata as { attempts: number; totalRetryDelayMs: number };
    m.attempts = run.attempts;
    m.totalRetryDelayMs = run.totalRetryDelayMs;
    return run.value;
  }

  /**
   * Runs the attempts of a call (proxy agent, retries) and, for a host of the
   * `tencentcloudapi.com` / `.cn` / `.com.cn` family, endpoint failover: an attempt whose
   * request did not reach its host marks it, and the next attempt goes to a host whose
   * breaker is closed. Nothing else changes host, so a mutation is never sent twice.
   */
  protected async runRouted<T>(
    prepared: PreparedCall,
    once: (call: PreparedCall, ctx: AttemptContext) => Promise<T>,
  ): Promise<RetryResult<T>> {
    // No await unless a proxy applies.
    const primary = proxyMayApply(prepared, this.config.proxy, this.#envProxy)
      ? await withProxyAgent(prepared, this.config.proxy)
      : prepared;
    const hosts = this.#settings.failover ? familyHosts(prepared.url.host) : undefined;
    if (!hosts) return runAttempts(primary, (ctx) => once(primary, ctx), this.policy);
    const failedInCall = new Set<string>();
    return runAttempts(
      primary,
      async (ctx) => {
        const failover = this.#failover;
        const host = failover ? failover.pick(hosts, failedInCall) : primary.url.host;
        const call = host === primary.url.host ? primary : await this.#onHost(prepared, host);
        try {
          const value = await once(call, ctx);
          failover?.answered(host);
          return value;
        } catch (error) {
          if (unreachable(error)) {
            failedInCall.add(host);
            this.#failoverLoad ??= import('./endpoint/failover.js').then((m) =>
              m.createFailover(this.#settings.failover),
            );
            this.#failover = await this.#failoverLoad;
            this.#failover.unreachable(host);
          } else if (answered(error)) this.#failover?.answered(host);
          else this.#failover?.inconclusive(host);
          throw error;
        }
      },
      this.policy,
    );
  }

  /** The call sent to another host of the family (signed for that host at each attempt). */
  async #onHost(prepared: PreparedCall, host: string): Promise<PreparedCall> {
    const url = new URL(prepared.url.href);
    url.hostname = host;
    const call = { ...prepared, url };
    return proxyMayApply(call, this.config.proxy, this.#envProxy)
      ? withProxyAgent(call, this.config.proxy)
      : call;
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
    // An idempotency token the caller left out: one per call, in the body every attempt
    // sends. The caller's object is copied, never changed.
    if (action.clientToken) {
      const token = (input as { ClientToken?: unknown }).ClientToken;
      if (token === undefined || token === null || token === '')
        input = { ...input, ClientToken: globalThis.crypto.randomUUID() };
    }
    return {
      service: this.service,
      action,
      url,
      method,
      path: url.pathname || '/',
      query: method === 'GET' ? toQueryString(input) : '',
      contentType: method === 'GET' ? FORM_TYPE : JSON_TYPE,
      body: method === 'GET' ? EMPTY : utf8Bytes(stringifyJson(input)),
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
          prefix, // validated with the action (validActionInfo above)
          rootDomain,
        );
      this.#endpoints.set(key, url);
    }
    return url;
  }

  /** Never shows credentials, tokens, proxy passwords, the agent, logger or hooks. */
  toJSON(): object {
    const {
      env: _e,
      agent: _a,
      logger: _l,
      hooks: _h,
      retryBudget: _b,
      failover: _f,
      ...shown
    } = this.config;
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
    return (await this.runRouted(prepared, (call, ctx) => openStreamOnce<E>(call, ctx))).value;
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
  /** Failover settings; `undefined` when off (option, custom or regional endpoint). */
  readonly failover: FailoverOptions | undefined;
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
    maxResponseBytes: validCount(
      config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      'maxResponseBytes',
    ),
    rootDomain: validRootDomain(config.rootDomain ?? DEFAULT_ROOT_DOMAIN),
    endpoint,
    endpointWithoutScheme: endpointWithoutScheme(config.endpoint),
    failover:
      config.failover === false || endpoint || config.regionalEndpoint
        ? undefined
        : config.failover === true || config.failover === undefined
          ? {}
          : config.failover,
  };
}

let defaultChain: CredentialsProvider | undefined;

/**
 * One default chain per process (one metadata probe, one cache of temporary credentials),
 * loaded on first use: clients given credentials never load the providers' code.
 */
function sharedDefaultChain(): CredentialsProvider {
  defaultChain ??= defaultChainFor(undefined);
  return defaultChain;
}

/** The default chain over `env` (a client's `env` option: Workers bindings, a test's record). */
const defaultChainFor = (env: Env | undefined): CredentialsProvider =>
  lazyProvider(async () =>
    (await import('../credentials/chain.js')).defaultCredentialsChain(env ? { env } : {}),
  );

/**
 * Puts a tunnelling agent on a call when a proxy applies: `call.proxy`, else the `proxy`
 * option, else `HTTPS_PROXY` / `HTTP_PROXY` (minus `NO_PROXY`). None when the call has an
 * agent. The proxy code loads only when a proxy is configured.
 */
export async function withProxyAgent(
  call: PreparedCall,
  proxy?: string | URL | false,
): Promise<PreparedCall> {
  if (!proxyAgentFor || !proxyMayApply(call, proxy)) return call;
  const agent = await proxyAgentFor(call.url, call.proxy ?? (proxy || undefined));
  return agent ? { ...call, agent } : call;
}

/**
 * Whether `withProxyAgent` may add an agent (then it loads the proxy code). `envProxy`: whether
 * the environment names a proxy (a client passes what it read when it was made).
 */
function proxyMayApply(
  call: PreparedCall,
  proxy: string | URL | false | undefined,
  envProxy = proxyInEnvironment(),
): boolean {
  const wanted = call.proxy ?? proxy;
  // Only node:http takes agents; fetch runtimes apply their own proxy settings.
  if (!proxyAgentFor || call.agent || wanted === false) return false;
  return Boolean(wanted) || envProxy;
}

const proxyInEnvironment = (env = processEnv()): boolean =>
  Boolean(env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY);
