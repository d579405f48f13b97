/**
 * `mockClient(CvmClient)`: typed answers for unit tests, without a server or the network.
 *
 * Every generated method and per-action function ends in `client.request(...)` (or
 * `requestStream` for event streams), so those are what is replaced: on the class's prototype
 * (every instance, existing ones included) or on one instance. `attempt` / `attemptStream`,
 * the step that would send, are replaced too, so a call that reaches them by another path is
 * answered by the mock as well and still never sent.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  type ActionInfo,
  type CallOptions,
  ConfigurationError,
  describeCommonError,
  type ResponseMetadata,
  redact,
  type ServiceInfo,
  TencentCloudError,
} from '@scope/core';
import { MockCallError } from './errors.js';
import { matchesPartial, show, snapshot } from './match.js';
import { isStreamSource, mockEventStream } from './stream.js';
import type { ClientMock, MockCall, MockCallInfo, MockErrorInit, StreamSource } from './types.js';

/** A client as the mock sees it: anything with core's request path and service facts. */
export interface MockableClient {
  readonly service: ServiceInfo;
}

/** Mocks every instance of a client class (`CvmClient`), existing ones included. */
export function mockClient<C extends MockableClient, E extends object = Record<never, never>>(
  clientClass: abstract new (...args: never[]) => C,
): ClientMock<C, E>;
/** Mocks one client instance; other instances still call the API. */
export function mockClient<C extends MockableClient, E extends object = Record<never, never>>(
  client: C,
): ClientMock<C, E>;
export function mockClient(target: unknown): ClientMock<MockableClient> {
  const { host, label } = hostOf(target);
  const existing = installed.get(host);
  if (existing) {
    existing.reset();
    return existing;
  }
  const mock = new Mock(host, label);
  installed.set(host, mock);
  return mock;
}

/** What is replaced. `requestStream` / `attemptStream` only where the class has them. */
const PATCHED = ['request', 'requestStream', 'attempt', 'attemptStream'] as const;
type PatchedName = (typeof PATCHED)[number];

// Core keeps response metadata under this registered symbol (attachMetadata in metadata.ts),
// so getResponseMetadata() of any copy of core reads what the mock attaches.
const METADATA = Symbol.for('tc-sdk.core.responseMetadata');

/** The mock of each patched prototype or instance: mocking it again returns the same one. */
const installed = new WeakMap<object, Mock>();

type Behavior =
  | { readonly kind: 'output'; readonly output: object }
  | { readonly kind: 'error'; readonly error: Error | MockErrorInit }
  | { readonly kind: 'fake'; readonly fn: (input: never, call: MockCallInfo<never>) => unknown }
  | { readonly kind: 'stream'; readonly events: StreamSource<unknown> };

interface Rule {
  readonly action: string;
  readonly key: string;
  readonly matcher: unknown;
  readonly once: Behavior[];
  always: Behavior | undefined;
  readonly builder: object;
}

/** The facts a plain call resolves with: the output (metadata attached) and the metadata. */
interface Answer {
  readonly data: object;
  readonly metadata: ResponseMetadata;
}

type Client = MockableClient & Record<PatchedName, unknown>;

class Mock implements ClientMock<MockableClient> {
  readonly #host: Record<string, unknown>;
  readonly #label: string;
  readonly #saved = new Map<PatchedName, PropertyDescriptor | undefined>();
  #rules: Rule[] = [];
  #calls: MockCall<MockableClient>[] = [];
  #requests = 0;
  #restored = false;

