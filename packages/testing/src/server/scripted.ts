/**
 * Scripted answers: a resource's state over time, one step per call, for testing waiters and
 * other polling code. A script is a stub whose answer moves on with every call it serves.
 */
import type { CallContext, StubResponse } from './types.js';

/**
 * One call's answer: an output payload, an `Error` to throw (an `EmulatedApiError` answers
 * that error envelope, any other error `InternalError`), or a function of the input.
 */
export type ScriptStep =
  | Record<string, unknown>
  | Error
  | ((
      input: Record<string, unknown>,
      ctx: CallContext,
    ) => Record<string, unknown> | Promise<Record<string, unknown>>);

export interface ScriptOptions {
  /** Only for this service (default: any service with this action name). */
  readonly service?: string;
  /**
   * Separate timelines per resource: calls with the same key walk the steps together, a new
   * key starts at the first step (e.g. `(input) => String(input.InstanceIds)`).
   */
  readonly key?: (input: Record<string, unknown>) => string | undefined;
}

/** The stub behind `emulator.script`: step n answers call n; the last step repeats. */
export function scriptedStub(steps: readonly ScriptStep[], opts: ScriptOptions = {}): StubResponse {
  if (steps.length === 0) throw new TypeError('script() needs at least one step');
  const list = [...steps];
  const calls = new Map<string, number>();
  return (input, ctx) => {
    const key = opts.key?.(input) ?? '';
    const n = calls.get(key) ?? 0;
    calls.set(key, n + 1);
    const step = list[Math.min(n, list.length - 1)]!;
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step(input, ctx) : step;
  };
}
