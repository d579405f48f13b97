/**
 * Type-level map from a generated client class to its actions, read off the class's method
 * signatures: `describeInstances(input, options): Promise<WithRequestId<Out>>` is action
 * `DescribeInstances` with input `Parameters<...>[0]` and output `Out`; `chatCompletionsStream`
 * returning `Promise<EventStream<Ev>>` gives the events of `ChatCompletions`.
 *
 * Method names follow the generator (generator/src/ir/names.ts): the action name in camel case,
 * with `Action` appended when that would shadow a client member, an Object.prototype name or a
 * reserved word (`Ready` -> `readyAction`), and `_` appended on a clash with another export.
 */
import type { CallOptions, CommonErrorCode, EventStream, ServiceClient } from '@scope/core';

/** Names the generator renames with an `Action` suffix (client members, reserved words). */
type Renamed =
  // core's client members (CLIENT_MEMBERS), those being added too
  | 'service'
  | 'config'
  | 'policy'
  | 'request'
  | 'requestStream'
  | 'ready'
  | 'attempt'
  | 'attemptStream'
  | 'prepare'
  | 'endpoint'
  | 'toJSON'
  | 'options'
  | 'call'
  | 'withResponse'
  // Object.prototype
  | 'constructor'
  | 'hasOwnProperty'
  | 'isPrototypeOf'
  | 'propertyIsEnumerable'
  | 'toLocaleString'
  | 'toString'
  | 'valueOf'
  // reserved words a camel-cased action name could be
  | 'break'
  | 'case'
  | 'catch'
  | 'class'
  | 'const'
  | 'continue'
  | 'debugger'
  | 'default'
  | 'delete'
  | 'do'
  | 'else'
  | 'enum'
  | 'export'
  | 'extends'
  | 'finally'
  | 'for'
  | 'function'
  | 'if'
  | 'import'
  | 'in'
  | 'instanceof'
  | 'new'
  | 'return'
  | 'super'
  | 'switch'
  | 'this'
  | 'throw'
  | 'try'
  | 'typeof'
  | 'var'
  | 'void'
  | 'while'
  | 'with'
  | 'implements'
  | 'interface'
  | 'let'
  | 'package'
  | 'private'
  | 'protected'
  | 'public'
  | 'static'
  | 'yield'
  | 'await'
  | 'arguments'
  | 'eval'
  | 'undefined';

type StripDup<K extends string> = K extends `${infer B}_` ? StripDup<B> : K;
type Unrenamed<K extends string> = K extends `${infer B}Action` ? (B extends Renamed ? B : K) : K;
/** `describeInstances` -> `DescribeInstances`, `readyAction` -> `Ready`. */
export type ActionOfMethod<K extends string> = Capitalize<Unrenamed<StripDup<K>>>;

type OwnKey<C> = Exclude<keyof C, keyof ServiceClient> & string;

/** Methods of one call that resolve with an output carrying `RequestId` (not waiters). */
type PlainKey<C> = {
  [K in OwnKey<C>]: K extends `waitUntil${string}`
    ? never
    : C[K] extends (input: never, options?: CallOptions) => Promise<infer R>
      ? [R] extends [EventStream<unknown>]
        ? never
        : R extends { RequestId: string }
          ? K
          : never
      : never;
}[OwnKey<C>];

/** `<method>Stream` methods that resolve with an event stream. */
type StreamKey<C> = {
  [K in OwnKey<C>]: K extends `${string}Stream`
    ? C[K] extends (input: never, options?: CallOptions) => Promise<EventStream<unknown>>
      ? K
      : never
    : never;
}[OwnKey<C>];

type PlainActions<C> = { [K in PlainKey<C> as ActionOfMethod<K>]: C[K] };
type StreamActions<C> = {
  [K in StreamKey<C> as K extends `${infer B}Stream` ? ActionOfMethod<B> : never]: C[K];
};

type InputOf<F> = F extends (input: infer I, ...rest: never[]) => unknown ? NonNullable<I> : never;

/** The action names of client class `C`, e.g. `'DescribeInstances' | 'RunInstances' | ...`. */
export type ActionName<C> = (keyof PlainActions<C> | keyof StreamActions<C>) & string;

/** Input of action `A` (of the plain method, and of the stream method when there is one). */
export type ActionInput<C, A extends string> =
  | (A extends keyof PlainActions<C> ? InputOf<PlainActions<C>[A]> : never)
  | (A extends keyof StreamActions<C> ? InputOf<StreamActions<C>[A]> : never);

/** Output of action `A`, `RequestId` included. */
export type ActionOutput<C, A extends string> = A extends keyof PlainActions<C>
  ? PlainActions<C>[A] extends (...args: never[]) => Promise<infer R>
    ? R
    : never
  : never;

/** One event of action `A` called as a stream; `never` for actions without a stream method. */
export type ActionEvent<C, A extends string> = A extends keyof StreamActions<C>
  ? StreamActions<C>[A] extends (...args: never[]) => Promise<EventStream<infer E>>
    ? E
    : never
  : never;

