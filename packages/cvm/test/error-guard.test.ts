/**
 * Hand-written: isCvmError against the emulator and at the type level (`pnpm typecheck` checks
 * the expectTypeOf and @ts-expect-error lines). The guard never looks at the code, because an
 * action returns codes its documented list does not name (InvalidInstanceId.NotFound on
 * DescribeInstancesStatus); and what a user needs from core comes from @scope/cvm itself.
 */
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator, TEST_CREDENTIALS } from '@scope/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import {
  AbortError,
  type CallOptions,
  type ClientOptions,
  type CommonErrorCode,
  ConfigurationError,
  type Credentials,
  CredentialsError,
  CVM_ERRORS,
  CvmClient,
  type CvmErrorCode,
  type DescribeInstancesStatusErrorCode,
  dryRun,
  getResponseMetadata,
  type Int64,
  isCvmError,
  isDryRunSuccess,
  isTencentCloudError,
  NetworkError,
  ProtocolError,
  type ResponseMetadata,
  SdkError,
  TencentCloudError,
  TimeoutError,
} from '../src/index.js';

const SPECS = fileURLToPath(new URL('../../../specs/cvm', import.meta.url));

let emu: Emulator;
let cvm: CvmClient;
beforeAll(async () => {
  emu = await startEmulator({ specs: [SPECS], credentials: [TEST_CREDENTIALS] });
  cvm = new CvmClient({ endpoint: emu.url, credentials: TEST_CREDENTIALS, region: 'ap-guangzhou' });
});
beforeEach(() => emu.reset());
afterAll(() => emu.close());

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
}

describe('isCvmError', () => {
  it('is true for a real code the action does not list (InvalidInstanceId.NotFound on DescribeInstancesStatus)', async () => {
    expect(CVM_ERRORS.codesOf('DescribeInstancesStatus')).not.toContain(
      'InvalidInstanceId.NotFound',
    );
    emu.fail('DescribeInstancesStatus', 'InvalidInstanceId.NotFound');
    const err = await rejection(cvm.describeInstancesStatus({ InstanceIds: ['ins-00000000'] }));
    expect(isCvmError(err, 'DescribeInstancesStatus')).toBe(true);
    expect(isCvmError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'InvalidInstanceId.NotFound', service: 'cvm' });
  });

  it('lets the README pattern handle an unlisted code instead of rethrowing it', async () => {
    emu.fail('DescribeInstancesStatus', 'InvalidInstanceId.NotFound');
    let handled: string | undefined;
    try {
      await cvm.describeInstancesStatus({ InstanceIds: ['ins-00000000'] });
    } catch (err) {
      if (isCvmError(err, 'DescribeInstancesStatus') && err.is('InvalidInstanceId'))
        handled = err.code;
      else throw err;
    }
    expect(handled).toBe('InvalidInstanceId.NotFound');
  });

  it('is false for another action, another service and failures that are not API errors', async () => {
    emu.fail('DescribeInstances', 'InvalidInstanceId.Malformed');
    const err = await rejection(cvm.describeInstances({ InstanceIds: ['bad'] }));
    expect(isCvmError(err, 'DescribeInstances')).toBe(true);
    expect(isCvmError(err, 'DescribeInstancesStatus')).toBe(false);
    const vpc = new TencentCloudError({ code: 'InternalError', message: 'x', service: 'vpc' });
    expect(isCvmError(vpc)).toBe(false);
    expect(isCvmError(vpc, 'DescribeInstances')).toBe(false);
    const timeout = new TimeoutError('slow', { sent: true, timeoutMs: 1 });
    for (const other of [timeout, new Error('x'), undefined, null, 'InternalError', { code: 'X' }])
      expect(isCvmError(other)).toBe(false);
  });

  it('types err.code with the listed codes, open to any other string', () => {
    const err: unknown = new TencentCloudError({ code: 'InvalidInstanceId.NotFound', message: '' });
    if (isCvmError(err, 'DescribeInstancesStatus')) {
      expectTypeOf(err).toEqualTypeOf<
        TencentCloudError<DescribeInstancesStatusErrorCode | CvmErrorCode | (string & {})>
      >();
      expectTypeOf<'InvalidInstanceId.Malformed'>().toExtend<typeof err.code>();
      expectTypeOf<'InvalidInstanceId.NotFound'>().toExtend<typeof err.code>();
      expectTypeOf<'AnyOther.Code'>().toExtend<typeof err.code>();
      expectTypeOf(err.is).parameter(0).toEqualTypeOf<string>();
    }
    if (isCvmError(err)) {
      expectTypeOf(err).toEqualTypeOf<TencentCloudError<CvmErrorCode | (string & {})>>();
    }
    expectTypeOf<CommonErrorCode>().toExtend<CvmErrorCode>();
    expectTypeOf<DescribeInstancesStatusErrorCode>().toExtend<CvmErrorCode>();
    expectTypeOf<'InvalidInstanceId.NotFound'>().toExtend<CvmErrorCode>();
    // @ts-expect-error not an action of cvm
    isCvmError(err, 'DescribeNothing');
    // @ts-expect-error action names are case-sensitive
    isCvmError(err, 'describeInstances');
  });
});

describe('what @scope/cvm re-exports from core', () => {
  it('exports the error classes, guards and helpers a caller needs', () => {
    for (const cls of [
      TencentCloudError,
      SdkError,
      ProtocolError,
      NetworkError,
      TimeoutError,
      AbortError,
      CredentialsError,
      ConfigurationError,
    ])
      expect(typeof cls).toBe('function');
    for (const fn of [isTencentCloudError, getResponseMetadata, dryRun, isDryRunSuccess])
      expect(typeof fn).toBe('function');
    expect(new TimeoutError('t', { sent: false, timeoutMs: 1 })).toBeInstanceOf(SdkError);
    expectTypeOf<ClientOptions>().toHaveProperty('region');
    expectTypeOf<CallOptions>().toHaveProperty('signal');
    expectTypeOf<Credentials>().toHaveProperty('secretId');
    expectTypeOf<bigint>().toExtend<Int64>();
    expectTypeOf<ResponseMetadata>().toHaveProperty('attempts');
  });
});
