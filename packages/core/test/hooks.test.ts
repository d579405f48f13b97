import { describe, expect, it } from 'vitest';
import { createObserver, type Logger } from '../src/call/hooks.js';
import { registerSecret } from '../src/protocol/redact.js';

const base = {
  service: 'cvm',
  version: '2017-03-12',
  action: 'DescribeInstances',
  attempt: 1,
  maxAttempts: 3,
  callStartedAt: 0,
};

function recordingLogger() {
  const lines: string[] = [];
  const rec = (level: string) => (msg: string, d?: object) => {
    lines.push(`${level} ${msg} ${JSON.stringify(d)}`);
  };
  const logger: Logger = { debug: rec('debug'), info: rec('info'), warn: rec('warn') };
  return { lines, logger };
}

describe('observer', () => {
  it('is a shared no-op without logger and hooks', () => {
    expect(createObserver().active).toBe(false);
  });

  it('passes redacted, frozen events to hooks and logs with the action and attempt', async () => {
    const seen: unknown[] = [];
    const { lines, logger } = recordingLogger();
    const obs = createObserver(logger, {
      beforeRequest: (e) => {
        seen.push(e);
      },
      afterResponse: (e) => {
        seen.push(e);
      },
      onError: (e) => {
        seen.push(e);
      },
    });
    const headers = { Authorization: 'TC3-HMAC-SHA256 Signature=feedface', 'X-TC-Token': 'tok' };
    await obs.beforeRequest({
      ...base,
      method: 'POST',
      url: 'https://cvm.tencentcloudapi.com/',
      headers,
    });
    await obs.afterResponse({
      ...base,
      httpStatus: 200,
      headers: {},
      requestId: 'r-1',
      durationMs: 5,
    });
    await obs.onError({
      ...base,
      error: new Error('x'),
      durationMs: 5,
      willRetry: true,
      retryDelayMs: 100,
    });
    expect(seen).toHaveLength(3);
    expect(Object.isFrozen(seen[0])).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('feedface');
    expect(JSON.stringify(seen)).not.toContain('"tok"');
    expect(lines[0]).toMatch(/^debug cvm:DescribeInstances attempt 1\/3 -> POST/);
    expect(lines[2]).toMatch(/^warn .*retrying in 100 ms/);
    expect(lines.join('\n')).not.toContain('feedface');
  });

  it('reports a throwing hook to logger.warn and keeps going', async () => {
    const secret = 'hook-secret-abcdef123';
    registerSecret(secret);
    const { lines, logger } = recordingLogger();
    const obs = createObserver(logger, {
      afterResponse: () => {
        throw new Error(`bad hook ${secret}`);
      },
    });
    await expect(
      obs.afterResponse({ ...base, httpStatus: 200, headers: {}, durationMs: 1 }),
    ).resolves.toBeUndefined();
    expect(lines.at(-1)).toMatch(/^warn hook afterResponse threw/);
    expect(lines.join('\n')).not.toContain(secret);
  });
});
