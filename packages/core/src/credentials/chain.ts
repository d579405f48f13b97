/**
 * The default credentials chain and region resolution.
 *
 * Chain order: environment, profile file, tccli profile, CVM instance role, OIDC web identity
 * (TKE). The first
 * provider that yields credentials is kept for the life of the chain. When none does, one
 * `CredentialsError` lists every provider tried and why it failed. A source that is configured
 * but broken (a profile file that is not INI, a `TENCENTCLOUD_CREDENTIALS_FILE` that cannot be
 * read) stops the chain with its own error instead. Nothing is printed.
 */
import { processEnv, RUNTIME_NAME } from '#runtime';
import { CredentialsError } from '../errors/index.js';
import { redactText } from '../protocol/redact.js';
import type { Credentials, CredentialsProvider } from '../types.js';
import { envCredentials } from './basic.js';
import {
  isRefreshable,
  lazyProvider as lazy,
  type RefreshableCredentialsProvider,
} from './cache.js';
import type { CvmRoleOptions } from './cvm-role.js';
import { maybeFiles } from './files.js';
import { type ProfileOptions, profileCredentials, profileRegion, stopsChain } from './profile.js';
import type { WebIdentityOptions } from './sts.js';
import { type TccliOptions, tccliCredentials, tccliRegionSync } from './tccli.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface NamedProvider {
  readonly name: string;
  readonly provider: CredentialsProvider;
}

/** One entry of `CredentialsError.tried`. */
export interface ProviderFailure {
  readonly provider: string;
  readonly reason: string;
}

/** Provider that tries `providers` in order and sticks to the first that works. */
export function providerChain(
  providers: readonly NamedProvider[],
): RefreshableCredentialsProvider & ChainDescription {
  let chosen: CredentialsProvider | undefined;
  let chosenName: string | undefined;
  let pending: Promise<Credentials> | undefined;

  const choose = async (): Promise<Credentials> => {
    const tried: ProviderFailure[] = [];
    for (const { name, provider } of providers) {
      try {
        const creds = await provider();
        chosen = provider;
        chosenName = name;
        return creds;
      } catch (err) {
        const reason = redactText(err instanceof Error ? err.message : String(err));
        tried.push({ provider: name, reason });
        if (stopsChain(err)) {
          throw Object.assign(
            new CredentialsError(
              `No credentials: the ${name} is configured but cannot be used (${reason}); fix it rather than fall back to other credentials`,
            ),
            { tried },
          );
        }
      }
    }
    const list = tried.map((t) => `  - ${t.provider}: ${t.reason}`).join('\n');
    throw Object.assign(new CredentialsError(`No credentials found. Tried:\n${list}`), { tried });
  };

  const chain = (async (): Promise<Credentials> => {
    if (chosen) return chosen();
    pending ??= choose().finally(() => {
      pending = undefined;
    });
    return pending;
  }) as RefreshableCredentialsProvider & ChainDescription;
  chain.invalidate = (rejected?: Credentials) => {
    if (isRefreshable(chosen)) chosen.invalidate(rejected);
  };
  (chain as { refreshable: true }).refreshable = true;
  chain.chosenProvider = () => chosenName;
  return chain;
}

/** A chain says which of its providers it kept (for `describeClientConfig()`). */
export interface ChainDescription {
  /** The name of the provider that gave credentials; `undefined` before the first success. */
  chosenProvider(): string | undefined;
}

export interface DefaultChainOptions {
  readonly env?: Env;
  readonly profile?: ProfileOptions;
  /** tccli's `~/.tccli/<profile>.credential`; `false` leaves it out. */
  readonly tccli?: TccliOptions | false;
  readonly cvmRole?: CvmRoleOptions | false;
  readonly webIdentity?: WebIdentityOptions | false;
}

/**
 * Environment, profile file, tccli profile, CVM role, OIDC web identity, in that order. On a
 * runtime without a file system (Workers, edge functions) the chain is the environment alone:
 * the file-based providers cannot work there and a metadata probe would only add a timeout.
 */
export function defaultCredentialsChain(
  options: DefaultChainOptions = {},
): RefreshableCredentialsProvider & ChainDescription {
  const env = options.env ?? processEnv();
  const providers: NamedProvider[] = [{ name: 'environment', provider: envCredentials(env) }];
  if (!maybeFiles()) {
    providers.push({
      name: `${RUNTIME_NAME} runtime`,
      provider: async () => {
        throw new CredentialsError(
          'no file system or instance metadata here: pass credentials to the client, or the environment bindings through its env option',
        );
      },
    });
    return providerChain(providers);
  }
  providers.push({
    name: 'profile file',
    provider: profileCredentials({ env, ...options.profile }),
  });
  if (options.tccli !== false) {
    providers.push({
      name: 'tccli profile',
      provider: tccliCredentials({ env, ...options.tccli }),
    });
  }
  const cvm = options.cvmRole;
  if (cvm !== false) {
    providers.push({
      name: 'CVM instance role',
      provider: lazy(async () => (await import('./cvm-role.js')).cvmRoleCredentials(cvm)),
    });
  }
  const oidc = options.webIdentity;
  if (oidc !== false) {
    providers.push({
      name: 'OIDC web identity (TKE)',
      provider: lazy(async () =>
        (await import('./sts.js')).webIdentityCredentials({ env, ...oidc }),
      ),
    });
  }
  return providerChain(providers);
}

export interface RegionOptions {
  readonly region?: string | undefined;
  readonly env?: Env;
  readonly profile?: ProfileOptions;
  readonly tccli?: TccliOptions;
}

/**
 * Region from the option, then `TENCENTCLOUD_REGION`, then the profile file, then tccli's
 * `<profile>.configure`.
 */
export async function resolveRegion(options: RegionOptions = {}): Promise<string | undefined> {
  const env = options.env ?? processEnv();
  return (
    options.region ||
    env.TENCENTCLOUD_REGION ||
    (await profileRegion({ env, ...options.profile })) ||
    tccliRegionSync({ env, ...options.tccli })
  );
}
