import { inspect } from 'node:util';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AbortError,
  BASE_COMMON_ERROR_COUNT,
  COMMON_ERRORS,
  type CommonErrorCode,
  CredentialsError,
  classifyError,
  defineServiceErrors,
  errorCategory,
  isTencentCloudError,
  NetworkError,
  ProtocolError,
  SdkError,
  TencentCloudError,
  TimeoutError,
} from '../src/index.js';

const SEED_CODES = [
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

// Added by Tencent's newer common error code page.
const NEWER_CODES = [
  'ActionOffline',
  'AuthFailure.InvalidAuthorization',
  'InvalidRequest',
  'IpInBlacklist',
  'IpNotInWhitelist',
  'NoSuchProduct',
  'RequestLimitExceeded.IPLimitExceeded',
  'RequestLimitExceeded.UinLimitExceeded',
  'RequestSizeLimitExceeded',
  'ResponseSizeLimitExceeded',
  'ServiceUnavailable',
];

describe('common error registry', () => {
  it('holds the 26 codes of the seed first, then the 11 newer ones, each described and classified', () => {
    const codes = Object.keys(COMMON_ERRORS);
    expect(codes.slice(0, BASE_COMMON_ERROR_COUNT).sort()).toEqual([...SEED_CODES].sort());
    expect(codes.slice(BASE_COMMON_ERROR_COUNT).sort()).toEqual([...NEWER_CODES].sort());
    for (const info of Object.values(COMMON_ERRORS)) {
      expect(info.description.length).toBeGreaterThan(5);
      expect(['authentication', 'client', 'throttling', 'server', 'dryRun']).toContain(
        info.category,
      );
      expect(typeof info.retryable).toBe('boolean');
    }
    expectTypeOf<'InternalError'>().toExtend<CommonErrorCode>();
    expectTypeOf<'Nope'>().not.toExtend<CommonErrorCode>();
  });

  it('the compact classification agrees with the registry for every code', () => {
    for (const [code, info] of Object.entries(COMMON_ERRORS)) {
      expect(classifyError(code), code).toEqual({
        category: info.category,
        retryable: info.retryable,
        retryableIfReadOnly: info.retryableIfReadOnly,
      });
    }
  });

  it('classifies the codes', () => {
    expect(errorCategory('AuthFailure.SignatureFailure')).toBe('authentication');
    expect(errorCategory('RequestLimitExceeded')).toBe('throttling');
    expect(errorCategory('InternalError')).toBe('server');
    expect(errorCategory('DryRunOperation')).toBe('dryRun');
    expect(errorCategory('InvalidParameter')).toBe('client');
    expect(COMMON_ERRORS.RequestLimitExceeded.retryable).toBe(true);
    expect(COMMON_ERRORS['AuthFailure.SignatureFailure'].retryable).toBe(false);
    expect(COMMON_ERRORS.InternalError.retryable).toBe(false);
    expect(COMMON_ERRORS.InternalError.retryableIfReadOnly).toBe(true);
  });

  it('classifies the newer codes: ServiceUnavailable is a temporary server error, IP rules are access errors', () => {
    expect(classifyError('ServiceUnavailable')).toEqual({
      category: 'server',
      retryable: false,
      retryableIfReadOnly: true,
    });
    expect(errorCategory('IpInBlacklist')).toBe('authentication');
    expect(errorCategory('IpNotInWhitelist')).toBe('authentication');
    expect(classifyError('RequestLimitExceeded.IPLimitExceeded').retryable).toBe(true);
    expect(classifyError('RequestSizeLimitExceeded')).toEqual({
      category: 'client',
      retryable: false,
      retryableIfReadOnly: false,
    });
    // A resend from the same clock fails the same way: not retryable by itself.
    expect(classifyError('AuthFailure.SignatureExpire').retryable).toBe(false);
  });

  it('inherits the category of the parent code', () => {
    expect(errorCategory('InvalidParameterValue.InstanceIdMalformed')).toBe('client');
    expect(errorCategory('InternalError.DbError')).toBe('server');
    expect(errorCategory('RequestLimitExceeded.UinLimitExceeded')).toBe('throttling');
    expect(errorCategory('AuthFailure.SomethingNew')).toBe('authentication');
    expect(errorCategory('AuthFailureX')).toBe('client');
    expect(errorCategory('InternalErrorish')).toBe('client');
    expect(errorCategory('OperationDenied.Whatever')).toBe('client');
  });
});

describe('TencentCloudError', () => {
  const err = new TencentCloudError({
    code: 'AuthFailure.SignatureFailure',
    message: 'bad signature',
    requestId: 'req-1',
    service: 'cvm',
    version: '2017-03-12',
    action: 'DescribeInstances',
    httpStatus: 200,
  });

  it('carries the envelope fields', () => {
    expect(err).toBeInstanceOf(SdkError);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('TencentCloudError');
    expect(err.message).toBe('bad signature');
    expect([err.code, err.requestId, err.service, err.version, err.action]).toEqual([
      'AuthFailure.SignatureFailure',
      'req-1',
      'cvm',
      '2017-03-12',
      'DescribeInstances',
    ]);
    expect(err.httpStatus).toBe(200);
    expect(err.category).toBe('authentication');
    expect(err.retryable).toBe(false);
    expect(err.attempts).toBe(1);
    expect(err.totalRetryDelayMs).toBe(0);
  });

  it('is() matches whole dot-separated segments', () => {
    expect(err.is('AuthFailure')).toBe(true);
    expect(err.is('AuthFailure.SignatureFailure')).toBe(true);
    expect(err.is('AuthFail')).toBe(false);
    expect(err.is('AuthFailure.Signature')).toBe(false);
    expect(err.is('AuthFailure.SignatureFailure.X')).toBe(false);
    const refined = new TencentCloudError({
      code: 'InvalidParameterValue.InstanceIdMalformed',
      message: 'x',
    });
    expect(refined.is('InvalidParameterValue')).toBe(true);
    expect(refined.is('InvalidParameter')).toBe(false);
    expect(refined.category).toBe('client');
  });

  it('throttling is retryable', () => {
    expect(new TencentCloudError({ code: 'RequestLimitExceeded', message: 'slow' }).retryable).toBe(
      true,
    );
  });

  it('non-API errors are not TencentCloudError', () => {
    const others = [
      new NetworkError('reset', { sent: true }),
      new TimeoutError('slow', { sent: false, timeoutMs: 5 }),
      new AbortError('aborted'),
      new ProtocolError('html', { httpStatus: 502, contentType: 'text/html', bodySnippet: '<' }),
      new CredentialsError('none'),
    ];
    for (const e of others) {
      expect(e).toBeInstanceOf(SdkError);
      expect(e).not.toBeInstanceOf(TencentCloudError);
      expect(isTencentCloudError(e)).toBe(false);
    }
    expect(others[0]).toBeInstanceOf(NetworkError);
    expect(others[0]).not.toBeInstanceOf(TimeoutError);
    expect(isTencentCloudError(err)).toBe(true);
    expect(isTencentCloudError({ code: 'X' })).toBe(false);
    expect(isTencentCloudError(null)).toBe(false);
  });

  it('narrows with instanceof', () => {
    const e: unknown = err;
    if (e instanceof TencentCloudError)
      expectTypeOf(e.requestId).toEqualTypeOf<string | undefined>();
    if (isTencentCloudError<CommonErrorCode>(e))
      expectTypeOf(e.code).toEqualTypeOf<CommonErrorCode>();
  });

  it('toJSON and inspect show the fields and no cause details', () => {
    const secretish = new NetworkError('socket hang up', {
      sent: true,
      cause: Object.assign(new Error('x'), { headers: { Authorization: 'TC3 secret' } }),
    });
    const json = JSON.stringify(secretish);
    expect(json).not.toContain('Authorization');
    expect(JSON.parse(json)).toMatchObject({ name: 'NetworkError', sent: true, attempts: 1 });
    const shown = inspect(err);
    expect(shown).toContain('TencentCloudError: bad signature');
    expect(shown).toContain('"AuthFailure.SignatureFailure"');
    expect(shown).toContain('req-1');
    expect(inspect(secretish)).not.toContain('TC3 secret');
  });
});

describe('defineServiceErrors', () => {
  const cvm = defineServiceErrors(
    'cvm',
    {
      'InvalidInstanceId.Malformed': 'Instance id is malformed.',
      'InvalidParameterValue.InstanceIdMalformed': 'Instance id value is malformed.',
    },
    {
      DescribeInstancesStatus: [
        'InvalidInstanceId.Malformed',
        'InvalidParameterValue.InstanceIdMalformed',
      ],
      RunInstances: ['InvalidParameterValue'],
    },
  );

  it('describes service codes first, then common codes hierarchically', () => {
    expect(cvm.describe('InvalidInstanceId.Malformed')).toBe('Instance id is malformed.');
    expect(cvm.describe('InternalError')).toBe(COMMON_ERRORS.InternalError.description);
    expect(cvm.describe('InternalError.Unknown')).toBe(COMMON_ERRORS.InternalError.description);
    expect(cvm.describe('Nope')).toBeUndefined();
    expect(cvm.describe('toString')).toBeUndefined();
  });

  it('lists the codes of an action with literal types', () => {
    expect(cvm.codesOf('DescribeInstancesStatus')).toEqual([
      'InvalidInstanceId.Malformed',
      'InvalidParameterValue.InstanceIdMalformed',
    ]);
    expectTypeOf(cvm.codesOf('DescribeInstancesStatus')).toEqualTypeOf<
      readonly ['InvalidInstanceId.Malformed', 'InvalidParameterValue.InstanceIdMalformed']
    >();
    expectTypeOf<keyof typeof cvm.codes>().toEqualTypeOf<
      'InvalidInstanceId.Malformed' | 'InvalidParameterValue.InstanceIdMalformed'
    >();
  });

  it('isActionError narrows to the literal union and checks service, action and code', () => {
    const e: unknown = new TencentCloudError({
      code: 'InvalidInstanceId.Malformed',
      message: 'm',
      service: 'cvm',
      action: 'DescribeInstancesStatus',
    });
    expect(cvm.isActionError(e, 'DescribeInstancesStatus')).toBe(true);
    if (cvm.isActionError(e, 'DescribeInstancesStatus')) {
      expectTypeOf(e.code).toEqualTypeOf<
        | 'InvalidInstanceId.Malformed'
        | 'InvalidParameterValue.InstanceIdMalformed'
        | CommonErrorCode
      >();
    }
    expect(cvm.isActionError(e, 'RunInstances')).toBe(false);
    const common = new TencentCloudError({ code: 'InternalError', message: 'm', service: 'cvm' });
    expect(cvm.isActionError(common, 'RunInstances')).toBe(true);
    const other = new TencentCloudError({ code: 'Other.Code', message: 'm', service: 'cvm' });
    expect(cvm.isActionError(other, 'RunInstances')).toBe(false);
    const otherService = new TencentCloudError({
      code: 'InternalError',
      message: 'm',
      service: 'cbs',
    });
    expect(cvm.isActionError(otherService, 'RunInstances')).toBe(false);
    expect(cvm.isActionError(new Error('x'), 'RunInstances')).toBe(false);
    // @ts-expect-error unknown action names are rejected at compile time
    cvm.codesOf('NoSuchAction');
  });
});

describe('defineServiceErrors, compact form', () => {
  const codes = { 'A.One': 'first', 'B.Two': 'second', 'C.Three': 'third' };
  // Indices (base 36) into the service codes, then into `more`.
  const compact = defineServiceErrors('svc', codes, { X: '0 2 3', Y: '', Z: '4 1' }, [
    'InternalError',
    'Other.Generic',
  ]);

  it('decodes each action to the codes the list form gives', () => {
    const lists = defineServiceErrors('svc', codes, {
      X: ['A.One', 'C.Three', 'InternalError'],
      Y: [],
      Z: ['Other.Generic', 'B.Two'],
    });
    for (const action of ['X', 'Y', 'Z', 'Missing', 'toString']) {
      expect(compact.codesOf(action as never), action).toEqual(lists.codesOf(action as never));
    }
    expect(compact.codesOf('X' as never)).toBe(compact.codesOf('X' as never)); // decoded once
    for (const code of ['A.One', 'B.Two', 'Other.Generic', 'InternalError', 'Nope']) {
      const e = new TencentCloudError({ code, message: 'm', service: 'svc', action: 'Z' });
      expect(compact.isActionError(e, 'Z' as never), code).toBe(
        lists.isActionError(e, 'Z' as never),
      );
    }
    expect(compact.describe('B.Two')).toBe('second');
  });

  it('refuses an index outside its table, naming the service and action', () => {
    const broken = defineServiceErrors('svc', codes, { X: '0 5', Y: '0 -1' }, []);
    expect(() => broken.codesOf('X' as never)).toThrow(
      new RangeError('svc X: error-code index "5" is not in its table'),
    );
    expect(() => broken.codesOf('Y' as never)).toThrow('svc Y: error-code index "-1"');
  });
});

describe('secrets in error output', () => {
  it('scrubs registered secrets and signatures from toJSON and inspect', async () => {
    const { registerSecret } = await import('../src/protocol/redact.js');
    registerSecret('my-very-secret-key');
    const e = new NetworkError('failed with my-very-secret-key and Signature=abcdef', {
      sent: false,
    });
    for (const shown of [JSON.stringify(e), inspect(e)]) {
      expect(shown).not.toContain('my-very-secret-key');
      expect(shown).not.toContain('abcdef');
    }
  });
});
