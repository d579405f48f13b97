/**
 * Waiters: poll an action until the resource reaches a state, for the generator to call.
 *
 * A waiter is a list of acceptors (read in order, the first match decides): a JSON path into
 * the output with the values meaning `success`, `failure` or `retry`, or API error codes with
 * their meaning. An output no acceptor matches means "not yet"; an error no acceptor names is
 * rethrown as it is, so polling never hides a real API error. Between polls the delay grows
 * exponentially from `minDelayMs` to `maxDelayMs` with jitter, and the last wait is clipped to
 * the time left before `maxWaitMs`, when one last poll runs.
 */

import { abortableSleep } from '../call/retry.js';
import { isTencentCloudError } from '../errors/api.js';
import { CLASS_BRAND, SdkError } from '../errors/base.js';
import { codeMatches } from '../errors/codes.js';
import { abortError, ConfigurationError } from '../errors/transport.js';
import type { CallOptions } from '../types.js';

export type WaiterState = 'success' | 'failure' | 'retry';

/** A value an output member can hold that an acceptor compares with (`===`, numbers exact). */
export type WaiterValue = string | number | boolean | null;

/**
 * The values read at `path` mean `state`. Path: member names joined by dots; `[]` after a list
 * member reads every element (`InstanceSet[].InstanceState`). `all` (default): the path holds
 * at least one value and every one is listed; `any`: at least one is listed. A path without
 * `[]` holds one value.
 */
export interface WaiterPathAcceptor {
  readonly state: WaiterState;
  readonly path: string;
  readonly match?: 'all' | 'any';
  readonly values: readonly WaiterValue[];
}

/** An API error whose code is one of `errors` (or below one: `ResourceNotFound` covers `ResourceNotFound.X`). */
export interface WaiterErrorAcceptor {
  readonly state: WaiterState;
  readonly errors: readonly string[];
}

export type WaiterAcceptor = WaiterPathAcceptor | WaiterErrorAcceptor;

/** What the generator emits for one waiter of a service. */
export interface WaiterDefinition {
  /** e.g. `InstanceRunning`. */
  readonly name: string;
  readonly service: string;
  /** The action polled, e.g. `DescribeInstances`. */
  readonly action: string;
  readonly acceptors: readonly WaiterAcceptor[];
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxWaitMs: number;
}

/** Timing and cancellation of one wait. */
export interface WaitOptions {
  /** Give up (WaiterTimeoutError) this long after the first poll started. */
  readonly maxWaitMs?: number;
  /** The first delay between polls; later ones grow to `maxDelayMs`. */
  readonly minDelayMs?: number;
  /** Cap of one delay between polls. */
  readonly maxDelayMs?: number;
  /** Aborts the wait and the poll in flight: rejects with `AbortError`. */
  readonly signal?: AbortSignal;
  /** Options of each poll (attempt timeout, retries per poll, region); `signal` is the wait's. */
  readonly callOptions?: Omit<CallOptions, 'signal'>;
  /** Clock in milliseconds; default `Date.now` (tests inject a fake one). */
  readonly now?: () => number;
  /** Sleep between polls; default a timer that rejects with `AbortError` on `signal`. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1); default `Math.random`. */
  readonly random?: () => number;
}

/** One poll's outcome as a matcher sees it: an output, or the error the poll rejected with. */
export type PollOutcome<O> =
  | { readonly output: O; readonly error?: undefined }
  | { readonly error: unknown; readonly output?: undefined };

export interface WaiterVerdict {
  readonly state: WaiterState;
  /** What the poll showed, e.g. the values at the path (`['PENDING']`); kept in errors. */
  readonly observed?: unknown;
}

/**
 * Decides a poll. `undefined` for an output means "not yet" (poll again); for an error it
 * means the error is real and the wait rejects with it.
 */
export type WaiterMatcher<O> = (outcome: PollOutcome<O>) => WaiterVerdict | undefined;

export interface WaiterResult<O> {
  readonly state: 'success';
  /** The last output; undefined when an error acceptor meant success (e.g. NotFound = deleted). */
  readonly output: O | undefined;
  readonly observed: unknown;
  /** Polls made. */
  readonly attempts: number;
  readonly elapsedMs: number;
}

interface WaiterErrorInit {
  readonly waiter: string;
  readonly action?: string | undefined;
  readonly lastState: unknown;
  readonly lastOutput: unknown;
  readonly lastError?: unknown;
  readonly attempts: number;
  readonly elapsedMs: number;
}

