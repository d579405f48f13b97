/** Providers that read credentials the user configured: static values and environment variables. */

import { processEnv } from '#runtime';
import { CredentialsError } from '../errors/index.js';
import type { Credentials, CredentialsProvider } from '../types.js';
import { remember } from './cache.js';
import { checkCredentials } from './source.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Always the same credentials (checked once, up front: complete, visible ASCII only). */
export function staticCredentials(creds: Credentials): CredentialsProvider {
  if (!creds.secretId || !creds.secretKey) {
    throw new CredentialsError('Static credentials need both secretId and secretKey');
  }
  remember(creds);
  const frozen = checkCredentials(Object.freeze({ ...creds }));
  return async () => frozen;
}

/** `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and optional `TENCENTCLOUD_SESSION_TOKEN`. */
export function envCredentials(env: Env = processEnv()): CredentialsProvider {
  return async () => {
    const secretId = env.TENCENTCLOUD_SECRET_ID;
    const secretKey = env.TENCENTCLOUD_SECRET_KEY;
    if (!secretId && !secretKey) {
      throw new CredentialsError('TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set');
    }
    if (!secretId || !secretKey) {
      const missing = secretId ? 'TENCENTCLOUD_SECRET_KEY' : 'TENCENTCLOUD_SECRET_ID';
      throw new CredentialsError(`${missing} is not set (the other half of the key is)`);
    }
    const token = env.TENCENTCLOUD_SESSION_TOKEN;
    return remember(token ? { secretId, secretKey, token } : { secretId, secretKey });
  };
}
