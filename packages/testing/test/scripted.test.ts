/**
 * emulator.script(): a resource's state over time. Driven through core's ServiceClient and
 * waitFor with the facts a generated waiter passes; the clock is fake, the HTTP calls are real.
 */
import {
  type CallOptions,
  ServiceClient,
  type ServiceInfo,
  TencentCloudError,
  type WaiterDefinition,
  WaiterFailureError,
  WaiterTimeoutError,
  waitFor,
} from '@scope/core';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatedApiError, type Emulator, startEmulator } from '../src/index.js';
import { CRED, repoSpecs } from './helpers.js';

const CVM: ServiceInfo = {
  service: 'cvm',
  version: '2017-03-12',
  packageName: '@scope/cvm',
  packageVersion: '0.0.0',
};
const RUNNING: WaiterDefinition = {
  name: 'InstanceRunning',
  service: 'cvm',
  action: 'DescribeInstances',
  acceptors: [
    { state: 'success', path: 'InstanceSet[].InstanceState', match: 'all', values: ['RUNNING'] },
    {
      state: 'failure',
      path: 'InstanceSet[].InstanceState',
      match: 'any',
      values: ['LAUNCH_FAILED'],
    },
    { state: 'retry', errors: ['ResourceNotFound'] },
  ],
  minDelayMs: 1_000,
  maxDelayMs: 8_000,
  maxWaitMs: 60_000,
};

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ specs: [repoSpecs], credentials: [CRED] });
});
beforeEach(() => emu.reset());
afterAll(() => emu.close());

const client = () =>
  new ServiceClient(CVM, {
    endpoint: emu.url,
    credentials: CRED,
    region: 'ap-guangzhou',
    retry: { sleep: async () => {} },
  });

