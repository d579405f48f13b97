/**
 * mockClient at run time. Every client points at a local server that counts requests: a mocked
 * call must leave the count at 0, and the same call after restore() reaches it (so the count
 * would catch a mock that let a call through).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BaseServiceClient,
  ConfigurationError,
  describeCommonError,
  EventStream,
  getResponseMetadata,
  isTencentCloudError,
  SdkError,
  TencentCloudError,
} from '@scope/core';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MockCallError, mockClient } from '../src/index.js';
import {
  type ChatEvent,
  chatStream,
  createThing,
  type DemoActionErrorCodes,
  DemoClient,
  describeThings,
  PlainClient,
} from './mock-fixture.js';

let server: Server;
let endpoint = '';
let received = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    received++;
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ Response: { TotalCount: 0, ThingSet: [], RequestId: 'from-server' } }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  received = 0;
});

const CREDS = { secretId: 'AKIDtest', secretKey: 'test-key' };
const demo = () =>
  new DemoClient({ endpoint, credentials: CREDS, region: 'ap-guangzhou', maxAttempts: 1 });

// Every test restores what it mocked, also when it fails.
const mocks: { restore(): void }[] = [];
function track<T extends { restore(): void }>(m: T): T {
  mocks.push(m);
  return m;
}
afterEach(() => {
  for (const m of mocks.splice(0)) m.restore();
});

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
}

describe('mockClient(Class)', () => {
  it('answers methods and per-action functions of every instance, existing ones included, without a request', async () => {
    const before = demo();
    const m = track(mockClient(DemoClient));
    m.on('DescribeThings').resolves({ TotalCount: 1, ThingSet: [{ ThingId: 'thing-1' }] });

    const viaMethod = await before.describeThings({ Limit: 10 });
    const viaFunction = await describeThings(demo(), { Offset: 5 });
    expect(viaMethod).toEqual({
      TotalCount: 1,
      ThingSet: [{ ThingId: 'thing-1' }],
      RequestId: 'mock-request-1',
    });
    expect(viaFunction.RequestId).toBe('mock-request-2');
    expect(getResponseMetadata(viaFunction)).toMatchObject({
      requestId: 'mock-request-2',
      httpStatus: 200,
      attempts: 1,
    });
    expect(m.calls('DescribeThings')).toEqual([{ Limit: 10 }, { Offset: 5 }]);
    expect(received).toBe(0);

    m.restore();
    expect((await before.describeThings({})).RequestId).toBe('from-server');
    expect(received).toBe(1);
  });

  it('gives each call its own copy of the output, and keeps a RequestId that is given', async () => {
    const m = track(mockClient(DemoClient));
    m.on('DescribeThings').resolves({ ThingSet: [{ ThingId: 'a' }], RequestId: 'fixed' });
    const c = demo();
    const first = await c.describeThings();
    first.ThingSet.push({ ThingId: 'b', Size: 1, Tags: [] });
    const second = await c.describeThings();
    expect(second).toEqual({ ThingSet: [{ ThingId: 'a' }], RequestId: 'fixed' });
    expect(getResponseMetadata(second)?.requestId).toBe('fixed');
  });

  it('restore() puts the original methods back (nothing left on the prototype)', () => {
    const own = Object.getOwnPropertyNames(DemoClient.prototype);
    const request = BaseServiceClient.prototype.request;
    const m = mockClient(DemoClient);
    expect(Object.hasOwn(DemoClient.prototype, 'request')).toBe(true);
    m.restore();
    m.restore(); // twice is harmless
    expect(Object.getOwnPropertyNames(DemoClient.prototype)).toEqual(own);
    expect(DemoClient.prototype.request).toBe(request);
  });

  it('adds no requestStream to a client class without streaming', () => {
    const m = track(mockClient(PlainClient));
    expect('requestStream' in PlainClient.prototype).toBe(false);
    m.restore();
    expect(Object.hasOwn(PlainClient.prototype, 'request')).toBe(false);
  });

  it('mocking the same class again returns the same mock, reset', async () => {
    const m1 = track(mockClient(DemoClient));
    m1.on('DescribeThings').resolves({ TotalCount: 1 });
    await demo().describeThings();
    const m2 = mockClient(DemoClient);
    expect(m2).toBe(m1);
    expect(m2.calls()).toEqual([]);
    expect(await rejection(demo().describeThings())).toBeInstanceOf(MockCallError);
  });

  it('answers a call that reaches the sending step without request() (attempt)', async () => {
    const m = track(mockClient(DemoClient));
    m.on('DescribeThings', { Limit: 3 }).resolves({ TotalCount: 3 });
    expect(await demo().describeThingsDirect({ Limit: 3 })).toMatchObject({ TotalCount: 3 });
    expect(m.calls('DescribeThings')).toEqual([{ Limit: 3 }]);
    expect(received).toBe(0);
  });
});

describe('mockClient(instance)', () => {
  it('mocks that instance only', async () => {
    const mocked = demo();
    const other = demo();
    const m = track(mockClient(mocked));
    m.on('DescribeThings').resolves({ TotalCount: 7 });
    expect((await mocked.describeThings()).TotalCount).toBe(7);
    expect((await describeThings(mocked)).TotalCount).toBe(7);
    expect(received).toBe(0);
    expect((await other.describeThings()).RequestId).toBe('from-server');
    expect(received).toBe(1);
    m.restore();
    expect(Object.hasOwn(mocked, 'request')).toBe(false);
  });

  it('an instance mock wins over a class mock; calls() tells the instances apart', async () => {
    const a = demo();
    const b = demo();
    const cls = track(mockClient(DemoClient));
    const inst = track(mockClient(a));
    cls.on('DescribeThings').resolves({ TotalCount: 1 });
    inst.on('DescribeThings').resolves({ TotalCount: 2 });
    expect((await a.describeThings()).TotalCount).toBe(2);
    expect((await b.describeThings()).TotalCount).toBe(1);
    expect(cls.calls().map((c) => c.client)).toEqual([b]);
    expect(inst.calls().map((c) => c.client)).toEqual([a]);
  });
});

describe('matching', () => {
  it('a rule with a matching partial input wins over the catch-all, whatever the order', async () => {
    const m = track(mockClient(DemoClient));
    m.on('DescribeThings', { Filters: [{ Name: 'zone', Values: ['ap-guangzhou-3'] }] }).resolves({
      TotalCount: 3,
    });
    m.on('DescribeThings').resolves({ TotalCount: 0 });
    m.on('DescribeThings', (input) => input.Limit === 100).resolves({ TotalCount: 100 });
    const c = demo();
    const zone = { Filters: [{ Name: 'zone', Values: ['ap-guangzhou-3'] }], Limit: 20 };
    expect((await c.describeThings(zone)).TotalCount).toBe(3);
    expect((await c.describeThings({ Limit: 100 })).TotalCount).toBe(100);
    expect((await c.describeThings({ Limit: 20 })).TotalCount).toBe(0);
    // Arrays match element by element with the same length.
    const twoValues = { Filters: [{ Name: 'zone', Values: ['ap-guangzhou-3', 'x'] }] };
    expect((await c.describeThings(twoValues)).TotalCount).toBe(0);
  });

  it('on() with the same action and an equal matcher returns the same rule', async () => {
    const m = track(mockClient(DemoClient));
    const r1 = m.on('DescribeThings', { Limit: 1 });
    const r2 = m.on('DescribeThings', { Limit: 1 });
    expect(r2).toBe(r1);
    r1.resolvesOnce({ TotalCount: 1 });
    r2.resolvesOnce({ TotalCount: 2 });
    const c = demo();
    expect((await c.describeThings({ Limit: 1 })).TotalCount).toBe(1);
    expect((await c.describeThings({ Limit: 1 })).TotalCount).toBe(2);
  });

  it('matches any input against any part of itself (property)', async () => {
    const m = track(mockClient(DemoClient));
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const input = fc.dictionary(
      fc.string({ minLength: 1 }).filter((k) => k !== '__proto__'),
      fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.dictionary(fc.string(), value)),
    );
    await fc.assert(
      fc.asyncProperty(input, fc.infiniteStream(fc.boolean()), async (inp, keep) => {
        m.reset();
        const part = Object.fromEntries(Object.entries(inp).filter(() => keep.next().value));
        m.on('CreateThing', part as never).resolves({ ThingId: 'matched' });
        m.on('CreateThing').resolves({ ThingId: 'fallback' });
        const got = await demo().createThing(inp as never);
        expect(got.ThingId).toBe('matched');
        // Changing one given member breaks the match.
        const key = Object.keys(part)[0];
        if (key !== undefined) {
          const changed = { ...inp, [key]: [part[key], 'changed'] };
          expect((await demo().createThing(changed as never)).ThingId).toBe('fallback');
        }
      }),
      { numRuns: 60 },
    );
    expect(received).toBe(0);
  });

  it('action names match whatever their case (acronym actions: IDCardOCR and IdCardOCR)', async () => {
    const m = track(mockClient(DemoClient));
    m.on('DescribeThings').resolves({ TotalCount: 1 });
    const c = demo();
    await c.request({ name: 'DESCRIBETHINGS' }, {});
    expect(m.calls('DescribeThings')).toEqual([{}]);
    expect(m.calls()[0]?.action).toBe('DESCRIBETHINGS');
  });
});

describe('answers', () => {
  it('Once answers come first, in order, then the lasting one', async () => {
    const m = track(mockClient(DemoClient));
    m.on('DescribeThings')
      .resolvesOnce({ TotalCount: 1 })
      .rejectsOnce('RequestLimitExceeded')
      .resolves({ TotalCount: 9 });
    const c = demo();
    expect((await c.describeThings()).TotalCount).toBe(1);
    expect(await rejection(c.describeThings())).toMatchObject({ code: 'RequestLimitExceeded' });
    expect((await c.describeThings()).TotalCount).toBe(9);
    expect((await c.describeThings()).TotalCount).toBe(9);
  });

  it('used-up Once answers fall through to other rules, then fail loudly', async () => {
    const m = track(mockClient(DemoClient));
    m.on('DescribeThings', { Limit: 1 }).resolvesOnce({ TotalCount: 1 });
    const c = demo();
    await c.describeThings({ Limit: 1 });
    const err = await rejection(c.describeThings({ Limit: 1 }));
    expect(err).toBeInstanceOf(MockCallError);
    expect((err as Error).message).toContain('used up');
    m.on('DescribeThings').resolves({ TotalCount: 5 });
    expect((await c.describeThings({ Limit: 1 })).TotalCount).toBe(5);
  });

  it('rejects(code) gives a real TencentCloudError of the service, version, action and a RequestId', async () => {
    const m = track(mockClient<DemoClient, DemoActionErrorCodes>(DemoClient));
    m.on('CreateThing').rejects('LimitExceeded.Things', 'You have too many things.');
    m.on('DescribeThings').rejects('InternalError');
    const c = demo();
    const err = await rejection(createThing(c, { Name: 'x' }));
    expect(err).toBeInstanceOf(TencentCloudError);
    expect(isTencentCloudError(err)).toBe(true);
    expect(err).toMatchObject({
      code: 'LimitExceeded.Things',
      message: 'You have too many things.',
      service: 'demo',
      version: '2020-01-01',
      action: 'CreateThing',
      requestId: 'mock-request-1',
      httpStatus: 200,
      category: 'client',
      retryable: false,
    });
    const common = (await rejection(c.describeThings())) as TencentCloudError;
    expect(common.is('InternalError')).toBe(true);
    expect(common.category).toBe('server');
    expect(common.message).not.toBe('');
    expect(received).toBe(0);
  });

  it('rejects({ code, ... }) sets what a real error carries; rejects(error) throws it as is', async () => {
    const m = track(mockClient(DemoClient));
    m.on('Ready').rejectsOnce({
      code: 'ResourceNotFound.Thing',
      requestId: 'req-9',
      traceId: 'trace-9',
      httpStatus: 404,
    });
    const mine = new Error('socket hang up');
    m.on('Ready').rejects(mine);
    const c = demo();
    expect(await rejection(c.readyAction({ ThingId: 't' }))).toMatchObject({
      code: 'ResourceNotFound.Thing',
      // The common registry's words for the nearest common ancestor (ResourceNotFound).
      message: describeCommonError('ResourceNotFound'),
      requestId: 'req-9',
      traceId: 'trace-9',
      httpStatus: 404,
      action: 'Ready',
    });
    expect(await rejection(c.readyAction({ ThingId: 't' }))).toBe(mine);
  });

  it('callsFake gets the input and the call, may be async, and its throw is the rejection', async () => {
    const m = track(mockClient(DemoClient));
    const c = demo();
    m.on('CreateThing', { Name: 'boom' }).callsFake(() => {
      throw new TencentCloudError({ code: 'FailedOperation', message: 'no' });
    });
    m.on('CreateThing').callsFake(async (input, call) => {
      expect(call).toMatchObject({ action: 'CreateThing', stream: false, client: c });
      expect(call.options).toEqual({ timeoutMs: 5 });
      return { ThingId: `thing-${input.Name}` };
    });
    expect(await c.createThing({ Name: 'a' }, { timeoutMs: 5 })).toEqual({
      ThingId: 'thing-a',
      RequestId: 'mock-request-1',
    });
    expect(await rejection(c.createThing({ Name: 'boom' }))).toMatchObject({
      code: 'FailedOperation',
    });
  });

  it('a code with no common ancestor gets a message that says it is mocked', async () => {
    const m = track(mockClient(DemoClient));
    m.on('CreateThing').rejects('ThingIsBusy');
    expect(await rejection(demo().createThing({ Name: 'a' }))).toMatchObject({
      message: 'Mocked error ThingIsBusy',
    });
  });

  it('a fake that returns nothing is a MockCallError, not an undefined result', async () => {
    const m = track(mockClient(DemoClient));
    m.on('CreateThing').callsFake((() => undefined) as never);
    const err = await rejection(demo().createThing({ Name: 'a' }));
    expect(err).toBeInstanceOf(MockCallError);
    expect((err as Error).message).toContain('callsFake function returned undefined');
  });

  it('the renamed action Ready (method readyAction) is mocked by its action name', async () => {
    const m = track(mockClient(DemoClient));
    m.on('Ready', { ThingId: 't-1' }).resolves({ IsReady: true });
    expect((await demo().readyAction({ ThingId: 't-1' })).IsReady).toBe(true);
    expect(m.calls('Ready')).toEqual([{ ThingId: 't-1' }]);
  });
});

describe('calls, reset', () => {
  it('records every call in order, with a copy of its input, matched or not', async () => {
    const m = track(mockClient(DemoClient));
    m.on('DescribeThings').resolves({});
    const c = demo();
    const input = { Limit: 1 };
    await c.describeThings(input);
    input.Limit = 2; // later changes do not rewrite the record
    await rejection(c.createThing({ Name: 'n' }));
    await c.describeThings(input);
    expect(m.calls('DescribeThings')).toEqual([{ Limit: 1 }, { Limit: 2 }]);
    expect(m.calls('CreateThing')).toEqual([{ Name: 'n' }]);
    expect(m.calls().map((x) => [x.action, x.stream])).toEqual([
      ['DescribeThings', false],
      ['CreateThing', false],
      ['DescribeThings', false],
    ]);
  });

  it('reset() forgets answers and calls; the client stays mocked', async () => {
    const m = track(mockClient(DemoClient));
    m.on('DescribeThings').resolves({ TotalCount: 1 });
    const c = demo();
    await c.describeThings();
    m.reset();
    expect(m.calls()).toEqual([]);
    const err = await rejection(c.describeThings());
    expect(err).toBeInstanceOf(MockCallError);
    expect(m.calls('DescribeThings')).toEqual([{}]);
    expect(received).toBe(0);
  });
});

describe('unmatched calls', () => {
  it('fail with a MockCallError (not an SdkError) naming the action, the redacted input and the rules', async () => {
    const m = track(mockClient(DemoClient));
    m.on('CreateThing', { Name: 'expected' }).resolves({ ThingId: 'x' });
    m.on('DescribeThings').resolves({});
    const err = await rejection(demo().createThing({ Name: 'other', Password: 'hunter2-secret' }));
    expect(err).toBeInstanceOf(MockCallError);
    expect(err).not.toBeInstanceOf(SdkError);
    const msg = (err as Error).message;
    expect(msg).toContain('mockClient(DemoClient): demo CreateThing has no answer');
    expect(msg).toContain("Name: 'other'");
    expect(msg).not.toContain('hunter2-secret');
    expect(msg).toContain("on('CreateThing', { Name: 'expected' }) -> resolves");
    expect(msg).toContain('Mocked actions: CreateThing, DescribeThings');
    expect(err).toMatchObject({ action: 'CreateThing', stream: false });
    expect(JSON.stringify((err as MockCallError).input)).not.toContain('hunter2-secret');
    expect(received).toBe(0);
  });

  it('say how to add a rule when the action has none', async () => {
    track(mockClient(DemoClient));
    const err = (await rejection(demo().readyAction({ ThingId: 't' }))) as Error;
    expect(err.message).toContain("No rule is set for it: add m.on('Ready').resolves(...)");
    expect(err.message).toContain('Mocked actions: none');
    const stream = (await rejection(demo().chatStream({ Messages: [] }))) as Error;
    expect(stream.message).toContain('demo Chat (stream call) has no answer');
    expect(stream.message).toContain("add m.on('Chat').resolvesStream(...)");
  });

  it('a mock that is set up wrongly says so at once (ConfigurationError)', () => {
    expect(() => mockClient({} as never)).toThrow(ConfigurationError);
    expect(() => mockClient(Map as never)).toThrow(/expected a client class/);
    const m = track(mockClient(DemoClient));
    expect(() => m.on('' as never)).toThrow(ConfigurationError);
    expect(() => m.on('DescribeThings', 'Limit' as never)).toThrow(/partial input object/);
    expect(() => m.on('DescribeThings').resolves(42 as never)).toThrow(/must be an object/);
    expect(() => m.on('DescribeThings').rejects(42 as never)).toThrow(/give an error code/);
    expect(() => m.on('DescribeThings').callsFake({} as never)).toThrow(/expected a function/);
    expect(() => m.on('Chat').resolvesStream(5 as never)).toThrow(/array or an \(async\) iterable/);
    m.restore();
    expect(() => m.on('DescribeThings')).toThrow(/was restored/);
  });
});

describe('streams', () => {
  const question = { Messages: [{ Role: 'user', Content: 'hi' }] };
  const ev = (s: string): ChatEvent => ({ Choices: [{ Delta: { Content: s } }] });
  async function collect(stream: AsyncIterable<ChatEvent>): Promise<string[]> {
    const out: string[] = [];
    for await (const e of stream) out.push(e.Choices[0]?.Delta.Content ?? '');
    return out;
  }

  it('resolvesStream gives a real EventStream of the events, on every call', async () => {
    const m = track(mockClient(DemoClient));
    m.on('Chat').resolvesStream([ev('Hel'), ev('lo')]);
    const c = demo();
    const s1 = await c.chatStream(question);
    expect(s1).toBeInstanceOf(EventStream);
    expect(s1.requestId).toBe('mock-request-1');
    expect(await collect(s1)).toEqual(['Hel', 'lo']);
    expect(await collect(await chatStream(c, question))).toEqual(['Hel', 'lo']);
    expect(m.calls('Chat')).toEqual([
      { ...question, Stream: true },
      { ...question, Stream: true },
    ]);
    expect(m.calls().every((x) => x.stream)).toBe(true);
    expect(received).toBe(0);
  });

  it('an async generator source is closed when the loop stops early or abort() is called', async () => {
    const m = track(mockClient(DemoClient));
    let closed = 0;
    m.on('Chat').callsFake(async function* () {
      try {
        yield ev('a');
        yield ev('b');
        yield ev('c');
      } finally {
        closed++;
      }
    });
    const c = demo();
    for await (const e of await c.chatStream(question)) {
      expect(e).toEqual(ev('a'));
      break;
    }
    // Core closes the body without waiting; the generator's finally runs a few ticks later.
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(1);
    const s = await c.chatStream(question);
    const it = s[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual(ev('a'));
    s.abort();
    expect((await it.next()).done).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(2);
  });

  it('an error envelope as an event throws a TencentCloudError, as from a real stream', async () => {
    const m = track(mockClient(DemoClient));
    m.on('Chat').resolvesStream([
      ev('x'),
      { Response: { Error: { Code: 'InternalError', Message: 'mid-stream' }, RequestId: 'r' } },
    ] as never);
    const err = await rejection(collect(await demo().chatStream(question)));
    expect(err).toMatchObject({ code: 'InternalError', service: 'demo', action: 'Chat' });
  });

  it('rejects() answers a stream call by rejecting it', async () => {
    const m = track(mockClient(DemoClient));
    m.on('Chat').rejects('RequestLimitExceeded');
    expect(await rejection(demo().chatStream(question))).toMatchObject({
      code: 'RequestLimitExceeded',
      action: 'Chat',
    });
  });

  it('an answer of the wrong kind is a MockCallError that says which to use', async () => {
    const m = track(mockClient(DemoClient));
    const c = demo();
    m.on('Chat').resolves({ Choices: [] });
    const asStream = (await rejection(c.chatStream(question))) as Error;
    expect(asStream).toBeInstanceOf(MockCallError);
    expect(asStream.message).toContain('use resolvesStream(events)');
    m.reset();
    m.on('Chat').resolvesStream([]);
    const asPlain = (await rejection(c.chat(question))) as Error;
    expect(asPlain).toBeInstanceOf(MockCallError);
    expect(asPlain.message).toContain('use resolves(output)');
  });
});
