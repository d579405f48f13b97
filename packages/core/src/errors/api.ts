import { CLASS_BRAND, hasBrand, SdkError } from './base.js';
import { classifyError, codeMatches, type ErrorCategory } from './codes.js';

export interface TencentCloudErrorInit<C extends string = string> {
  readonly code: C;
  readonly message: string;
  readonly requestId?: string | undefined;
  readonly service?: string | undefined;
  readonly version?: string | undefined;
  readonly action?: string | undefined;
  readonly httpStatus?: number | undefined;
  readonly traceId?: string | undefined;
}

/** An error the API returned in a `{"Response": {"Error": ...}}` envelope. */
export class TencentCloudError<C extends string = string> extends SdkError {
  static override readonly [CLASS_BRAND]: string = 'TencentCloudError';
  readonly code: C;
  readonly requestId: string | undefined;
  readonly service: string | undefined;
  readonly version: string | undefined;
  readonly action: string | undefined;
  /** HTTP status the envelope came with (business errors normally come with 200). */
  readonly httpStatus: number | undefined;
  /** The `X-TC-TraceId` response header, for Tencent support together with `requestId`. */
  readonly traceId: string | undefined;
  readonly category: ErrorCategory;

  constructor(init: TencentCloudErrorInit<C>) {
    super(init.message);
    this.code = init.code;
    this.requestId = init.requestId;
    this.service = init.service;
    this.version = init.version;
    this.action = init.action;
    this.httpStatus = init.httpStatus;
    this.traceId = init.traceId;
    const info = classifyError(init.code);
    this.category = info.category;
    this.retryable = info.retryable;
  }

  /** `is('AuthFailure')` is true for `AuthFailure.SignatureFailure`; segments match whole. */
  is(codeOrPrefix: string): boolean {
    return codeMatches(this.code, codeOrPrefix);
  }
}

export function isTencentCloudError<C extends string = string>(
  e: unknown,
): e is TencentCloudError<C> {
  return hasBrand(e, 'TencentCloudError');
}
