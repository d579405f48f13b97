/**
 * `CommonClient`: any action of any service by name, with untyped input and output, and the
 * same signing, retries, errors, credentials and validation as a generated client.
 */

import type { CallOptions } from '../types.js';
import { CORE_PACKAGE, CORE_VERSION } from '../version.js';
import { type ClientOptions, ServiceClient } from './client.js';
import type { EventStream } from './sse.js';

export interface CommonClientOptions extends ClientOptions {
  /** Service name as in the host and the signature, e.g. `cvm`. */
  readonly service: string;
  /** API version, e.g. `2017-03-12`. */
  readonly version: string;
  /** Names the calling package in User-Agent / X-TC-RequestClient; default `@scope/core`. */
  readonly packageName?: string;
  readonly packageVersion?: string;
}

/**
 * A client for one service version that calls actions by name: `call('DescribeInstances',
 * input)`. Read-only is inferred from the name, so retries follow the same rule as generated
 * clients; `request(actionInfo, input)` takes full facts (`clientToken`, `rootDomainPrefix`).
 */
export class CommonClient extends ServiceClient {
  constructor(options: CommonClientOptions) {
    const { service, version, packageName, packageVersion, ...rest } = options ?? {};
    super(
      {
        service,
        version,
        packageName: packageName ?? CORE_PACKAGE,
        packageVersion: packageVersion ?? CORE_VERSION,
      },
      rest,
    );
  }

  /** Calls a streaming action by name (`requestStream`). */
  async callStream<E = Record<string, unknown>>(
    action: string,
    input: object = {},
    options?: CallOptions,
  ): Promise<EventStream<E>> {
    return this.requestStream<E>(this.actionInfo(action), input, options);
  }
}
