/**
 * Hand-written (the generator never touches test/ files other than smoke.test.ts): @scope/cvm
 * against the local emulator: success, per-API error, common error, retry after throttling,
 * timeout and pagination.
 */
import { fileURLToPath } from 'node:url';
import { getResponseMetadata, isTencentCloudError, NetworkError, TimeoutError } from '@scope/core';
import { type Emulator, startEmulator, TEST_CREDENTIALS } from '@scope/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CvmClient, isCvmError, paginateDescribeInstances } from '../src/index.js';

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

describe('@scope/cvm against the emulator', () => {
  it('succeeds with a typed result', async () => {
    emu.stub('DescribeInstances', {
      TotalCount: 1,
      InstanceSet: [{ InstanceId: 'ins-1', InstanceName: 'web', CPU: 2 }],
    });
    const out = await cvm.describeInstances({ InstanceIds: ['ins-1'] });
    const first = out.InstanceSet?.[0];
    expect(first?.InstanceId).toBe('ins-1');
    expect(first?.CPU).toBe(2);
    expect(getResponseMetadata(out)?.requestId).toBe(out.RequestId);
    expect(emu.requestsFor('DescribeInstances')[0]?.body).toEqual({ InstanceIds: ['ins-1'] });
  });

  it('answers the schema default when nothing is stubbed', async () => {
    const { RequestId, ...payload } = await cvm.describeZones();
    expect(RequestId).toBeTypeOf('string');
    expect(payload).toEqual(emu.sample('cvm', 'DescribeZones'));
  });

  it('surfaces a per-API error with a typed guard', async () => {
    emu.fail('DescribeInstances', 'InvalidInstanceId.Malformed');
    const err = await rejection(cvm.describeInstances({ InstanceIds: ['bad'] }));
    expect(isCvmError(err, 'DescribeInstances')).toBe(true);
    expect(err).toMatchObject({ code: 'InvalidInstanceId.Malformed', action: 'DescribeInstances' });
  });

  it('surfaces common errors from the emulator checks and the signature check', async () => {
    const missing = await rejection(
      // @ts-expect-error Filters[].Name is required; the emulator checks it like the API does
      cvm.describeInstances({ Filters: [{ Values: ['x'] }] }),
    );
    expect(missing).toMatchObject({ code: 'MissingParameter' });
    const wrongKey = new CvmClient({
      endpoint: emu.url,
      credentials: { secretId: TEST_CREDENTIALS.secretId, secretKey: 'wrong' },
    });
    const auth = await rejection(wrongKey.describeRegions());
    expect(isTencentCloudError(auth) && auth.code).toBe('AuthFailure.SignatureFailure');
  });

  it('retries after throttling and succeeds', async () => {
    emu.throttle('DescribeInstances', 2);
    const fast = new CvmClient({
      endpoint: emu.url,
      credentials: TEST_CREDENTIALS,
      retry: { baseDelayMs: 1, throttledBaseDelayMs: 1 },
    });
    const out = await fast.describeInstances({}, { maxAttempts: 3 });
    expect(out.RequestId).toBeTypeOf('string');
    expect(emu.requestsFor('DescribeInstances').map((r) => r.response?.code ?? 'ok')).toEqual([
      'RequestLimitExceeded',
      'RequestLimitExceeded',
      'ok',
    ]);
    expect(getResponseMetadata(out)?.attempts).toBe(3);
  });

  it('does not repeat a mutation after a dropped connection, but retries it when throttled', async () => {
    const fast = new CvmClient({
      endpoint: emu.url,
      credentials: TEST_CREDENTIALS,
      retry: { baseDelayMs: 1, throttledBaseDelayMs: 1 },
    });
    emu.fail('TerminateInstances', { drop: true });
    const err = await rejection(fast.terminateInstances({ InstanceIds: ['ins-1'] }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(emu.requestsFor('TerminateInstances')).toHaveLength(1);
    emu.reset();
    emu.throttle('TerminateInstances', 1);
    await fast.terminateInstances({ InstanceIds: ['ins-1'] });
    expect(emu.requestsFor('TerminateInstances')).toHaveLength(2);
  });

  it('times out when the answer is too slow', async () => {
    emu.fail('DescribeRegions', { delayMs: 2_000 });
    const err = await rejection(cvm.describeRegions({}, { timeoutMs: 100, maxAttempts: 1 }));
    expect(err).toBeInstanceOf(TimeoutError);
  });

  it('pages through Offset/Limit results', async () => {
    const all = ['ins-1', 'ins-2', 'ins-3', 'ins-4', 'ins-5'];
    emu.stub('DescribeInstances', (input) => {
      const offset = Number(input.Offset ?? 0);
      const limit = Number(input.Limit ?? 20);
      const page = all.slice(offset, offset + limit).map((InstanceId) => ({ InstanceId }));
      return { TotalCount: all.length, InstanceSet: page };
    });
    const ids: string[] = [];
    for await (const ins of paginateDescribeInstances(cvm, { Limit: 2 })) ids.push(ins.InstanceId!);
    expect(ids).toEqual(all);
    expect(emu.requestsFor('DescribeInstances')).toHaveLength(3);
  });
});
