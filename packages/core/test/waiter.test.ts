import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  acceptorMatcher,
  type CallOptions,
  ConfigurationError,
  NetworkError,
  readPath,
  SdkError,
  TencentCloudError,
  type WaiterAcceptor,
  type WaiterDefinition,
  WaiterFailureError,
  WaiterTimeoutError,
  waiterDelay,
  waitFor,
  waitUntil,
} from '../src/index.js';

type State = 'PENDING' | 'STARTING' | 'RUNNING' | 'LAUNCH_FAILED';
interface Out {
  InstanceSet: { InstanceId: string; InstanceState: State }[];
}

const RUNNING: readonly WaiterAcceptor[] = [
  { state: 'success', path: 'InstanceSet[].InstanceState', match: 'all', values: ['RUNNING'] },
  {
    state: 'failure',
    path: 'InstanceSet[].InstanceState',
    match: 'any',
    values: ['LAUNCH_FAILED'],
  },
  { state: 'retry', errors: ['ResourceNotFound'] },
];

const DEF: WaiterDefinition = {
  name: 'InstanceRunning',
  service: 'cvm',
  action: 'DescribeInstances',
  acceptors: RUNNING,
  minDelayMs: 1_000,
  maxDelayMs: 8_000,
  maxWaitMs: 60_000,
};