  constructor(host: Record<string, unknown>, label: string) {
    this.#host = host;
    this.#label = label;
    const mock = this;
    const replacements: Record<PatchedName, (this: Client, ...args: never[]) => Promise<unknown>> =
      {
        async request(action: ActionInfo, input: object, options?: CallOptions) {
          return (await mock.#plain(this, action, input, options)).data;
        },
        async attempt(call: PreparedLike) {
          return mock.#plain(this, call.action, call.input, optionsOf(call));
        },
        async requestStream(action: ActionInfo, input: object, options?: CallOptions) {
          return mock.#stream(this, action, input, options);
        },
        async attemptStream(call: PreparedLike) {
          return mock.#stream(this, call.action, call.input, optionsOf(call));
        },
      };
    for (const name of PATCHED) {
      if (typeof host[name] !== 'function') continue;
      this.#saved.set(name, Object.getOwnPropertyDescriptor(host, name));
      Object.defineProperty(host, name, {
        value: replacements[name],
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
  }

  on(action: string, matcher?: unknown): never {
    if (this.#restored) {
      throw new ConfigurationError(
        `mockClient(${this.#label}) was restored; call mockClient again to mock it`,
        { option: 'on' },
      );
    }
    if (typeof action !== 'string' || action === '') {
      throw new ConfigurationError(
        `mockClient(${this.#label}).on: the action must be a name such as 'DescribeInstances'; got ${show(action)}`,
        { option: 'action' },
      );
    }
    if (
      matcher !== undefined &&
      typeof matcher !== 'function' &&
      (typeof matcher !== 'object' || matcher === null || Array.isArray(matcher))
    ) {
      throw new ConfigurationError(
        `mockClient(${this.#label}).on('${action}'): the matcher must be a partial input object or a predicate; got ${show(matcher)}`,
        { option: 'matcher' },
      );
    }
    const key = action.toLowerCase();
    const same = this.#rules.find((r) => r.key === key && sameMatcher(r.matcher, matcher));
    return (same ?? this.#addRule(action, key, matcher)).builder as never;
  }

  calls(action?: string): never {
    if (action === undefined) return [...this.#calls] as never;
    const key = String(action).toLowerCase();
    return this.#calls.filter((c) => c.action.toLowerCase() === key).map((c) => c.input) as never;
  }

  reset(): void {
    this.#rules = [];
    this.#calls = [];
    this.#requests = 0;
  }

  restore(): void {
    if (this.#restored) return;
    this.#restored = true;
    for (const [name, desc] of this.#saved) {
      if (desc) Object.defineProperty(this.#host, name, desc);
      else delete this.#host[name];
    }
    installed.delete(this.#host);
  }

  #addRule(action: string, key: string, matcher: unknown): Rule {
    const rule: Rule = { action, key, matcher, once: [], always: undefined, builder: {} };
    const where = `mockClient(${this.#label}).on('${action}')`;
    const set = (b: Behavior, once: boolean) => {
      if (once) rule.once.push(b);
      else rule.always = b;
      return rule.builder;
    };
    const output = (v: unknown, method: string): Behavior => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        throw new ConfigurationError(
          `${where}.${method}: the output must be an object; got ${show(v)}`,
          {
            option: method,
          },
        );
      }
      return { kind: 'output', output: v };
    };
    const error = (v: unknown, message: unknown, method: string): Behavior => {
      if (typeof v === 'string' && v !== '') {
        if (message !== undefined && typeof message !== 'string') {
          throw new ConfigurationError(`${where}.${method}: the message must be a string`, {
            option: method,
          });
        }
        return { kind: 'error', error: message === undefined ? { code: v } : { code: v, message } };
      }
      if (v instanceof Error) return { kind: 'error', error: v };
      if (typeof v === 'object' && v !== null && typeof (v as MockErrorInit).code === 'string') {
        return { kind: 'error', error: v as MockErrorInit };
      }
      throw new ConfigurationError(
        `${where}.${method}: give an error code ('InvalidInstanceId.NotFound'), an Error or { code, message? }; got ${show(v)}`,
        { option: method },
      );
    };
    const fake = (fn: unknown, method: string): Behavior => {
      if (typeof fn !== 'function') {
        throw new ConfigurationError(`${where}.${method}: expected a function; got ${show(fn)}`, {
          option: method,
        });
      }
      return { kind: 'fake', fn: fn as never };
    };
    const stream = (events: unknown, method: string): Behavior => {
      if (!isStreamSource(events)) {
        throw new ConfigurationError(
          `${where}.${method}: the events must be an array or an (async) iterable; got ${show(events)}`,
          { option: method },
        );
      }
      return { kind: 'stream', events };
    };
    Object.assign(rule.builder, {
      resolves: (v: unknown) => set(output(v, 'resolves'), false),
      resolvesOnce: (v: unknown) => set(output(v, 'resolvesOnce'), true),
      rejects: (v: unknown, m?: unknown) => set(error(v, m, 'rejects'), false),
      rejectsOnce: (v: unknown, m?: unknown) => set(error(v, m, 'rejectsOnce'), true),
      callsFake: (fn: unknown) => set(fake(fn, 'callsFake'), false),
      callsFakeOnce: (fn: unknown) => set(fake(fn, 'callsFakeOnce'), true),
      resolvesStream: (e: unknown) => set(stream(e, 'resolvesStream'), false),
      resolvesStreamOnce: (e: unknown) => set(stream(e, 'resolvesStreamOnce'), true),
    });
    this.#rules.push(rule);
    return rule;
  }

  /** Records the call and takes the behaviour that answers it, or throws MockCallError. */
  #take(
    client: Client,
    action: ActionInfo,
    input: object,
    options: CallOptions | undefined,
    stream: boolean,
  ) {
    const name = typeof action?.name === 'string' ? action.name : String(action?.name);
    const info: MockCallInfo<MockableClient> = { action: name, stream, options, client };
    this.#calls.push({ ...info, input: snapshot(input) });
    const rule = this.#pick(name, input);
    if (!rule) throw this.#unmatched(client, name, input, stream);
    const behavior = rule.once.shift() ?? (rule.always as Behavior);
    const requestId = `mock-request-${++this.#requests}`;
    return { name, info, behavior, requestId };
  }

  async #plain(
    client: Client,
    action: ActionInfo,
    input: object,
    options: CallOptions | undefined,
  ): Promise<Answer> {
    const { name, info, behavior, requestId } = this.#take(client, action, input, options, false);
    switch (behavior.kind) {
      case 'error':
        throw this.#error(client, name, behavior.error, requestId);
      case 'output':
        return answer(snapshot(behavior.output), requestId);
      case 'stream':
        throw this.#misfit(
          client,
          name,
          input,
          false,
          'its answer is resolvesStream(...), which answers stream calls only; use resolves(output)',
        );
      case 'fake': {
        const out = await behavior.fn(input as never, info as never);
        if (typeof out !== 'object' || out === null || Array.isArray(out) || isAsyncIterable(out)) {
          throw this.#misfit(
            client,
            name,
            input,
            false,
            `its callsFake function returned ${show(out)}; a call of ${name} needs an output object`,
          );
        }
        return answer({ ...out }, requestId);
      }
    }
  }

  async #stream(
    client: Client,
    action: ActionInfo,
    input: object,
    options: CallOptions | undefined,
  ) {
    const { name, info, behavior, requestId } = this.#take(client, action, input, options, true);
    const ctx = {
      service: client.service.service,
      version: client.service.version,
      action: name,
      requestId,
      signal: options?.signal,
    };
    switch (behavior.kind) {
      case 'error':
        throw this.#error(client, name, behavior.error, requestId);
      case 'stream':
        return mockEventStream(behavior.events, ctx);
      case 'output':
        throw this.#misfit(
          client,
          name,
          input,
          true,
          'its answer is resolves(output), which answers plain calls only; use resolvesStream(events)',
        );
      case 'fake': {
        const out = await behavior.fn(input as never, info as never);
        if (!isStreamSource(out) || typeof out === 'string') {
          throw this.#misfit(
            client,
            name,
            input,
            true,
            `its callsFake function returned ${show(out)}; a stream call needs an array or (async) iterable of events`,
          );
        }
        return mockEventStream(out, ctx);
      }
    }
  }

  /** The last-defined rule with a fitting matcher, else the last one without a matcher. */
  #pick(name: string, input: object): Rule | undefined {
    const key = name.toLowerCase();
    let fallback: Rule | undefined;
    for (let i = this.#rules.length - 1; i >= 0; i--) {
      const r = this.#rules[i] as Rule;
      if (r.key !== key || (r.once.length === 0 && !r.always)) continue;
      if (r.matcher === undefined) fallback ??= r;
      else if (
        typeof r.matcher === 'function'
          ? (r.matcher as (i: object) => unknown)(input)
          : matchesPartial(input, r.matcher)
      ) {
        return r;
      }
    }
    return fallback;
  }

  #error(client: Client, action: string, e: Error | MockErrorInit, requestId: string): Error {
    if (e instanceof Error) return e;
    return new TencentCloudError({
      code: e.code,
      message: e.message ?? describeCommonError(e.code) ?? `Mocked error ${e.code}`,
      requestId: e.requestId ?? requestId,
      service: client.service.service,
      version: client.service.version,
      action,
      httpStatus: e.httpStatus ?? 200,
      traceId: e.traceId,
    });
  }

  #where(client: Client, action: string, stream: boolean): string {
    return `mockClient(${this.#label}): ${client.service.service} ${action}${stream ? ' (stream call)' : ''}`;
  }

  #misfit(
    client: Client,
    action: string,
    input: object,
    stream: boolean,
    why: string,
  ): MockCallError {
    return new MockCallError(`${this.#where(client, action, stream)} cannot be answered: ${why}`, {
      action,
      input: redactedInput(input),
      stream,
    });
  }

  #unmatched(client: Client, action: string, input: object, stream: boolean): MockCallError {
    const key = action.toLowerCase();
    const mine = this.#rules.filter((r) => r.key === key);
    const rules = mine.length
      ? `Its rules: ${mine.map(describeRule).join('; ')}.`
      : `No rule is set for it: add m.on('${action}').${stream ? 'resolvesStream' : 'resolves'}(...).`;
    const mocked = [...new Set(this.#rules.map((r) => r.action))];
    return new MockCallError(
      `${this.#where(client, action, stream)} has no answer for the input ${show(input)}. ${rules} ` +
        `Mocked actions: ${mocked.length ? mocked.join(', ') : 'none'}. Nothing was sent.`,
      { action, input: redactedInput(input), stream },
    );
  }
}

