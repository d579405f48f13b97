/**
 * `client.describeClientConfig()`: which region, endpoint and credentials a client uses and where
 * each came from. Loaded on first use. Never includes a secret key or token.
 */

import { type CredentialsSource, resolveCredentials } from '../credentials/source.js';
import { redactText } from '../protocol/redact.js';
import type { CredentialsProvider, ServiceInfo } from '../types.js';
import type { ClientOptions } from './client.js';

export interface ConfigDescription {
  readonly service: string;
  readonly version: string;
  readonly region: {
    readonly value: string | undefined;
    /** `region option`, `TENCENTCLOUD_REGION`, `profile file`, `tccli configure` or `none`. */
    readonly source: string;
    /** The file it was read from. */
    readonly path?: string;
  };
  readonly endpoint: {
    /** Base URL of actions without a domain prefix (`ai.` actions add theirs). */
    readonly url: string;
    /** `endpoint option`, `regionalEndpoint option`, `rootDomain option` or `default`. */
    readonly source: string;
    /** Whether endpoint failover between the domain family's hosts applies. */
    readonly failover: boolean;
  };
  readonly credentials:
    | {
        /** `credentials option`, or the name of the default chain's provider that won. */
        readonly provider: string;
        readonly secretId: string;
        readonly temporary: boolean;
        readonly expiresAt?: string;
      }
    | { readonly provider: undefined; readonly error: string };
  /** The effective log level (`logLevel` option, else `TENCENTCLOUD_SDK_LOG`), if any. */
  readonly logLevel?: string;
}

export interface ConfigFacts {
  readonly service: ServiceInfo;
  readonly region: string | undefined;
  readonly regionSource: { readonly source: string; readonly path?: string };
  readonly url: URL;
  readonly options: Omit<ClientOptions, 'credentials'>;
  readonly failover: boolean;
  readonly credentials: CredentialsSource | undefined;
  readonly fallbackCredentials: CredentialsProvider | undefined;
  readonly logLevel: string | undefined;
}

/** The name a default chain reports for the provider it kept (see credentials/chain.ts). */
function chainChoice(provider: unknown): string | undefined {
  const chosen = (provider as { chosenProvider?: () => string | undefined } | undefined)
    ?.chosenProvider;
  return typeof chosen === 'function' ? chosen() : undefined;
}

export async function describeConfig(facts: ConfigFacts): Promise<ConfigDescription> {
  const o = facts.options;
  const endpointSource =
    o.endpoint !== undefined
      ? 'endpoint option'
      : o.regionalEndpoint
        ? 'regionalEndpoint option'
        : o.rootDomain !== undefined
          ? 'rootDomain option'
          : 'default';
  let credentials: ConfigDescription['credentials'];
  try {
    const creds = await resolveCredentials(facts.credentials, facts.fallbackCredentials);
    const provider =
      facts.credentials !== undefined
        ? 'credentials option'
        : (chainChoice(facts.fallbackCredentials) ?? 'default chain');
    credentials = {
      provider: facts.credentials === undefined ? `default chain: ${provider}` : provider,
      secretId: creds.secretId,
      temporary: creds.token !== undefined || creds.expiresAt !== undefined,
      ...(creds.expiresAt ? { expiresAt: creds.expiresAt.toISOString() } : {}),
    };
  } catch (err) {
    credentials = {
      provider: undefined,
      error: redactText(err instanceof Error ? err.message : String(err)),
    };
  }
  return {
    service: facts.service.service,
    version: facts.service.version,
    region: {
      value: facts.region,
      source: facts.region ? facts.regionSource.source : 'none',
      ...(facts.region && facts.regionSource.path ? { path: facts.regionSource.path } : {}),
    },
    endpoint: { url: facts.url.href, source: endpointSource, failover: facts.failover },
    credentials,
    ...(facts.logLevel ? { logLevel: facts.logLevel } : {}),
  };
}
