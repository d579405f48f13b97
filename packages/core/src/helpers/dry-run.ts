/**
 * DryRun. A request sent with `DryRun: true` that would have succeeded is answered with the
 * error code `DryRunOperation`, so by default the call rejects with a `TencentCloudError`
 * whose `code` is `'DryRunOperation'` and `category` is `'dryRun'` (never retried).
 * `isDryRunSuccess(err)` tests for it without string compares; `dryRun(call)` turns it into
 * a resolved `DryRunResult` and lets every other error (e.g. `UnauthorizedOperation`) through.
 */
import { isTencentCloudError, type TencentCloudError } from '../errors/index.js';
import { getResponseMetadata } from '../protocol/metadata.js';

export type DryRunOperationError = TencentCloudError<'DryRunOperation'>;

/** True when `err` says that the `DryRun: true` request would have succeeded. */
export function isDryRunSuccess(err: unknown): err is DryRunOperationError {
  return isTencentCloudError(err) && err.code === 'DryRunOperation';
}

export interface DryRunResult {
  /** The checks passed: the real request would be accepted. */
  readonly wouldSucceed: true;
  /**
   * True when the service answered with a normal result instead of `DryRunOperation`: it did
   * not honour DryRun for this action, and the request was carried out.
   */
  readonly performed: boolean;
  readonly requestId: string | undefined;
}

/**
 * Awaits a call made with `DryRun: true`:
 * `const r = await dryRun(runInstances(client, { ...input, DryRun: true }))`.
 */
export async function dryRun(call: Promise<unknown>): Promise<DryRunResult> {
  try {
    const result = await call;
    return {
      wouldSucceed: true,
      performed: true,
      requestId: getResponseMetadata(result)?.requestId,
    };
  } catch (err) {
    if (isDryRunSuccess(err))
      return { wouldSucceed: true, performed: false, requestId: err.requestId };
    throw err;
  }
}