/** What `attempt` receives (core's PreparedCall), as far as the mock reads it. */
interface PreparedLike {
  readonly action: ActionInfo;
  readonly input: object;
  readonly signal?: AbortSignal | undefined;
  readonly region?: string | undefined;
}

function optionsOf(call: PreparedLike): CallOptions {
  return {
    ...(call.signal ? { signal: call.signal } : {}),
    ...(call.region ? { region: call.region } : {}),
  };
}

function answer(data: object, requestId: string): Answer {
  const out = data as { RequestId?: unknown };
  if (out.RequestId === undefined) out.RequestId = requestId;
  const metadata: ResponseMetadata = {
    requestId: String(out.RequestId),
    httpStatus: 200,
    headers: {},
    attempts: 1,
    totalRetryDelayMs: 0,
  };
  Object.defineProperty(data, METADATA, { value: metadata, enumerable: false, configurable: true });
  return { data, metadata };
}

const METHOD: Record<Behavior['kind'], string> = {
  output: 'resolves',
  error: 'rejects',
  fake: 'callsFake',
  stream: 'resolvesStream',
};

function describeRule(r: Rule): string {
  const what = [
    ...r.once.map((b) => `${METHOD[b.kind]}Once`),
    ...(r.always ? [METHOD[r.always.kind]] : []),
  ].join(', ');
  const on = `on('${r.action}'${r.matcher === undefined ? '' : `, ${show(r.matcher)}`})`;
  return `${on} -> ${what || 'used up (its Once answers were taken)'}`;
}

function sameMatcher(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return isDeepStrictEqual(a, b);
}

const redactedInput = (input: unknown): unknown => redact(input);

function isAsyncIterable(v: object): boolean {
  return Symbol.asyncIterator in v;
}

function hostOf(target: unknown): { host: Record<string, unknown>; label: string } {
  if (typeof target === 'function') {
    const proto = (target as { prototype?: unknown }).prototype as
      | Record<string, unknown>
      | undefined;
    if (proto && typeof proto.request === 'function') {
      return { host: proto, label: target.name || 'anonymous client class' };
    }
  } else if (
    typeof target === 'object' &&
    target !== null &&
    typeof (target as Record<string, unknown>).request === 'function' &&
    typeof (target as Partial<MockableClient>).service?.service === 'string'
  ) {
    const name = (target as { constructor?: { name?: string } }).constructor?.name || 'client';
    return { host: target as Record<string, unknown>, label: `${name} instance` };
  }
  throw new ConfigurationError(
    `mockClient: expected a client class (such as CvmClient) or a client instance; got ${show(target)}`,
    { option: 'client' },
  );
}
