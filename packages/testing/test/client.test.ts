/**
 * Our runtime against the emulator. Until the generated @scope/cvm and @scope/hunyuan exist,
 * this drives core's ServiceClient directly with the facts a generated client would pass.
 */
import {
  getResponseMetadata,
  isTencentCloudError,
  NetworkError,
  ProtocolError,
  ServiceClient,
  type ServiceInfo,
  TimeoutError,
} from '@scope/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { CRED, repoSpecs } from './helpers.js';

const CVM: ServiceInfo = {
  service: 'cvm',
  version: '2017-03-12',
  packageName: '@scope/cvm',
  packageVersion: '0.0.0',
};
const HUNYUAN: ServiceInfo = {
  service: 'hunyuan',
  version: '2023-09-01',
  packageName: '@scope/hunyuan',
  packageVersion: '0.0.0',
};
const DESCRIBE_INSTANCES = { name: 'DescribeInstances', readOnly: true };

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ specs: [repoSpecs], credentials: [CRED] });
});
beforeEach(() => emu.reset());
afterAll(() => emu.close());

const client = (opts: Record<string, unknown> = {}) =>
  new ServiceClient(CVM, {
    endpoint: emu.url,
    region: 'ap-guangzhou',
    credentials: CRED,
    ...opts,
  });

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
}

describe('core ServiceClient against the emulator', () => {
  it('succeeds, with the RequestId and response metadata', async () => {
    emu.stub('DescribeInstances', { TotalCount: 1, InstanceSet: [{ InstanceId: 'ins-1' }] });
    const out = await client().request<{ TotalCount: number }>(DESCRIBE_INSTANCES, {
      Filters: [{ Name: 'zone', Values: ['ap-guangzhou-6'] }],
    });
    expect(out.TotalCount).toBe(1);
    expect(getResponseMetadata(out)?.requestId).toBe(out.RequestId);
    expect(emu.requests[0]).toMatchObject({ service: 'cvm', region: 'ap-guangzhou' });
  });

  it('succeeds with GET and the input flattened into the query string', async () => {
    const out = await client({ httpMethod: 'GET' }).request<{ InstanceSet: unknown[] }>(
      DESCRIBE_INSTANCES,
      { InstanceIds: ['ins-1', 'ins-2'], Limit: 2 },
    );
    expect(out.InstanceSet).toHaveLength(1);
    expect(emu.requests[0]?.body).toEqual({ InstanceIds: ['ins-1', 'ins-2'], Limit: 2 });
  });

  it('decodes int64 values beyond 2^53 exactly (bigInt64Samples)', async () => {
    const big = await startEmulator({
      specs: [repoSpecs],
      credentials: [CRED],
      bigInt64Samples: true,
    });
    try {
      const out = await new ServiceClient(CVM, { endpoint: big.url, credentials: CRED }).request<{
        TotalCount: bigint;
      }>(DESCRIBE_INSTANCES, {});
      expect(typeof out.TotalCount).toBe('bigint');
      expect(out.TotalCount).toBe(big.sample('cvm', 'DescribeInstances').TotalCount);
      expect(out.TotalCount > 2n ** 53n).toBe(true);
    } finally {
      await big.close();
    }
  });

  it('records int64 inputs beyond 2^53 exactly', async () => {
    const offset = 2n ** 62n + 1n; // beyond 2^53, within int64
    await client().request(DESCRIBE_INSTANCES, { Offset: offset, Limit: 1 });
    expect(emu.requestsFor('DescribeInstances')[0]?.body).toEqual({ Offset: offset, Limit: 1 });
  });

  it('surfaces a per-API error code as TencentCloudError', async () => {
    emu.fail('DescribeInstances', 'InvalidInstanceId.Malformed');
    const err = await rejection(client().request(DESCRIBE_INSTANCES, { InstanceIds: ['bad'] }));
    expect(isTencentCloudError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'InvalidInstanceId.Malformed', action: 'DescribeInstances' });
  });

  it('surfaces common errors: the emulator checks (UnknownParameter) and auth (SignatureFailure)', async () => {
    const unknown = await rejection(client().request(DESCRIBE_INSTANCES, { Colour: 'red' }));
    expect(unknown).toMatchObject({ code: 'UnknownParameter' });
    const wrongKey = client({ credentials: { secretId: CRED.secretId, secretKey: 'nope' } });
    const auth = await rejection(wrongKey.request(DESCRIBE_INSTANCES, {}));
    expect(auth).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });

  it('reports transport faults as non-API errors (one attempt)', async () => {
    const once = client({ maxAttempts: 1 });
    emu.fail('DescribeInstances', { gateway: 502 });
    expect(await rejection(once.request(DESCRIBE_INSTANCES, {}))).toBeInstanceOf(ProtocolError);
    emu.fail('DescribeInstances', { truncate: true });
    expect(await rejection(once.request(DESCRIBE_INSTANCES, {}))).toBeInstanceOf(ProtocolError);
    emu.fail('DescribeInstances', { drop: true });
    expect(await rejection(once.request(DESCRIBE_INSTANCES, {}))).toBeInstanceOf(NetworkError);
  });

  it('retries a read-only call after a 502 page and a dropped connection, then succeeds', async () => {
    emu.fail('DescribeInstances', { gateway: 502 }).fail('DescribeInstances', { drop: true });
    const out = await client({ retry: { baseDelayMs: 1 } }).request(DESCRIBE_INSTANCES, {});
    expect(getResponseMetadata(out)?.attempts).toBe(3);
    expect(emu.requests.map((r) => r.response?.kind)).toEqual(['gateway', 'dropped', 'ok']);
  });

  it('times out when the answer is delayed beyond timeoutMs', async () => {
    emu.fail('DescribeInstances', { delayMs: 2_000 });
    const err = await rejection(
      client({ timeoutMs: 100, maxAttempts: 1 }).request(DESCRIBE_INSTANCES, {}),
    );
    expect(err).toBeInstanceOf(TimeoutError);
    expect(isTencentCloudError(err)).toBe(false);
  });

  it('streams hunyuan ChatCompletions events, and reports a cut stream', async () => {
    const hunyuan = new ServiceClient(HUNYUAN, { endpoint: emu.url, credentials: CRED });
    const chat = { name: 'ChatCompletions', sse: true };
    const input = {
      Model: 'hunyuan-lite',
      Messages: [{ Role: 'user', Content: 'hi' }],
      Stream: true,
    };
    emu.stubStream('ChatCompletions', [
      { Choices: [{ Delta: { Content: 'Hel' } }] },
      { Choices: [{ Delta: { Content: 'lo' }, FinishReason: 'stop' }] },
    ]);
    const stream = await hunyuan.requestStream<{ Choices: { Delta: { Content: string } }[] }>(
      chat,
      input,
    );
    let text = '';
    for await (const ev of stream) text += ev.Choices[0]?.Delta.Content ?? '';
    expect(text).toBe('Hello');

    emu.stubStream('ChatCompletions', [{ Choices: [] }, { Choices: [] }, { Choices: [] }], {
      cutAfter: 1,
    });
    const cut = await hunyuan.requestStream(chat, input);
    const seen: unknown[] = [];
    const err = await (async () => {
      for await (const ev of cut) seen.push(ev);
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(seen).toHaveLength(1);
    expect(err).toBeInstanceOf(ProtocolError);

    emu.fail('ChatCompletions', 'FailedOperation.EngineServerError');
    expect(await rejection(hunyuan.requestStream(chat, input))).toMatchObject({
      code: 'FailedOperation.EngineServerError',
    });
  });
});
