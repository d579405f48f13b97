/**
 * Turning the client's `credentials` option into usable credentials for one attempt.
 * The default provider chain (environment, profile file, instance role...) plugs in as the
 * `fallback` argument; without one, missing credentials fail here, before any request.
 *
 * Every credential core uses passes through `resolveCredentials` (the client's attempts and
 * the source of `assumeRoleCredentials`), whatever produced it, so this is where secrets are
 * registered for redaction and where malformed values are rejected.
 */

import { SdkError } from '../errors/base.js';
import { CredentialsError } from '../errors/transport.js';
import type { Credentials, CredentialsProvider } from '../types.js';
import { remember } from './cache.js';

export type CredentialsSource = Credentials | CredentialsProvider;

const blank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';

// Values go into the Authorization and X-TC-Token headers and into the signature: visible
// ASCII only. Anything else makes node:http throw a TypeError or corrupts the signature.
const checked = new WeakSet<Credentials>();

/** What is wrong with one credential value, in words that never include the value. */
function badCharacter(value: string): string | undefined {
  const at = value.search(/[^\x21-\x7e]/);
  if (at < 0) return undefined;
  const c = value.charCodeAt(at);
  const what =
    c > 127
      ? 'a non-ASCII character'
      : c === 10 || c === 13
        ? 'a line break'
        : c === 32
          ? 'a space'
          : 'a control character';
  return `${what} at position ${at + 1} of ${value.length}`;
}

/**
 * Throws a `CredentialsError` naming the field when credentials are incomplete or hold a
 * character that cannot be sent in a header. Never echoes a value.
 */
export function checkCredentials(creds: Credentials): Credentials {
  if (checked.has(creds)) return creds;
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
  for (const field of ['secretId', 'secretKey', 'token'] as const) {
    const value = creds[field];
    const bad = value === undefined ? undefined : badCharacter(value);
    if (bad) {
      throw new CredentialsError(
        `Credentials ${field} contains ${bad}; only visible ASCII can be sent`,
      );
    }
  }
  checked.add(creds);
  return creds;
}

/**
 * Credentials given as an object that already passed `resolveCredentials`: usable at once,
 * without a promise (the call path's common case). `undefined` for anything else.
 */
export function checkedCredentials(source: CredentialsSource | undefined): Credentials | undefined {
  if (typeof source !== 'object' || source === null || !checked.has(source)) return undefined;
  remember(source);
  return source;
}

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
  // Registered before anything can fail or be sent, so no later message can show them.
  // secretId is not registered: it is an identifier sent in clear in every Authorization header.
  remember(creds);
  return checkCredentials(creds);
}
