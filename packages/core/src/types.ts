/**
 * Public types shared by the runtime and by generated service packages.
 *
 * This file is the contract between `@scope/core` and the generator: generated code only
 * uses what is declared here and in `index.ts`.
 */

/** Exact integer for int64/uint64 members: a `number` when it fits in 2^53, else a `bigint`. */
export type Int64 = number | bigint;

/** A secret pair, with a session token for temporary credentials. */
export interface Credentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string;
  /** When temporary credentials stop working; providers refresh before this. */
  readonly expiresAt?: Date;
}

/** Resolves credentials on demand; called before every request (providers cache). */
export type CredentialsProvider = () => Promise<Credentials>;

/** Facts about one API version of one service, emitted by the generator. */
export interface ServiceInfo {
  /** Signing service and endpoint label, e.g. `cvm` (the spec's serviceShortName). */
  readonly service: string;
  /** API version, e.g. `2017-03-12`. */
  readonly version: string;
  /** npm name and version of the calling package, for User-Agent / X-TC-RequestClient. */
  readonly packageName: string;
  readonly packageVersion: string;
}

/** Facts about one action, emitted by the generator. */
export interface ActionInfo {
  /** Action name as sent in X-TC-Action, e.g. `DescribeInstances`. */
  readonly name: string;
  /** True when the action has no side effects (Describe*, Get*, ...): safe to retry on any failure. */
  readonly readOnly?: boolean;
  /** Sent unsigned (`Authorization: SKIP`), e.g. sts AssumeRoleWithWebIdentity. */
  readonly skipSign?: boolean;
  /** May answer with text/event-stream. */
  readonly sse?: boolean;
  /** Host is `<service>.<prefix>tencentcloudapi.com` instead of `<service>.tencentcloudapi.com`. */
  readonly rootDomainPrefix?: string;
  /**
   * The output declares a member named `Error` (lkeap `GetSplitDocumentResult`): `Response.Error`
   * is an API error only when the Response holds nothing but `Error` and `RequestId`.
   */
  readonly errorIsData?: boolean;
  /**
   * The input has a `ClientToken` member (an idempotency token): core fills it with a fresh
   * UUID when the caller did not, so every attempt of the call carries the same token and a
   * failed mutation can be retried safely.
   */
  readonly clientToken?: boolean;
}

export type Language = 'zh-CN' | 'en-US';

/** Per-call options accepted by every generated method. */
export interface CallOptions {
  /** Aborts the call (and any retry wait); the promise rejects with an `AbortError`. */
  readonly signal?: AbortSignal;
  /** Timeout for one attempt, in milliseconds. Overrides the client's `timeoutMs`. */
  readonly timeoutMs?: number;
  /** Attempts in all (1 = no retry). Overrides the client's setting. */
  readonly maxAttempts?: number;
  /** Region for this call only. */
  readonly region?: string;
}

/** Every successful result carries the RequestId of the call. */
export type WithRequestId<T> = T & { RequestId: string };
