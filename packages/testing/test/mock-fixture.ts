/**
 * A hand-made service package in the generator's shape (this package cannot depend on the
 * generated ones: that cycle was broken on purpose). Names follow generator/src/ir/names.ts:
 * the method and the per-action function share the camel-cased action name, `Ready` becomes
 * `readyAction` (it would shadow core's `ready`), streams are `<method>Stream`.
 */
import {
  BaseServiceClient,
  type CallOptions,
  type ClientOptions,
  type CommonErrorCode,
  type EventStream,
  type Int64,
  ServiceClient,
  type ServiceInfo,
  type WithRequestId,
} from '@scope/core';

export const DEMO_SERVICE: ServiceInfo = {
  service: 'demo',
  version: '2020-01-01',
  packageName: '@scope/demo',
  packageVersion: '0.0.0',
};

export interface Filter {
  Name: string;
  Values: string[];
}
export interface DescribeThingsRequest {
  Filters?: Filter[];
  Limit?: Int64;
  Offset?: Int64;
}
export interface Thing {
  ThingId: string;
  Size: Int64;
  Tags: { Key: string; Value: string }[];
}
export interface DescribeThingsResponse {
  TotalCount: Int64;
  ThingSet: Thing[];
  RequestId: string;
}
export interface CreateThingRequest {
  Name: string;
  Password?: string;
}
export interface CreateThingResponse {
  ThingId: string;
  RequestId: string;
}
export interface ReadyRequest {
  ThingId: string;
}
export interface ReadyResponse {
  IsReady: boolean;
  RequestId: string;
}
export interface ChatRequest {
  Messages: { Role: string; Content: string }[];
  Stream?: boolean;
}
export interface ChatResponse {
  Choices: { Delta: { Content: string } }[];
  RequestId: string;
}
export type ChatEvent = Omit<ChatResponse, 'RequestId'>;

/** The per-service error map the generator emits (`CvmActionErrorCodes`). */
export interface DemoActionErrorCodes {
  DescribeThings: CommonErrorCode | 'InvalidFilter';
  CreateThing: CommonErrorCode | 'LimitExceeded.Things';
  Ready: CommonErrorCode | 'ResourceNotFound.Thing';
  Chat: CommonErrorCode;
}

// Per-action functions, as in a generated actions.ts / streaming.ts.
export function describeThings(
  client: BaseServiceClient,
  input: DescribeThingsRequest = {},
  options?: CallOptions,
): Promise<WithRequestId<DescribeThingsResponse>> {
  return client.request({ name: 'DescribeThings', readOnly: true }, input, options);
}
export function createThing(
  client: BaseServiceClient,
  input: CreateThingRequest,
  options?: CallOptions,
): Promise<WithRequestId<CreateThingResponse>> {
  return client.request({ name: 'CreateThing' }, input, options);
}
export function readyAction(
  client: BaseServiceClient,
  input: ReadyRequest,
  options?: CallOptions,
): Promise<WithRequestId<ReadyResponse>> {
  return client.request({ name: 'Ready', readOnly: true }, input, options);
}
export function chat(
  client: BaseServiceClient,
  input: ChatRequest & { Stream?: false },
  options?: CallOptions,
): Promise<WithRequestId<ChatResponse>> {
  return client.request({ name: 'Chat' }, input, options);
}
export function chatStream(
  client: ServiceClient,
  input: ChatRequest,
  options?: CallOptions,
): Promise<EventStream<ChatEvent>> {
  return client.requestStream({ name: 'Chat', sse: true }, { ...input, Stream: true }, options);
}

/** A client with a streaming action (extends ServiceClient, as hunyuan's does). */
export class DemoClient extends ServiceClient {
  constructor(options?: ClientOptions) {
    super(DEMO_SERVICE, options);
  }
  describeThings(
    input: DescribeThingsRequest = {},
    options?: CallOptions,
  ): Promise<WithRequestId<DescribeThingsResponse>> {
    return describeThings(this, input, options);
  }
  createThing(
    input: CreateThingRequest,
    options?: CallOptions,
  ): Promise<WithRequestId<CreateThingResponse>> {
    return createThing(this, input, options);
  }
  readyAction(input: ReadyRequest, options?: CallOptions): Promise<WithRequestId<ReadyResponse>> {
    return readyAction(this, input, options);
  }
  chat(
    input: ChatRequest & { Stream?: false },
    options?: CallOptions,
  ): Promise<WithRequestId<ChatResponse>> {
    return chat(this, input, options);
  }
  chatStream(input: ChatRequest, options?: CallOptions): Promise<EventStream<ChatEvent>> {
    return chatStream(this, input, options);
  }
  /** Not an action: a paginator (async iterable). */
  async *paginateDescribeThings(input: DescribeThingsRequest = {}): AsyncGenerator<Thing> {
    const page = await this.describeThings(input);
    yield* page.ThingSet;
  }
  /** Not an action: a waiter. */
  async waitUntilThingReady(input: ReadyRequest): Promise<WithRequestId<ReadyResponse>> {
    return this.readyAction(input);
  }
  /** Reaches the sending step without `request`, as a raw-response variant might. */
  async describeThingsDirect(input: DescribeThingsRequest): Promise<unknown> {
    const run = await this.attempt(this.prepare({ name: 'DescribeThings' }, input));
    return run.data;
  }
}

/** A client without streaming (extends BaseServiceClient, as cvm's does). */
export class PlainClient extends BaseServiceClient {
  constructor(options?: ClientOptions) {
    super(DEMO_SERVICE, options);
  }
  describeThings(
    input: DescribeThingsRequest = {},
    options?: CallOptions,
  ): Promise<WithRequestId<DescribeThingsResponse>> {
    return describeThings(this, input, options);
  }
}
