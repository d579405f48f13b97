/**
 * The error codes every Tencent Cloud API 3.0 service can return, with a classification:
 * first the 26 of the platform's base list, then the 11 that Tencent's newer common error
 * code page adds.
 *
 * `retryable`: a retry may succeed and cannot repeat an effect, because the request was
 * rejected before it was processed. `retryableIfReadOnly`: the request may have been
 * processed, so only actions without side effects should be retried.
 *
 * Bundle size: `COMMON_ERRORS` (with descriptions) is a plain literal that bundlers drop when
 * unused; errors are classified from the small `CLASSES` table below instead.
 */

export type ErrorCategory = 'authentication' | 'client' | 'throttling' | 'server' | 'dryRun';

export interface ErrorInfo {
  readonly description: string;
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  readonly retryableIfReadOnly: boolean;
}

export const COMMON_ERRORS = {
  'AuthFailure.InvalidSecretId': {
    description: 'The SecretId is not a valid Tencent Cloud API key.',
    category: 'authentication',
    retryable: false,
    retryableIfReadOnly: false,
  },
  'AuthFailure.MFAFailure': {
    description: 'Multi-factor authentication failed.',
    category: 'authentication',
    retryable: false,
    retryableIfReadOnly: false,
  },
  'AuthFailure.SecretIdNotFound': {
    description: 'No key with this SecretId exists (deleted or disabled?).',
    category: 'authentication',
    retryable: false,
    retryableIfReadOnly: false,
  },
  // The request never ran, but a resend from the same clock fails the same way. The retry
  // layer resends once only with temporary credentials that it can fetch anew.
  'AuthFailure.SignatureExpire': {
    description: 'The request timestamp is too far from server time.',
    category: 'authentication',
    retryable: false,
    retryableIfReadOnly: false,
  },
  'AuthFailure.SignatureFailure': {
    description: 'The signature does not match; check the SecretKey.',
    category: 'authentication',
    retryable: false,
    retryableIfReadOnly: false,
  },
  'AuthFailure.TokenFailure': {
    description: 'The session token is invalid or has expired.',
    category: 'authentication',
    retryable: false,
    retryableIfReadOnly: false,
  },
  'AuthFailure.UnauthorizedOperation': {
    description: 'CAM did not authorize this request.',
    category: 'authentication',
    retryable: false,
    retryableIfReadOnly: false,
  },
  DryRunOperation: {
    description: 'DryRun was set and the request would have succeeded; nothing was changed.',
    category: 'dryRun',
    retryable: false,
    retryableIfReadOnly: false,
  },
  FailedOperation: {
    description: 'The operation could not be completed.',
    category: 'server',
    retryable: false,
    retryableIfReadOnly: false,
  },
  InternalError: {
    description: 'The service hit an internal error.',
    category: 'server',
    retryable: false,
    retryableIfReadOnly: true,
  },
  InvalidAction: {
    description: 'The action does not exist for this service and version.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  InvalidParameter: {
    description: 'A parameter is malformed or not allowed here.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  InvalidParameterValue: {
    description: 'A parameter has a value outside what the API accepts.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  LimitExceeded: {
    description: 'A quota or limit of the account would be exceeded.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  MissingParameter: {
    description: 'A required parameter was not sent.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  NoSuchVersion: {
    description: 'The requested API version does not exist.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  RequestLimitExceeded: {
    description: 'Too many requests in a short time; slow down and retry.',
    category: 'throttling',
    retryable: true,
    retryableIfReadOnly: true,
  },
  ResourceInUse: {
    description: 'The resource is busy or used by something else.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  ResourceInsufficient: {
    description: 'Not enough capacity or stock to serve the request.',
    category: 'server',
    retryable: false,
    retryableIfReadOnly: false,
  },
  ResourceNotFound: {
    description: 'The resource does not exist.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  ResourceUnavailable: {
    description: 'The resource exists but cannot be used in its current state.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  UnauthorizedOperation: {
    description: 'The caller is not allowed to perform this operation.',
    category: 'authentication',
    retryable: false,
    retryableIfReadOnly: false,
  },
  UnknownParameter: {
    description: 'A parameter name is not known to this action.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  UnsupportedOperation: {
    description: 'The operation is not supported for this resource or state.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  UnsupportedProtocol: {
    description: 'Wrong HTTP(S) method or protocol; only GET and POST are accepted.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  UnsupportedRegion: {
    description: 'The action is not available in the requested region.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  // ---- Added by the newer common error code page (not in the base list of 26). ----
  ActionOffline: {
    description: 'The action has been taken offline and can no longer be called.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  'AuthFailure.InvalidAuthorization': {
    description: 'The Authorization header is malformed.',
    category: 'authentication',
    retryable: false,
    retryableIfReadOnly: false,
  },
  InvalidRequest: {
    description: 'The request (multipart body or signature parts) is malformed.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  IpInBlacklist: {
    description: 'The caller IP address is on the account blocklist.',
    category: 'authentication',
    retryable: false,
    retryableIfReadOnly: false,
  },
  IpNotInWhitelist: {
    description: 'The caller IP address is not on the account allowlist.',
    category: 'authentication',
    retryable: false,
    retryableIfReadOnly: false,
  },
  NoSuchProduct: {
    description: 'No product or service of this name exists.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  'RequestLimitExceeded.IPLimitExceeded': {
    description: 'Too many requests from this IP address; slow down and retry.',
    category: 'throttling',
    retryable: true,
    retryableIfReadOnly: true,
  },
  'RequestLimitExceeded.UinLimitExceeded': {
    description: 'Too many requests from this account; slow down and retry.',
    category: 'throttling',
    retryable: true,
    retryableIfReadOnly: true,
  },
  RequestSizeLimitExceeded: {
    description: 'The request body is larger than the API accepts.',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  ResponseSizeLimitExceeded: {
    description: 'The answer would be too large; ask for less (smaller page, fewer fields).',
    category: 'client',
    retryable: false,
    retryableIfReadOnly: false,
  },
  // Temporary, but it may come after the request reached the backend: read-only retries only.
  ServiceUnavailable: {
    description: 'The service is temporarily unavailable; try again later.',
    category: 'server',
    retryable: false,
    retryableIfReadOnly: true,
  },
} as const satisfies Record<string, ErrorInfo>;

/** How many of `COMMON_ERRORS` (the first ones) form the platform's base list. */
export const BASE_COMMON_ERROR_COUNT = 26;

/** Literal union of the common error codes. */
export type CommonErrorCode = keyof typeof COMMON_ERRORS;

/** Classification without descriptions: `<category letter>[R: retryable | r: if read-only]`. */
export interface ErrorClass {
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  readonly retryableIfReadOnly: boolean;
}

// Codes that are not plain client errors (a test keeps this equal to COMMON_ERRORS).
const CLASSES: Readonly<Record<string, string>> = {
  AuthFailure: 'a',
  UnauthorizedOperation: 'a',
  IpInBlacklist: 'a',
  IpNotInWhitelist: 'a',
  ServiceUnavailable: 'sr',
  DryRunOperation: 'd',
  FailedOperation: 's',
  InternalError: 'sr',
  RequestLimitExceeded: 'tR',
  ResourceInsufficient: 's',
};
const CATEGORY: Readonly<Record<string, ErrorCategory>> = {
  a: 'authentication',
  d: 'dryRun',
  s: 'server',
  t: 'throttling',
};

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Classification of a code from its nearest registered ancestor:
 * `InternalError.DbError` is a server error like `InternalError`; unknown codes are client errors.
 */
export function classifyError(code: string): ErrorClass {
  let c = code;
  for (;;) {
    if (hasOwn.call(CLASSES, c)) {
      const k = CLASSES[c] as string;
      return {
        category: CATEGORY[k.charAt(0)] ?? 'client',
        retryable: k.includes('R'),
        retryableIfReadOnly: k.includes('R') || k.includes('r'),
      };
    }
    const dot = c.lastIndexOf('.');
    if (dot < 0) return { category: 'client', retryable: false, retryableIfReadOnly: false };
    c = c.slice(0, dot);
  }
}

/** Hierarchical category; unknown product codes count as client errors. */
export function errorCategory(code: string): ErrorCategory {
  return classifyError(code).category;
}

export function isCommonErrorCode(code: string): code is CommonErrorCode {
  return hasOwn.call(COMMON_ERRORS, code);
}

/** Description of a common code or of its nearest common ancestor. */
export function describeCommonError(code: string): string | undefined {
  for (let c = code; ; c = c.slice(0, c.lastIndexOf('.'))) {
    if (isCommonErrorCode(c)) return COMMON_ERRORS[c].description;
    if (!c.includes('.')) return undefined;
  }
}

/** True when `code` equals `prefix` or refines it (whole dot-separated segments). */
export function codeMatches(code: string, prefix: string): boolean {
  return code === prefix || (code.startsWith(prefix) && code.charCodeAt(prefix.length) === 46);
}