/** A clock that only moves when the waiter sleeps: every test is exact and instant. */
function fakeClock() {
  const clock = {
    t: 0,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw new AbortError('aborted');
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

const out = (...states: State[]): Out => ({
  InstanceSet: states.map((s, i) => ({ InstanceId: `ins-${i}`, InstanceState: s })),
});

function apiError(code: string): TencentCloudError {
  return new TencentCloudError({
    code,
    message: code,
    requestId: 'r-1',
    action: 'DescribeInstances',
  });
}

/** Answers in order; after the list, the last answer repeats. */
function scripted(answers: readonly (Out | Error)[]) {
  const calls: CallOptions[] = [];
  const poll = async (o: CallOptions): Promise<Out> => {
    calls.push(o);
    const a = answers[Math.min(calls.length, answers.length) - 1]!;
    if (a instanceof Error) throw a;
    return a;
  };
  return { poll, calls };
}

describe('waitUntil over state sequences', () => {
  it('decides on the first poll whose states match an acceptor (fast-check over sequences of two instances)', async () => {
    const state = fc.constantFrom<State>('PENDING', 'STARTING', 'RUNNING', 'LAUNCH_FAILED');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(state, state), { minLength: 1, maxLength: 12 }),
        async (seq) => {
          const answers = [...seq.map(([a, b]) => out(a, b)), out('RUNNING', 'RUNNING')];
          const expectedAt = answers.findIndex(
            ({ InstanceSet: s }) =>
              s.every((i) => i.InstanceState === 'RUNNING') ||
              s.some((i) => i.InstanceState === 'LAUNCH_FAILED'),
          );
          const expected = answers[expectedAt]!;
          const allRunning = expected.InstanceSet.every((i) => i.InstanceState === 'RUNNING');
          const clock = fakeClock();
          const { poll, calls } = scripted(answers);
          const run = waitFor(DEF, poll, { ...clock, maxWaitMs: 1e9 });
          if (allRunning) {
            const res = await run;
            expect(res.output).toBe(expected);
            expect(res.observed).toEqual(['RUNNING', 'RUNNING']);
            expect(res.attempts).toBe(expectedAt + 1);
          } else {
            const err = await run.then(
              () => expect.unreachable(),
              (e: unknown) => e,
            );
            expect(err).toBeInstanceOf(WaiterFailureError);
            expect((err as WaiterFailureError).lastOutput).toBe(expected);
            expect((err as WaiterFailureError).lastState).toEqual(
              expected.InstanceSet.map((i) => i.InstanceState),
            );
          }
          expect(calls).toHaveLength(expectedAt + 1);
          expect(clock.sleeps).toHaveLength(expectedAt);
        },
      ),
    );
  });

  it('an empty list is not "all RUNNING": it polls again', async () => {
    const clock = fakeClock();
    const { poll, calls } = scripted([{ InstanceSet: [] }, out('RUNNING')]);
    const res = await waitFor(DEF, poll, clock);
    expect(res.attempts).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it('times out with WaiterTimeoutError carrying the last state and output; the waits add up to maxWaitMs exactly', async () => {
    const clock = fakeClock();
    const last = out('PENDING');
    const { poll, calls } = scripted([out('PENDING'), last]);
    const err = await waitFor(DEF, poll, { ...clock, maxWaitMs: 10_000, random: () => 0.5 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WaiterTimeoutError);
    expect(err).toBeInstanceOf(SdkError);
    const e = err as WaiterTimeoutError;
    expect(e.lastState).toEqual(['PENDING']);
    expect(e.lastOutput).toBe(last);
    expect(e.maxWaitMs).toBe(10_000);
    expect(e.elapsedMs).toBe(10_000);
    expect(e.attempts).toBe(calls.length);
    expect(e.waiter).toBe('cvm InstanceRunning');
    expect(e.message).toContain('cvm InstanceRunning');
    expect(e.message).toContain('DescribeInstances');
    expect(e.message).toContain('["PENDING"]');
    // caps 1000, 2000, 4000, 8000, 8000: jittered halfway from 1000; the last clipped to what is left.
    expect(clock.sleeps).toEqual([1000, 1500, 2500, 4500, 500]);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(calls).toHaveLength(6); // the last poll runs at the deadline
  });

  it('backoff: every wait is within [min, min(max, min*2^(n-1))] and only the last is clipped (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 100, max: 5_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.array(fc.double({ min: 0, max: 0.999_999, noNaN: true }), {
          minLength: 1,
          maxLength: 20,
        }),
        async (minDelayMs, extra, maxWaitMs, rolls) => {
          const maxDelayMs = minDelayMs + extra;
          const clock = fakeClock();
          let r = 0;
          const random = () => rolls[r++ % rolls.length]!;
          const { poll } = scripted([out('PENDING')]);
          const err = await waitUntil(poll, acceptorMatcher<Out>(RUNNING), {
            ...clock,
            random,
            minDelayMs,
            maxDelayMs,
            maxWaitMs,
          }).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(WaiterTimeoutError);
          const total = clock.sleeps.reduce((a, b) => a + b, 0);
          expect(total).toBe(maxWaitMs);
          clock.sleeps.forEach((ms, i) => {
            const cap = Math.min(maxDelayMs, minDelayMs * 2 ** i);
            expect(ms).toBeLessThanOrEqual(cap);
            if (i < clock.sleeps.length - 1) expect(ms).toBeGreaterThanOrEqual(minDelayMs);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('waiterDelay grows exponentially to the cap and never overflows', () => {
    const t = { minDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((n) => waiterDelay(n, t, () => 0.999_999))).toEqual([
      100, 199, 399, 799, 999,
    ]);
    expect(waiterDelay(5000, t, () => 0.5)).toBe(550);
    expect(waiterDelay(3, t, () => 0)).toBe(100);
  });
});

describe('errors while polling', () => {
  it('rethrows an API error no acceptor names, as the same object, after one poll', async () => {
    const boom = apiError('InternalError');
    const clock = fakeClock();
    const { poll, calls } = scripted([out('PENDING'), boom]);
    await expect(waitFor(DEF, poll, clock)).rejects.toBe(boom);
    expect(calls).toHaveLength(2);
  });

  it('rethrows errors that are not API errors (network) even when an error acceptor exists', async () => {
    const net = new NetworkError('connection refused', { sent: false, errno: 'ECONNREFUSED' });
    const { poll } = scripted([net]);
    await expect(waitFor(DEF, poll, fakeClock())).rejects.toBe(net);
  });

  it('retries the codes declared "retry" (hierarchically: ResourceNotFound covers ResourceNotFound.X)', async () => {
    const clock = fakeClock();
    const { poll, calls } = scripted([
      apiError('ResourceNotFound.InstanceNotExist'),
      apiError('ResourceNotFound'),
      out('RUNNING'),
    ]);
    const res = await waitFor(DEF, poll, clock);
    expect(res.attempts).toBe(3);
    expect(calls).toHaveLength(3);
    // ResourceNotFoundX is another code, not below ResourceNotFound.
    const other = apiError('ResourceNotFoundX');
    await expect(waitFor(DEF, scripted([other]).poll, fakeClock())).rejects.toBe(other);
  });

  it('a timeout after retried errors carries the last error as lastError and cause', async () => {
    const nf = apiError('ResourceNotFound');
    const err = (await waitFor(DEF, scripted([nf]).poll, {
      ...fakeClock(),
      maxWaitMs: 3_000,
    }).catch((e: unknown) => e)) as WaiterTimeoutError;
    expect(err).toBeInstanceOf(WaiterTimeoutError);
    expect(err.lastError).toBe(nf);
    expect(err.cause).toBe(nf);
    expect(err.message).toContain('error ResourceNotFound');
  });

  it('an error acceptor can mean success (a deleted resource answers NotFound): output is undefined', async () => {
    const acceptors: WaiterAcceptor[] = [
      { state: 'success', errors: ['InvalidInstanceId.NotFound'] },
      { state: 'retry', path: 'InstanceSet[].InstanceState', values: ['RUNNING'] },
    ];
    const res = await waitUntil(
      scripted([out('RUNNING'), apiError('InvalidInstanceId.NotFound')]).poll,
      acceptorMatcher<Out>(acceptors),
      { ...fakeClock(), maxWaitMs: 60_000 },
    );
    expect(res).toMatchObject({
      state: 'success',
      output: undefined,
      observed: 'InvalidInstanceId.NotFound',
    });
  });

  it('WaiterFailureError names the waiter, the action and the state, and toJSON holds no output', async () => {
    const last = out('RUNNING', 'LAUNCH_FAILED');
    const err = (await waitFor(DEF, scripted([last]).poll, fakeClock()).catch(
      (e: unknown) => e,
    )) as WaiterFailureError;
    expect(err).toBeInstanceOf(WaiterFailureError);
    expect(err.name).toBe('WaiterFailureError');
    expect(err.action).toBe('DescribeInstances');
    expect(err.attempts).toBe(1);
    expect(err.message).toBe(
      'cvm InstanceRunning: 1 poll of DescribeInstances reached a failure state ["RUNNING","LAUNCH_FAILED"]',
    );
    expect(JSON.stringify(err)).not.toContain('ins-0');
  });
});

describe('cancellation and options', () => {
  it('passes the signal to every poll and rejects with AbortError when it fires during a wait', async () => {
    const ac = new AbortController();
    const calls: CallOptions[] = [];
    const poll = async (o: CallOptions) => {
      calls.push(o);
      if (calls.length === 2) ac.abort(new Error('stop'));
      return out('PENDING');
    };
    const clock = fakeClock();
    await expect(
      waitFor(DEF, poll, { ...clock, signal: ac.signal, callOptions: { timeoutMs: 5_000 } }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual({ timeoutMs: 5_000, signal: ac.signal });
  });

  it('an already aborted signal polls nothing; the real sleep rejects on abort', async () => {
    const ac = new AbortController();
    ac.abort();
    const { poll, calls } = scripted([out('PENDING')]);
    await expect(waitFor(DEF, poll, { signal: ac.signal })).rejects.toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
    const ac2 = new AbortController();
    const p = waitFor(
      DEF,
      async () => {
        queueMicrotask(() => ac2.abort());
        return out('PENDING');
      },
      { signal: ac2.signal, minDelayMs: 3_600_000, maxDelayMs: 3_600_000, maxWaitMs: 7_200_000 },
    );
    await expect(p).rejects.toBeInstanceOf(AbortError);
  });

  it('an abort that makes the poll reject is rethrown as the poll error', async () => {
    const ac = new AbortController();
    const abort = new AbortError('The call was aborted');
    const poll = async () => {
      ac.abort();
      throw abort;
    };
    await expect(waitFor(DEF, poll, { ...fakeClock(), signal: ac.signal })).rejects.toBe(abort);
  });

  it('user options override the definition; bad timing is a ConfigurationError naming the option', async () => {
    const clock = fakeClock();
    await waitFor(DEF, scripted([out('PENDING'), out('RUNNING')]).poll, {
      ...clock,
      minDelayMs: 7,
      maxDelayMs: 7,
    });
    expect(clock.sleeps).toEqual([7]);
    const bad = [
      [{ maxDelayMs: 10, minDelayMs: 20 }, 'maxDelayMs'],
      [{ maxWaitMs: -1 }, 'maxWaitMs'],
      [{ minDelayMs: Number.NaN }, 'minDelayMs'],
      [{ maxDelayMs: Number.POSITIVE_INFINITY }, 'maxDelayMs'],
    ] as const;
    for (const [opts, option] of bad) {
      const err = await waitFor(DEF, scripted([out('PENDING')]).poll, opts).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ConfigurationError);
      expect((err as ConfigurationError).option).toBe(option);
    }
  });
});

describe('readPath', () => {
  it('flattens every [] segment, keeps missing scalars as undefined, skips missing lists', () => {
    const o = { A: [{ B: [{ C: 1 }, { C: 2 }] }, { B: [{ C: 3 }, {}] }, {}], S: { T: 'x' } };
    expect(readPath(o, 'A[].B[].C')).toEqual({
      values: [1, 2, 3, undefined],
      observed: [1, 2, 3, undefined],
    });
    expect(readPath(o, 'S.T')).toEqual({ values: ['x'], observed: 'x' });
    expect(readPath(o, 'S.U')).toEqual({ values: [undefined], observed: undefined });
    expect(readPath(o, 'Nope[].X')).toEqual({ values: [], observed: [] });
    expect(readPath(o, 'toString')).toEqual({ values: [undefined], observed: undefined });
  });

  it('numeric states match int64 values that arrived as bigint', () => {
    const m = acceptorMatcher<unknown>([{ state: 'success', path: 'Items[].Status', values: [1] }]);
    expect(m({ output: { Items: [{ Status: 1n }, { Status: 1 }] } })?.state).toBe('success');
    expect(m({ output: { Items: [{ Status: 0n }] } })?.state).toBe('retry');
    expect(m({ output: { Items: [{ Status: '1' }] } })?.state).toBe('retry');
  });
});
