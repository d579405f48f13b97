/**
 * smokeHarness: the helper generated smoke tests use. It runs the emulator on one service's
 * specs, points a client at it, and its expectAnswer passes on the default answer and throws
 * (node:assert) on a wrong RequestId, a different payload or another last-recorded action.
 */
import { AssertionError } from 'node:assert';
import { resolve } from 'node:path';
import { ServiceClient } from '@scope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smokeHarness, TEST_CREDENTIALS } from '../src/index.js';
import { repoSpecs } from './helpers.js';

const VERSION = '2023-09-01';
const smoke = smokeHarness({ service: 'hunyuan', specs: resolve(repoSpecs, 'hunyuan') });
beforeAll(() => smoke.start());
afterAll(() => smoke.stop());

function client() {
  return new ServiceClient(
    {
      service: 'hunyuan',
      version: VERSION,
      packageName: '@scope/hunyuan',
      packageVersion: '0.0.0',
    },
    smoke.options(),
  );
}

describe('smokeHarness', () => {
  const { input, answer, expectAnswer, streamOnce } = smoke.forVersion(VERSION);

  it('gives client options aimed at the emulator, with the default region and test credentials', () => {
    expect(smoke.options()).toEqual({
      endpoint: smoke.emulator.url,
      credentials: TEST_CREDENTIALS,
      region: 'ap-guangzhou',
    });
  });

  it("passes a real call's result and rejects wrong ones", async () => {
    const action = 'GetTokenCount';
    const out = await client().request<{ RequestId: string }>({ name: action }, input(action));
    expect(() => expectAnswer(action, out)).not.toThrow();
    expect(answer(action)).toEqual(smoke.emulator.sample('hunyuan', action, VERSION));

    const bad = { ...out, RequestId: 7 } as unknown as { RequestId: string };
    expect(() => expectAnswer(action, bad)).toThrow(AssertionError);
    const extra: { RequestId: string } = Object.assign({ Extra: 1 }, out);
    expect(() => expectAnswer(action, extra)).toThrow(/payload differs/);
    // The payload alone is not enough: the checked action must be the last one recorded.
    expect(() => expectAnswer('ChatCompletions', out)).toThrow(AssertionError);
  });

  it('stubs one streamed event equal to the default answer', async () => {
    const action = 'ChatCompletions';
    const event = streamOnce(action);
    expect(event).toEqual(answer(action));
    const stream = await client().requestStream({ name: action, sse: true }, input(action));
    const events: unknown[] = [];
    for await (const e of stream) events.push(e);
    expect(events).toEqual([event]);
  });

  it('refuses use before start and a second start, and stops idempotently', async () => {
    const other = smokeHarness({ service: 'hunyuan', specs: [resolve(repoSpecs, 'hunyuan')] });
    expect(() => other.options()).toThrow(/not started/);
    expect(() => other.forVersion(VERSION).input('ChatCompletions')).toThrow(/not started/);
    await other.start();
    await expect(other.start()).rejects.toThrow(/already started/);
    await other.stop();
    await other.stop();
    expect(() => other.emulator).toThrow(/not started/);
  });

  it('takes a region and credentials', async () => {
    const creds = { secretId: 'AKIDother', secretKey: 'other-key' };
    const h = smokeHarness({ service: 'x', specs: [], region: 'ap-beijing', credentials: creds });
    await h.start();
    try {
      expect(h.options()).toMatchObject({ region: 'ap-beijing', credentials: creds });
    } finally {
      await h.stop();
    }
  });
});
