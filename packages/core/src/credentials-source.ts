/**
 * Turning the client's `credentials` option into usable credentials for one attempt.
 * The default provider chain (environment, profile file, instance role...) plugs in as the
 * `fallback` argument; without one, missing credentials fail here, before any request.
 */
import { remember } from './credentials/cache.js';
import { SdkError } from './errors/base.js';
import { CredentialsError } from './errors/transport.js';
import type { Credentials, CredentialsProvider } from './types.js';

export type CredentialsSource = Credentials | CredentialsProvider;

const blank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';

export async function resolveCredentials(
  source: CredentialsSource | undefined,
  fallback?: CredentialsProvider,
): Promise<Credentials> {
  const from = source ?? fallback;
  if (from === undefined) {
    throw new CredentialsError(
      'No credentials: pass `credentials: { secretId, secretKey }` (or a provider function) to the client',
    );
  }
  let creds: Credentials | undefined;
  if (typeof from === 'function') {
    try {
      creds = await from();
    } catch (cause) {
      if (cause instanceof SdkError) throw cause;
      throw new CredentialsError('The credentials provider failed', { cause });
    }
  } else {
    creds = from;
  }
  if (typeof creds !== 'object' || creds === null) {
    throw new CredentialsError('The credentials provider returned no credentials');
  }
  const missing = [
    blank(creds.secretId) && 'secretId',
    blank(creds.secretKey) && 'secretKey',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new CredentialsError(
      `Credentials are incomplete: ${missing.join(' and ')} empty or missing`,
    );
  }
  if (creds.token !== undefined && typeof creds.token !== 'string') {
    throw new CredentialsError('Credentials token must be a string');
  }
  return remember(creds);
}
