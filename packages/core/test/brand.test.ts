import { describe, expect, it, vi } from 'vitest';
import * as first from '../src/errors/index.js';

// A second, separately evaluated copy of the error modules, as when two versions of core are
// installed side by side (resetModules makes the next import evaluate every module again).
async function secondCopy(): Promise<typeof first> {
  vi.resetModules();
  return await import('../src/errors/index.js');
}

describe('instanceof across two copies of core', () => {
  it('loads distinct classes', async () => {
    const second = await secondCopy();
    expect(second.TencentCloudError).not.toBe(first.TencentCloudError);
  });

  it('recognises errors created by the other copy', async () => {
    const second = await secondCopy();
    const fromSecond = new second.TencentCloudError({ code: 'InternalError', message: 'x' });
    expect(fromSecond instanceof first.TencentCloudError).toBe(true);
    expect(fromSecond instanceof first.SdkError).toBe(true);
    expect(fromSecond instanceof first.NetworkError).toBe(false);
    expect(first.isTencentCloudError(fromSecond)).toBe(true);

    const net = new first.NetworkError('reset', { sent: false });
    expect(net instanceof second.NetworkError).toBe(true);
    expect(net instanceof second.SdkError).toBe(true);
    expect(net instanceof second.TencentCloudError).toBe(false);
    expect(second.isTencentCloudError(net)).toBe(false);
    expect({} instanceof second.SdkError).toBe(false);
  });

  it('keeps normal instanceof for user subclasses', () => {
    class MyError extends first.TencentCloudError {}
    const mine = new MyError({ code: 'X', message: 'y' });
    expect(mine).toBeInstanceOf(MyError);
    expect(mine).toBeInstanceOf(first.TencentCloudError);
    expect(new first.TencentCloudError({ code: 'X', message: 'y' }) instanceof MyError).toBe(false);
  });
});