/**
 * Error codes of action `A`: `E[A]` when the service's map (`CvmActionErrorCodes`) was given
 * to `mockClient<CvmClient, CvmActionErrorCodes>`, else the common codes and any other string.
 */
export type ActionErrorCode<E, A extends string> = A extends keyof E
  ? E[A] & string
  : CommonErrorCode | (string & {});

/** Every member optional, at every depth; arrays keep their element type (made partial). */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** What `resolves` takes: the output with any member left out; `RequestId` is filled in. */
export type MockOutput<C, A extends string> = DeepPartial<Omit<ActionOutput<C, A>, 'RequestId'>> & {
  RequestId?: string;
};

/** A partial input (every member given must match, at any depth) or a predicate. */
export type InputMatcher<C, A extends string> =
  | DeepPartial<ActionInput<C, A>>
  | ((input: ActionInput<C, A>) => boolean);

/** Events for a mocked stream: an array (replayed on every call) or any (async) iterable. */
export type StreamSource<E> = Iterable<E> | AsyncIterable<E>;

/** An API error to answer with: the code, and what a real one would carry. */
export interface MockErrorInit<Code extends string = string> {
  readonly code: Code;
  /** Default: the common registry's description of the code, else `Mocked error <code>`. */
  readonly message?: string;
  /** Default: a fresh `mock-request-<n>`. */
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly traceId?: string;
}

/** What a fake and a recorded call know about the call besides its input. */
export interface MockCallInfo<C> {
  /** The action name as the client sent it (X-TC-Action). */
  readonly action: string;
  /** True for `requestStream` (a `<method>Stream` method or function). */
  readonly stream: boolean;
  readonly options: CallOptions | undefined;
  /** The instance the call was made on. */
  readonly client: C;
}

/** One recorded call: the input as it was when the call was made (a copy). */
export interface MockCall<C> extends MockCallInfo<C> {
  readonly input: object;
}

type Awaitable<T> = T | Promise<T>;

/** A fake: returns the output (or, for a stream call, the events), or throws. */
export type MockFake<C, A extends string> = (
  input: ActionInput<C, A>,
  call: MockCallInfo<C>,
) => Awaitable<MockOutput<C, A> | StreamSource<ActionEvent<C, A>>>;

/** Behaviours of one action (and matcher). Each method returns the same builder, to chain. */
export interface PlainBehavior<C, E, A extends string> {
  /** Answer every matching call with `output` (a copy each time, `RequestId` filled in). */
  resolves(output: MockOutput<C, A>): this;
  /** Answer the next matching call with `output`; queued in order, before `resolves`. */
  resolvesOnce(output: MockOutput<C, A>): this;
  /**
   * Reject with a `TencentCloudError` of `code` (service, version, action, RequestId set). With
   * the service's error map given to `mockClient`, `code` must be one the action lists.
   */
  rejects(code: ActionErrorCode<E, A>, message?: string): this;
  /**
   * Reject with this error as is, or with a `TencentCloudError` built from `init`, whose code
   * may be any string (the spec's lists are incomplete: a real code they leave out goes here).
   */
  rejects(error: Error | MockErrorInit<ActionErrorCode<E, A> | (string & {})>): this;
  rejectsOnce(code: ActionErrorCode<E, A>, message?: string): this;
  rejectsOnce(error: Error | MockErrorInit<ActionErrorCode<E, A> | (string & {})>): this;
  /** Answer with what `fn` returns (it may be async, and may throw). */
  callsFake(fn: MockFake<C, A>): this;
  callsFakeOnce(fn: MockFake<C, A>): this;
}

/** For actions with a stream method: answer stream calls with these events. */
export interface StreamBehavior<C, A extends string> {
  /** Every matching stream call gets an `EventStream` of these events. */
  resolvesStream(events: StreamSource<ActionEvent<C, A>>): this;
  resolvesStreamOnce(events: StreamSource<ActionEvent<C, A>>): this;
}

export type ActionBehavior<C, E, A extends string> = PlainBehavior<C, E, A> &
  ([ActionEvent<C, A>] extends [never] ? unknown : StreamBehavior<C, A>);

/** The handle `mockClient` returns. */
export interface ClientMock<C, E = Record<never, never>> {
  /**
   * The behaviours of `action` for calls whose input matches `matcher` (all calls without one).
   * A call uses the last-defined rule with a matcher that fits, else the last one without;
   * `on` with the same action and an equal matcher returns the same rule.
   */
  on<A extends ActionName<C>>(action: A, matcher?: InputMatcher<C, A>): ActionBehavior<C, E, A>;
  /** Inputs of the calls of `action`, in order (matched or not). */
  calls<A extends ActionName<C>>(action: A): readonly ActionInput<C, A>[];
  /** Every call, in order. */
  calls(): readonly MockCall<C>[];
  /** Forgets every behaviour and call; the client stays mocked. */
  reset(): void;
  /** Puts the original methods back; calls then go to the network again. */
  restore(): void;
}
