/**
 * Hand-written (the generator never touches test/ files other than smoke.test.ts): @scope/hunyuan
 * streams ChatCompletions events from the local emulator.
 */
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator, TEST_CREDENTIALS } from '@scope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HunyuanClient } from '../src/index.js';

const SPECS = fileURLToPath(new URL('../../../specs/hunyuan', import.meta.url));

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ specs: [SPECS], credentials: [TEST_CREDENTIALS] });
});
afterAll(() => emu.close());

describe('@scope/hunyuan streaming against the emulator', () => {
  it('streams ChatCompletions events', async () => {
    const hunyuan = new HunyuanClient({ endpoint: emu.url, credentials: TEST_CREDENTIALS });
    emu.stubStream('ChatCompletions', (input) => {
      const words = String((input.Messages as { Content: string }[])[0]?.Content).split(' ');
      return words.map((w) => ({ Choices: [{ Delta: { Role: 'assistant', Content: w } }] }));
    });
    const stream = await hunyuan.chatCompletionsStream({
      Model: 'hunyuan-lite',
      Messages: [{ Role: 'user', Content: 'one two three' }],
      Stream: true,
    });
    const words: string[] = [];
    for await (const ev of stream) words.push(ev.Choices?.[0]?.Delta?.Content ?? '');
    expect(words).toEqual(['one', 'two', 'three']);
  });
});
