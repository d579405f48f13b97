export { isTencentCloudError, TencentCloudError, type TencentCloudErrorInit } from './api.js';
export { SdkError, type SdkErrorOptions } from './base.js';
export {
  BASE_COMMON_ERROR_COUNT,
  COMMON_ERRORS,
  type CommonErrorCode,
  classifyError,
  codeMatches,
  describeCommonError,
  type ErrorCategory,
  type ErrorClass,
  type ErrorInfo,
  errorCategory,
  isCommonErrorCode,
} from './codes.js';
export { defineServiceErrors, type ServiceErrorRegistry } from './service.js';
export {
  AbortError,
  ConfigurationError,
  type ConfigurationErrorOptions,
  CredentialsError,
  NetworkError,
  ProtocolError,
  type ProtocolErrorOptions,
  type ProtocolProblem,
  TimeoutError,
} from './transport.js';