abstract class WaiterError extends SdkError {
  /** `service Name` (e.g. `cvm InstanceRunning`) or the name given to `waitUntil`. */
  readonly waiter: string;
  readonly action: string | undefined;
  /** The state the last poll showed (values at the acceptors' path), if it answered. */
  readonly lastState: unknown;
  /** The last output received, if any poll answered. */
  readonly lastOutput: unknown;
  /** The API error of the last poll when an error acceptor matched it. */
  readonly lastError: unknown;
  readonly elapsedMs: number;
  constructor(message: string, init: WaiterErrorInit) {
    super(message, init.lastError === undefined ? undefined : { cause: init.lastError });
    this.waiter = init.waiter;
    this.action = init.action;
    this.lastState = init.lastState;
    this.lastOutput = init.lastOutput;
    this.lastError = init.lastError;
    this.attempts = init.attempts;
    this.elapsedMs = init.elapsedMs;
  }
}

/** The resource did not reach the wanted state within `maxWaitMs`. */
export class WaiterTimeoutError extends WaiterError {
  static override readonly [CLASS_BRAND]: string = 'WaiterTimeoutError';
  readonly maxWaitMs: number;
  constructor(message: string, init: WaiterErrorInit & { readonly maxWaitMs: number }) {
    super(message, init);
    this.maxWaitMs = init.maxWaitMs;
  }
}

/** The resource reached a state from which the wanted one cannot follow (e.g. LAUNCH_FAILED). */
export class WaiterFailureError extends WaiterError {
  static override readonly [CLASS_BRAND]: string = 'WaiterFailureError';
}

const DEFAULTS = { minDelayMs: 2_000, maxDelayMs: 30_000, maxWaitMs: 600_000 } as const;

export interface WaitUntilOptions extends WaitOptions {
  /** Names the wait in errors, e.g. `cvm InstanceRunning`. */
  readonly name?: string;
  /** The action polled, for errors. */
  readonly action?: string;
}

/**
 * Polls until `matcher` says success (resolves), failure (`WaiterFailureError`), or the time
 * is up (`WaiterTimeoutError`). A poll that rejects with an error the matcher does not claim
 * rejects the wait with that same error. `poll` gets the call options to pass on (signal).
 */
export async function waitUntil<O>(
  poll: (options: CallOptions) => Promise<O>,
  matcher: WaiterMatcher<O>,
  options: WaitUntilOptions = {},
): Promise<WaiterResult<O>> {
  const t = timing(options);
  const name = options.name ?? 'waiter';
  const { signal } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const callOptions: CallOptions = { ...options.callOptions, ...(signal ? { signal } : {}) };
  const start = now();
  const deadline = start + t.maxWaitMs;
  let lastOutput: unknown;
  let lastState: unknown;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortError(signal);
    let outcome: PollOutcome<O>;
    try {
      outcome = { output: await poll(callOptions) };
    } catch (error) {
      if (signal?.aborted) throw error;
      outcome = { error };
    }
    const verdict = matcher(outcome);
    if (outcome.error === undefined) lastOutput = outcome.output;
    if (verdict === undefined && outcome.error !== undefined) throw outcome.error;
    const state = verdict?.state ?? 'retry';
    if (verdict && 'observed' in verdict) lastState = verdict.observed;
    const lastError = outcome.error;
    const elapsedMs = now() - start;
    const info = { waiter: name, action: options.action, lastState, lastOutput, attempts: attempt };
    if (state === 'success') {
      return { state, output: outcome.output, observed: lastState, attempts: attempt, elapsedMs };
    }
    if (state === 'failure') {
      throw new WaiterFailureError(
        `${name}: ${describePoll(options.action, attempt)} reached a failure state ${show(lastState, lastError)}`,
        { ...info, lastError, elapsedMs },
      );
    }
    const left = deadline - now();
    if (left <= 0) {
      throw new WaiterTimeoutError(
        `${name}: not done after ${t.maxWaitMs} ms (maxWaitMs) and ${describePoll(options.action, attempt)}; last state ${show(lastState, lastError)}`,
        { ...info, lastError, elapsedMs, maxWaitMs: t.maxWaitMs },
      );
    }
    await sleep(Math.min(waiterDelay(attempt, t, random), left), signal);
  }
}

