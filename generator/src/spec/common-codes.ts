// The platform-wide error codes every action may return. @scope/core owns their registry
// (COMMON_ERRORS); the generator only needs the names, to accept them in actionErrors and to
// leave them out of each service's own registry. A test keeps this list equal to core's.
export const COMMON_ERROR_CODES: readonly string[] = [
  'AuthFailure.InvalidSecretId',
  'AuthFailure.MFAFailure',
  'AuthFailure.SecretIdNotFound',
  'AuthFailure.SignatureExpire',
  'AuthFailure.SignatureFailure',
  'AuthFailure.TokenFailure',
  'AuthFailure.UnauthorizedOperation',
  'DryRunOperation',
  'FailedOperation',
  'InternalError',
  'InvalidAction',
  'InvalidParameter',
  'InvalidParameterValue',
  'LimitExceeded',
  'MissingParameter',
  'NoSuchVersion',
  'RequestLimitExceeded',
  'ResourceInUse',
  'ResourceInsufficient',
  'ResourceNotFound',
  'ResourceUnavailable',
  'UnauthorizedOperation',
  'UnknownParameter',
  'UnsupportedOperation',
  'UnsupportedProtocol',
  'UnsupportedRegion',
];
export const COMMON_ERROR_SET: ReadonlySet<string> = new Set(COMMON_ERROR_CODES);
