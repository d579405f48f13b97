export { inferActionInfo, isReadOnlyAction } from './action-name.js';
export {
  credentialsFor,
  httpRequest,
  type PreparedCall,
  type SignatureMethod,
  signedHeaders,
  signedRequest,
} from './attempt.js';
export { type AttemptContext, type CallPolicy, runAttempts } from './call-runner.js';
export {
  type AttemptResult,
  BaseServiceClient,
  type ClientOptions,
  ServiceClient,
  sendOnce,
  withProxyAgent,
} from './client.js';
export { CommonClient, type CommonClientOptions } from './common-client.js';
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
export { type CredentialsSource, resolveCredentials } from './credentials-source.js';
export type { ConfigDescription } from './describe-config.js';
export {
  type DryRunOperationError,
  type DryRunResult,
  dryRun,
  isDryRunSuccess,
} from './dry-run.js';
export type { EndpointHealth, FailoverOptions } from './endpoint/failover.js';
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
} from './envelope.js';
export * from './errors/index.js';
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
} from './hooks.js';
export { parseJson, stringifyJson } from './json.js';
export { getResponseMetadata, type ResponseMetadata } from './metadata.js';
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
} from './pagination.js';
export { toQueryString } from './query.js';
export {
  isSecretName,
  REDACTED,
  redact,
  redactHeaders,
  redactOnInspect,
  redactText,
  registerSecret,
} from './redact.js';
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
} from './retry.js';
export type { LegacySignatureMethod } from './signer/legacy.js';
export {
  signTc3,
  signTc3Details,
  type Tc3Canonical,
  type Tc3Signature,
  type Tc3SignInput,
  tc3Canonical,
  tc3Date,
  UNSIGNED_AUTHORIZATION,
} from './signer/tc3.js';
export {
  type ByteSource,
  EventStream,
  type EventStreamContext,
  type SseEvent,
  SseParser,
} from './sse.js';
export { openStreamOnce } from './stream-call.js';
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
} from './waiter.js';
export { type WithResponse, withResponse } from './with-response.js';