/** Runs a generated waiter: `poll` calls the definition's action with the user's input. */
export function waitFor<O>(
  definition: WaiterDefinition,
  poll: (options: CallOptions) => Promise<O>,
  options: WaitOptions = {},
): Promise<WaiterResult<O>> {
  return waitUntil(poll, acceptorMatcher<O>(definition.acceptors), {
    minDelayMs: definition.minDelayMs,
    maxDelayMs: definition.maxDelayMs,
    maxWaitMs: definition.maxWaitMs,
    ...stripUndefined(options),
    name: `${definition.service} ${definition.name}`,
    action: definition.action,
  });
}

/** The matcher of an acceptor list: the first acceptor that matches decides. */
export function acceptorMatcher<O>(acceptors: readonly WaiterAcceptor[]): WaiterMatcher<O> {
  const primary = acceptors.find((a): a is WaiterPathAcceptor => 'path' in a);
  return (outcome) => {
    if (outcome.error !== undefined) {
      const err = outcome.error;
      if (!isTencentCloudError(err)) return undefined;
      for (const a of acceptors) {
        if ('errors' in a && a.errors.some((c) => codeMatches(err.code, c))) {
          return { state: a.state, observed: err.code };
        }
      }
      return undefined;
    }
    for (const a of acceptors) {
      if (!('path' in a)) continue;
      const read = readPath(outcome.output, a.path);
      const hit = (v: unknown) => a.values.some((w) => sameValue(v, w));
      const ok =
        (a.match ?? 'all') === 'all'
          ? read.values.length > 0 && read.values.every(hit)
          : read.values.some(hit);
      if (ok) return { state: a.state, observed: read.observed };
    }
    return primary
      ? { state: 'retry', observed: readPath(outcome.output, primary.path).observed }
      : undefined;
  };
}

/**
 * The values at a waiter path. `observed` is what errors report: the list for a `[]` path,
 * the single value otherwise.
 */
export function readPath(output: unknown, path: string): { values: unknown[]; observed: unknown } {
  let values: unknown[] = [output];
  let list = false;
  for (const raw of path.split('.')) {
    const each = raw.endsWith('[]');
    const key = each ? raw.slice(0, -2) : raw;
    const next: unknown[] = [];
    for (const v of values) {
      const member =
        typeof v === 'object' && v !== null && Object.hasOwn(v, key)
          ? (v as Record<string, unknown>)[key]
          : undefined;
      if (!each) next.push(member);
      else if (Array.isArray(member)) next.push(...member);
    }
    list ||= each;
    values = next;
  }
  return { values, observed: list ? values : values[0] };
}

/** Delay after poll `attempt` (1-based): min * 2^(attempt-1) capped at max, jittered in [min, cap]. */
export function waiterDelay(
  attempt: number,
  t: { readonly minDelayMs: number; readonly maxDelayMs: number },
  random: () => number = Math.random,
): number {
  const cap = Math.min(t.maxDelayMs, t.minDelayMs * 2 ** Math.min(attempt - 1, 1023));
  return Math.floor(t.minDelayMs + random() * (cap - t.minDelayMs));
}

function timing(o: WaitOptions) {
  const t = {
    minDelayMs: o.minDelayMs ?? DEFAULTS.minDelayMs,
    maxDelayMs: o.maxDelayMs ?? Math.max(DEFAULTS.maxDelayMs, o.minDelayMs ?? 0),
    maxWaitMs: o.maxWaitMs ?? DEFAULTS.maxWaitMs,
  };
  for (const [key, value] of Object.entries(t)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new ConfigurationError(`${key} must be a finite number >= 0, got ${String(value)}`, {
        option: key,
      });
    }
  }
  if (t.maxDelayMs < t.minDelayMs) {
    throw new ConfigurationError(
      `maxDelayMs (${t.maxDelayMs}) must not be below minDelayMs (${t.minDelayMs})`,
      { option: 'maxDelayMs' },
    );
  }
  return t;
}

function sameValue(v: unknown, w: WaiterValue): boolean {
  if (v === w) return true;
  // int64 members may arrive as bigint.
  return typeof v === 'bigint' && typeof w === 'number' && Number.isInteger(w) && v === BigInt(w);
}

function describePoll(action: string | undefined, n: number): string {
  return `${n} poll${n === 1 ? '' : 's'}${action ? ` of ${action}` : ''}`;
}

function show(state: unknown, error: unknown): string {
  if (error !== undefined && isTencentCloudError(error)) return `(error ${error.code})`;
  let text: string;
  try {
    text = JSON.stringify(state, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'none';
  } catch {
    text = String(state);
  }
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

function stripUndefined(o: WaitOptions): WaitOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as WaitOptions;
}
