export { envCredentials, staticCredentials } from './basic.js';
export {
  isRefreshable,
  type RefreshableCredentialsProvider,
  type RefreshOptions,
  refreshingProvider,
} from './cache.js';
export {
  type ChainDescription,
  type DefaultChainOptions,
  defaultCredentialsChain,
  type NamedProvider,
  type ProviderFailure,
  providerChain,
  type RegionOptions,
  resolveRegion,
} from './chain.js';
export { type CvmRoleOptions, cvmRoleCredentials, METADATA_BASE_URL } from './cvm-role.js';
export {
  loadProfile,
  type ProfileOptions,
  parseIni,
  profileCredentials,
  profileRegion,
  resolveRegionSync,
} from './profile.js';
export { fileRegionSync, type RegionFromFiles } from './region.js';
export {
  type AssumeRoleOptions,
  assumeRoleCredentials,
  STS_ENDPOINT,
  type WebIdentityOptions,
  webIdentityCredentials,
} from './sts.js';
export { type TccliOptions, tccliCredentials, tccliPath, tccliRegionSync } from './tccli.js';
