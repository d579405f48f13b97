export * from './errors/index.js';
export {
  signTc3,
  signTc3Details,
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
