/**
 * The 26 error codes every Tencent Cloud API 3.0 service can return, with a classification.
 *
 * `retryable`: a retry may succeed and cannot repeat an effect, because the request was
 * rejected before it was processed. `retryableIfReadOnly`: the request may have been
 * processed, so only actions without side effects should be retried.
 */

export type ErrorCategory = 'authentication' | 'client' | 'throttling' | 'server' | 'dryRun';

export interface ErrorInfo {
  readonly description: string;
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  readonly retryableIfReadOnly: boolean;
}

const auth = (description: string, retryable = false): ErrorInfo => ({
  description,
  category: 'authentication',
  retryable,
  retryableIfReadOnly: retryable,
});
const client = (description: string): ErrorInfo => ({
  description,
  category: 'client',
  retryable: false,
  retryableIfReadOnly: false,
});
const server = (description: string, retryableIfReadOnly: boolean): ErrorInfo => ({
  description,
  category: 'server',
  retryable: false,
  retryableIfReadOnly,
});

export const COMMON_ERRORS = {
  'AuthFailure.InvalidSecretId': auth('The SecretId is not a valid Tencent Cloud API key.'),
  'AuthFailure.MFAFailure': auth('Multi-factor authentication failed.'),
  'AuthFailure.SecretIdNotFound': auth('No key with this SecretId exists (deleted or disabled?).'),
  // A fresh timestamp and signature fix it; the request never ran.
  'AuthFailure.SignatureExpire': auth('The request timestamp is too far from server time.', true),
  'AuthFailure.SignatureFailure': auth('The signature does not match; check the SecretKey.'),
  'AuthFailure.TokenFailure': auth('The session token is invalid or has expired.'),
  'AuthFailure.UnauthorizedOperation': auth('CAM did not authorize this request.'),
  DryRunOperation: {
    description: 'DryRun was set and the request would have succeeded; nothing was changed.',
    category: 'dryRun',
    retryable: false,
    retryableIfReadOnly: false,
  },
  FailedOperation: server('The operation could not be completed.', false),
  InternalError: server('The service hit an internal error.', true),
  InvalidAction: client('The action does not exist for this service and version.'),
  InvalidParameter: client('A parameter is malformed or not allowed here.'),
  InvalidParameterValue: client('A parameter has a value outside what the API accepts.'),
  LimitExceeded: client('A quota or limit of the account would be exceeded.'),
  MissingParameter: client('A required parameter was not sent.'),
  NoSuchVersion: client('The requested API version does not exist.'),
  RequestLimitExceeded: {
    description: 'Too many requests in a short time; slow down and retry.',
    category: 'throttling',
    retryable: true,
    retryableIfReadOnly: true,
  },
  ResourceInUse: client('The resource is busy or used by something else.'),
  ResourceInsufficient: server('Not enough capacity or stock to serve the request.', false),
  ResourceNotFound: client('The resource does not exist.'),
  ResourceUnavailable: client('The resource exists but cannot be used in its current state.'),
  UnauthorizedOperation: auth('The caller is not allowed to perform this operation.'),
  UnknownParameter: client('A parameter name is not known to this action.'),
  UnsupportedOperation: client('The operation is not supported for this resource or state.'),
  UnsupportedProtocol: client('Wrong HTTP(S) method or protocol; only GET and POST are accepted.'),
  UnsupportedRegion: client('The action is not available in the requested region.'),
} as const satisfies Record<string, ErrorInfo>;

/** Literal union of the common error codes. */
export type CommonErrorCode = keyof typeof COMMON_ERRORS;

const hasOwn = Object.prototype.hasOwnProperty;

export function isCommonErrorCode(code: string): code is CommonErrorCode {
  return hasOwn.call(COMMON_ERRORS, code);
}

/**
 * Registry entry for a code or for its nearest registered ancestor:
 * `InvalidParameterValue.InstanceIdMalformed` -> `InvalidParameterValue`.
 */
export function commonErrorInfo(code: string): ErrorInfo | undefined {
  let c = code;
  for (;;) {
    if (isCommonErrorCode(c)) return COMMON_ERRORS[c];
    const dot = c.lastIndexOf('.');
    if (dot < 0) break;
    c = c.slice(0, dot);
  }
  // `AuthFailure` alone is not registered, but all its refinements are authentication errors.
  return code === 'AuthFailure' || code.startsWith('AuthFailure.')
    ? COMMON_ERRORS['AuthFailure.UnauthorizedOperation']
    : undefined;
}

/** Hierarchical category; unknown product codes count as client errors. */
export function errorCategory(code: string): ErrorCategory {
  return commonErrorInfo(code)?.category ?? 'client';
}

/** True when `code` equals `prefix` or refines it (whole dot-separated segments). */
export function codeMatches(code: string, prefix: string): boolean {
  return code === prefix || (code.startsWith(prefix) && code.charCodeAt(prefix.length) === 46);
}