function fakeClock() {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

const instances = (...states: string[]) => ({
  TotalCount: states.length,
  InstanceSet: states.map((s, i) => ({ InstanceId: `ins-${i}`, InstanceState: s })),
});

function waitRunning(input: Record<string, unknown>, maxWaitMs = 60_000) {
  const c = client();
  return waitFor(
    RUNNING,
    (o: CallOptions) => c.request({ name: 'DescribeInstances', readOnly: true }, input, o),
    { ...fakeClock(), maxWaitMs },
  );
}

describe('emulator.script', () => {
  it('answers one step per call and repeats the last step', async () => {
    emu.script('DescribeInstances', [instances('PENDING'), instances('RUNNING')]);
    const c = client();
    const states = [];
    for (let i = 0; i < 4; i++) {
      const out = await c.request<{ InstanceSet: { InstanceState: string }[] }>(
        { name: 'DescribeInstances', readOnly: true },
        {},
      );
      states.push(out.InstanceSet[0]?.InstanceState);
    }
    expect(states).toEqual(['PENDING', 'RUNNING', 'RUNNING', 'RUNNING']);
  });

  it('a waiter reaches success through PENDING and a ResourceNotFound step (the resource was not visible yet)', async () => {
    emu.script('DescribeInstances', [
      new EmulatedApiError('ResourceNotFound'),
      instances('PENDING'),
      instances('PENDING'),
      instances('RUNNING'),
    ]);
    const res = await waitRunning({ InstanceIds: ['ins-0'] });
    expect(res.attempts).toBe(4);
    expect(res.observed).toEqual(['RUNNING']);
    expect((res.output as { RequestId?: string }).RequestId).toMatch(/./);
    expect(emu.requestsFor('DescribeInstances')).toHaveLength(4);
    expect(emu.requestsFor('DescribeInstances')[0]?.body).toEqual({ InstanceIds: ['ins-0'] });
  });

  it('a waiter reaches failure (LAUNCH_FAILED) with the last output', async () => {
    emu.script('DescribeInstances', [instances('PENDING'), instances('LAUNCH_FAILED')]);
    const err = (await waitRunning({}).catch((e: unknown) => e)) as WaiterFailureError;
    expect(err).toBeInstanceOf(WaiterFailureError);
    expect(err.lastState).toEqual(['LAUNCH_FAILED']);
    expect(err.attempts).toBe(2);
  });

  it('a waiter times out while the script stays PENDING', async () => {
    emu.script('DescribeInstances', [instances('PENDING')]);
    const err = (await waitRunning({}, 5_000).catch((e: unknown) => e)) as WaiterTimeoutError;
    expect(err).toBeInstanceOf(WaiterTimeoutError);
    expect(err.lastState).toEqual(['PENDING']);
    expect(err.elapsedMs).toBe(5_000);
    expect(emu.requestsFor('DescribeInstances')).toHaveLength(err.attempts);
  });

  it('a real API error from the emulator rejects the waiter with that TencentCloudError', async () => {
    emu.script('DescribeInstances', [
      instances('PENDING'),
      new EmulatedApiError('UnauthorizedOperation'),
    ]);
    const err = await waitRunning({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TencentCloudError);
    expect((err as TencentCloudError).code).toBe('UnauthorizedOperation');
  });

  it('keeps one timeline per key: a second resource starts at the first step', async () => {
    emu.script(
      'DescribeInstancesStatus',
      [
        (input) => ({
          InstanceStatusSet: [
            { InstanceId: (input.InstanceIds as string[])[0], InstanceState: 'PENDING' },
          ],
        }),
        (input) => ({
          InstanceStatusSet: [
            { InstanceId: (input.InstanceIds as string[])[0], InstanceState: 'RUNNING' },
          ],
        }),
      ],
      { key: (input) => String(input.InstanceIds) },
    );
    const c = client();
    const state = async (id: string) =>
      (
        await c.request<{ InstanceStatusSet: { InstanceState: string }[] }>(
          { name: 'DescribeInstancesStatus', readOnly: true },
          { InstanceIds: [id] },
        )
      ).InstanceStatusSet[0]?.InstanceState;
    expect([
      await state('ins-a'),
      await state('ins-a'),
      await state('ins-b'),
      await state('ins-b'),
    ]).toEqual(['PENDING', 'RUNNING', 'PENDING', 'RUNNING']);
  });

  it('a later stub replaces the script; reset() forgets it; an empty script is refused', async () => {
    emu.script('DescribeInstances', [instances('PENDING')]);
    emu.stub('DescribeInstances', instances('STOPPED'));
    const c = client();
    const first = await c.request<{ InstanceSet: { InstanceState: string }[] }>(
      { name: 'DescribeInstances', readOnly: true },
      {},
    );
    expect(first.InstanceSet[0]?.InstanceState).toBe('STOPPED');
    expect(() => emu.script('DescribeInstances', [])).toThrow(/at least one step/);
  });

  it('the waiter decides on the first decisive step of any scripted sequence (fast-check)', async () => {
    const state = fc.constantFrom('PENDING', 'STARTING', 'RUNNING', 'LAUNCH_FAILED');
    await fc.assert(
      fc.asyncProperty(fc.array(state, { minLength: 1, maxLength: 6 }), async (seq) => {
        emu.reset();
        emu.script(
          'DescribeInstances',
          seq.map((s) => instances(s)),
        );
        const at = seq.findIndex((s) => s === 'RUNNING' || s === 'LAUNCH_FAILED');
        const outcome = await waitRunning({}, 20_000).then(
          (r) => ['success', r.attempts] as const,
          (e: unknown) =>
            [
              e instanceof WaiterFailureError
                ? 'failure'
                : e instanceof WaiterTimeoutError
                  ? 'timeout'
                  : 'other',
              (e as WaiterTimeoutError).attempts,
            ] as const,
        );
        if (at < 0) expect(outcome[0]).toBe('timeout');
        else expect(outcome).toEqual([seq[at] === 'RUNNING' ? 'success' : 'failure', at + 1]);
      }),
      { numRuns: 25 },
    );
  });
});
