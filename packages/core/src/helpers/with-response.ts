/**
 * `withResponse(call)`: a result together with its HTTP facts, for any client call (generated
 * functions, methods, `call`, `request`) without changing its type. Tree-shakable.
 */
import { ConfigurationError } from '../errors/transport.js';
import { getResponseMetadata, type ResponseMetadata } from '../protocol/metadata.js';

export interface WithResponse<T> {
  /** The result, exactly as the call resolves it (RequestId included). */
  readonly data: T;
  /**
   * HTTP status, headers, RequestId, X-TC-TraceId, attempts, total retry delay, the host that
   * answered and timings.
   */
  readonly response: ResponseMetadata;
}

/** Awaits `call` and returns `{ data, response }`; errors are rethrown unchanged. */
export async function withResponse<T extends object>(
  call: Promise<T> | T,
): Promise<WithResponse<T>> {
  const data = await call;
  const response = getResponseMetadata(data);
  if (!response) {
    throw new ConfigurationError(
      'withResponse: the value is not the result of a client call (no response metadata)',
      { option: 'withResponse' },
    );
  }
  return { data, response };
}
