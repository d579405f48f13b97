export { httpRequest, type PreparedCall, signedHeaders } from './attempt.js';
export {
  type AttemptResult,
  BaseServiceClient,
  type ClientOptions,
  ServiceClient,
  sendOnce,
} from './client.js';
export { type CredentialsSource, resolveCredentials } from './credentials-source.js';
export {
  bodySnippet,
  type Envelope,
  type EnvelopeContext,
  type ErrorEnvelope,
  type ParsedResponse,
  parseEnvelope,
  type RawResponse,
  type SuccessEnvelope,
} from './envelope.js';
export * from './errors/index.js';
export { getResponseMetadata, type ResponseMetadata } from './metadata.js';
export {
  type OffsetPagination,
  type PageCall,
  paginateItems,
  paginateOffset,
  paginateToken,
  type TokenPagination,
} from './pagination.js';
export { toQueryString } from './query.js';
export {
  signTc3,
  signTc3Details,
  type Tc3Signature,
  type Tc3SignInput,
  tc3Date,
  UNSIGNED_AUTHORIZATION,
} from './signer/tc3.js';
export { EventStream } from './sse.js';
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
