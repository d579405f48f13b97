/**
 * Compile-time contract of mockClient, checked by `pnpm typecheck` (tsc over test/): the
 * `@ts-expect-error` lines must stay errors. Nothing is called: the mocks are restored at once.
 */
import type { EventStream } from '@scope/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type ActionInput,
  type ActionName,
  type ActionOfMethod,
  type ActionOutput,
  type ClientMock,
  type MockCall,
  mockClient,
} from '../src/index.js';
import {
  type ChatEvent,
  type ChatRequest,
  type CreateThingRequest,
  type DemoActionErrorCodes,
  DemoClient,
  type DescribeThingsRequest,
  type DescribeThingsResponse,
  type PlainClient,
} from './mock-fixture.js';

describe('mockClient types', () => {
  it('maps method names to action names as the generator names them', () => {
    expectTypeOf<ActionOfMethod<'describeInstances'>>().toEqualTypeOf<'DescribeInstances'>();
    expectTypeOf<ActionOfMethod<'readyAction'>>().toEqualTypeOf<'Ready'>();
    expectTypeOf<ActionOfMethod<'deleteAction'>>().toEqualTypeOf<'Delete'>();
    // An action whose own name ends in Action keeps it (autoscaling CreateScheduledAction).
    expectTypeOf<
      ActionOfMethod<'createScheduledAction'>
    >().toEqualTypeOf<'CreateScheduledAction'>();
    expectTypeOf<ActionOfMethod<'describeThings_'>>().toEqualTypeOf<'DescribeThings'>();
  });

  it('lists the actions of a client class: not paginators, waiters, streams or core members', () => {
    expectTypeOf<ActionName<DemoClient>>().toEqualTypeOf<
      'DescribeThings' | 'CreateThing' | 'Ready' | 'Chat'
    >();
    expectTypeOf<ActionName<PlainClient>>().toEqualTypeOf<'DescribeThings'>();
    expectTypeOf<
      ActionInput<DemoClient, 'DescribeThings'>
    >().toEqualTypeOf<DescribeThingsRequest>();
    expectTypeOf<
      ActionOutput<DemoClient, 'DescribeThings'>
    >().toMatchTypeOf<DescribeThingsResponse>();
    // The plain method's input and the stream method's.
    expectTypeOf<ActionInput<DemoClient, 'Chat'>>().toMatchTypeOf<ChatRequest>();
  });

  it('type-checks behaviours against the models', () => {
    const m = mockClient(DemoClient);
    expectTypeOf(m).toEqualTypeOf<ClientMock<DemoClient, Record<never, never>>>();
    // Outputs may leave members out, at any depth; RequestId is optional.
    m.on('DescribeThings').resolves({ ThingSet: [{ ThingId: 'thing-1' }] });
    m.on('DescribeThings').resolves({ TotalCount: 2n, RequestId: 'r-1' });
    m.on('DescribeThings', { Filters: [{ Name: 'zone' }] }).resolvesOnce({ TotalCount: 0 });
    m.on('DescribeThings', (input) => input.Limit === 10).resolves({});
    m.on<'CreateThing'>('CreateThing', { Name: 'a' }).resolves({ ThingId: 'thing-2' });
    m.on('Ready').resolves({ IsReady: true });
    m.on('Chat').resolvesStream([{ Choices: [{ Delta: { Content: 'hi' } }] }]);
    m.on('CreateThing').callsFake((input, call) => {
      expectTypeOf(input).toEqualTypeOf<CreateThingRequest>();
      expectTypeOf(call.client).toEqualTypeOf<DemoClient>();
      return { ThingId: `id-${input.Name}` };
    });
    // Any code without the service's error map.
    m.on('DescribeThings').rejects('Some.Code.NotListed', 'message');

    // @ts-expect-error an action the client does not have
    m.on('DescribeThing');
    // @ts-expect-error the per-action method name is not the action name
    m.on('describeThings');
    // @ts-expect-error a wrong member type in the output
    m.on('DescribeThings').resolves({ ThingSet: [{ ThingId: 1 }] });
    // @ts-expect-error a member the output does not have
    m.on('DescribeThings').resolves({ Things: [] });
    // @ts-expect-error a wrong member type in the matcher
    m.on('DescribeThings', { Limit: 'ten' });
    // @ts-expect-error a member the input does not have
    m.on('CreateThing', { Nmae: 'a' });
    // @ts-expect-error no stream method, so no stream answers
    m.on('DescribeThings').resolvesStream([]);
    // @ts-expect-error events are checked too
    m.on('Chat').resolvesStream([{ Choices: 'hi' }]);
    // @ts-expect-error a fake returns the output type
    m.on('CreateThing').callsFake(() => ({ ThingId: 42 }));
    m.restore();
  });

  it('types error codes with the service error map', () => {
    const m = mockClient<DemoClient, DemoActionErrorCodes>(DemoClient);
    m.on('DescribeThings').rejects('InvalidFilter');
    m.on('DescribeThings').rejects('RequestLimitExceeded'); // a common code
    m.on('CreateThing').rejectsOnce({ code: 'LimitExceeded.Things', message: 'no more' });
    m.on('Ready').rejects(new Error('as is'));
    // @ts-expect-error a code of another action
    m.on('DescribeThings').rejects('LimitExceeded.Things');
    // @ts-expect-error not a code of the action
    m.on('Ready').rejectsOnce('InvalidFilter', 'message');
    // The object form takes any code: the lists of the spec are incomplete.
    m.on('Ready').rejects({ code: 'ResourceUnavailable.NotListed' });
    m.restore();
  });

  it('types recorded calls', () => {
    const m = mockClient(new DemoClient({ region: 'ap-guangzhou' }));
    expectTypeOf(m).toEqualTypeOf<ClientMock<DemoClient, Record<never, never>>>();
    expectTypeOf(m.calls('DescribeThings')).toEqualTypeOf<readonly DescribeThingsRequest[]>();
    expectTypeOf(m.calls()).toEqualTypeOf<readonly MockCall<DemoClient>[]>();
    // @ts-expect-error not an action
    m.calls('Nope');
    m.restore();
  });

  it('leaves the client methods typed as before', () => {
    expectTypeOf<ReturnType<DemoClient['chatStream']>>().toEqualTypeOf<
      Promise<EventStream<ChatEvent>>
    >();
    expect(() =>
      // @ts-expect-error mockClient takes a client class or instance
      mockClient(Map),
    ).toThrow(/expected a client class/);
  });
});
