import { describe, expect, it } from 'vitest';
import { shouldRetry } from '../src/call/retry.js';
import { TencentCloudError } from '../src/errors/index.js';
import { dryRun, isDryRunSuccess } from '../src/helpers/dry-run.js';
import { attachMetadata } from '../src/protocol/metadata.js';

const apiError = (code: string) => new TencentCloudError({ code, message: code, requestId: 'r-1' });

describe('DryRun', () => {
  it('recognises DryRunOperation as a typed, non-retried dryRun error', () => {
    const err: unknown = apiError('DryRunOperation');
    expect(isDryRunSuccess(err)).toBe(true);
    if (isDryRunSuccess(err)) {
      const code: 'DryRunOperation' = err.code;
      expect(code).toBe('DryRunOperation');
      expect(err.category).toBe('dryRun');
    }
    expect(shouldRetry(err, { readOnly: true, idempotent: true })).toBe(false);
    expect(isDryRunSuccess(apiError('UnauthorizedOperation'))).toBe(false);
    expect(isDryRunSuccess(new Error('DryRunOperation'))).toBe(false);
  });

  it('dryRun() resolves on DryRunOperation and rethrows anything else', async () => {
    await expect(dryRun(Promise.reject(apiError('DryRunOperation')))).resolves.toEqual({
      wouldSucceed: true,
      performed: false,
      requestId: 'r-1',
    });
    await expect(dryRun(Promise.reject(apiError('UnauthorizedOperation')))).rejects.toMatchObject({
      code: 'UnauthorizedOperation',
    });
  });

  it('dryRun() says when the service ignored DryRun and performed the request', async () => {
    const result = attachMetadata(
      { RequestId: 'r-2' },
      { requestId: 'r-2', httpStatus: 200, headers: {}, attempts: 1, totalRetryDelayMs: 0 },
    );
    await expect(dryRun(Promise.resolve(result))).resolves.toEqual({
      wouldSucceed: true,
      performed: true,
      requestId: 'r-2',
    });
  });
});
