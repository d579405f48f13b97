export {
  credentialsFor,
  httpRequest,
  type PreparedCall,
  type SignatureMethod,
  signedHeaders,
  signedRequest,
} from './call/attempt.js';
export {
  type AttemptResult,
  BaseServiceClient,
  type ClientOptions,
  ServiceClient,
  sendOnce,
  withProxyAgent,
} from './call/client.js';
export { CommonClient, type CommonClientOptions } from './call/common-client.js';
export type { ConfigDescription } from './call/describe-config.js';
export type { EndpointHealth, FailoverOptions } from './call/endpoint/failover.js';
// Root exports of hooks.ts and proxy.ts are types only: their code is loaded when a client
// has a logger, hooks or a proxy (a static export would put it in every bundle).
export type {
  AfterResponseEvent,
  BeforeRequestEvent,
  CallEventBase,
  ErrorEvent,
  Hooks,
  Logger,
  LogLevel,
  Observer,
} from './call/hooks.js';
export {
  type AttemptFailure,
  backoffDelay,
  hasClientToken,
  RetryBudget,
  type RetryBudgetOptions,
  type RetryContext,
  type RetryOptions,
  type RetryReason,
  type RetryResult,
  type RetryRun,
  retryReason,
  shouldRetry,
  withRetry,
} from './call/retry.js';
export { type AttemptContext, type CallPolicy, runAttempts } from './call/runner.js';
export {
  type ByteSource,
  EventStream,
  type EventStreamContext,
  type SseEvent,
  SseParser,
} from './call/sse.js';
export { openStreamOnce } from './call/stream.js';
// Credential providers live at '@scope/core/credentials' (kept out of this entry so that
// bundlers can split them into lazily loaded chunks); the small building blocks are here.
export { envCredentials, staticCredentials } from './credentials/basic.js';
export {
  isRefreshable,
  lazyProvider,
  type RefreshableCredentialsProvider,
  type RefreshOptions,
  refreshingProvider,
} from './credentials/cache.js';
export type { ProfileOptions } from './credentials/region.js';
export { type CredentialsSource, resolveCredentials } from './credentials/source.js';
export * from './errors/index.js';
export {
  type DryRunOperationError,
  type DryRunResult,
  dryRun,
  isDryRunSuccess,
} from './helpers/dry-run.js';
export {
  DEFAULT_MAX_PAGES,
  type ItemAt,
  type OffsetPagination,
  type PageCall,
  type PagePagination,
  type PaginateOptions,
  PaginationError,
  paginateItems,
  paginateOffset,
  paginatePage,
  paginateToken,
  type TokenPagination,
  valueAt,
} from './helpers/pagination.js';
export {
  acceptorMatcher,
  type PollOutcome,
  readPath,
  type WaiterAcceptor,
  type WaiterDefinition,
  type WaiterErrorAcceptor,
  WaiterFailureError,
  type WaiterMatcher,
  type WaiterPathAcceptor,
  type WaiterResult,
  type WaiterState,
  WaiterTimeoutError,
  type WaiterValue,
  type WaiterVerdict,
  type WaitOptions,
  type WaitUntilOptions,
  waiterDelay,
  waitFor,
  waitUntil,
} from './helpers/waiter.js';
export { type WithResponse, withResponse } from './helpers/with-response.js';
export { inferActionInfo, isReadOnlyAction } from './protocol/action-name.js';
export {
  bodySnippet,
  type Envelope,
  type EnvelopeContext,
  type ErrorEnvelope,
  isErrorEnvelope,
  type ParsedResponse,
  parseEnvelope,
  type RawResponse,
  type SuccessEnvelope,
} from './protocol/envelope.js';
export { parseJson, stringifyJson } from './protocol/json.js';
export { getResponseMetadata, type ResponseMetadata } from './protocol/metadata.js';
export { toQueryString } from './protocol/query.js';
export {
  isSecretName,
  REDACTED,
  redact,
  redactHeaders,
  redactOnInspect,
  redactText,
  registerSecret,
} from './protocol/redact.js';
export type {
  BodyStream,
  Env,
  HttpRequest,
  OpenResponse,
} from './runtime/contract.js';
export { RUNTIME_NAME, TRANSPORT as RUNTIME_TRANSPORT } from './runtime/info.js';
export type { LegacySignatureMethod } from './signer/legacy.js';
export {
  signTc3,
  signTc3Async,
  signTc3Details,
  signTc3DetailsAsync,
  tc3Canonical,
  tc3CanonicalAsync,
} from './signer/sign.js';
export {
  type Tc3Canonical,
  type Tc3Parts,
  type Tc3Signature,
  type Tc3SignInput,
  tc3Date,
  UNSIGNED_AUTHORIZATION,
} from './signer/tc3.js';
export type {
  ActionInfo,
  CallOptions,
  Credentials,
  CredentialsProvider,
  Int64,
  Language,
  ServiceInfo,
  WithRequestId,
} from './types.js';
export { CORE_PACKAGE, CORE_VERSION } from './version.js';
