/**
 * The profile file: the one `TENCENTCLOUD_CREDENTIALS_FILE` names, else
 * `~/.tencentcloud/credentials`, then `/etc/tencentcloud/credentials`.
 * INI format; section `[default]` or the profile named by the option or `TENCENTCLOUD_PROFILE`;
 * keys `secret_id`, `secret_key`, optional `token` and `region`.
 */
import { processEnv } from '#runtime';
import { CredentialsError } from '../errors/index.js';
import type { CredentialsProvider } from '../types.js';
import { remember } from './cache.js';
import { fileAccess } from './files.js';
import {
  CREDENTIALS_FILE_ENV,
  defaultProfilePaths,
  type ProfileOptions,
  parseIni,
} from './region.js';

export {
  CREDENTIALS_FILE_ENV,
  defaultProfilePaths,
  type ProfileOptions,
  parseIni,
  profileRegionSync,
  resolveRegionSync,
} from './region.js';

interface FoundProfile {
  readonly path: string;
  readonly values: Record<string, string>;
}

// Errors that mean "configured, but broken": the default chain stops at them instead of
// silently falling back to other credentials (as Tencent's Go SDK does).
const stoppers = new WeakSet<object>();
/** Marks `err` as "configured, but broken" (see `stopsChain`). */
export const markStopsChain = (err: CredentialsError): CredentialsError => {
  stoppers.add(err);
  return err;
};

/** True when `err` says a credentials source was configured but cannot be used. */
export function stopsChain(err: unknown): boolean {
  return typeof err === 'object' && err !== null && stoppers.has(err);
}

/** The named profile from the first file that exists; explains what it looked at otherwise. */
export async function loadProfile(options: ProfileOptions = {}): Promise<FoundProfile> {
  const env = options.env ?? processEnv();
  const name = options.profile ?? env.TENCENTCLOUD_PROFILE ?? 'default';
  const fromEnv = options.paths === undefined && env[CREDENTIALS_FILE_ENV] !== undefined;
  if (fromEnv && !env[CREDENTIALS_FILE_ENV]) {
    throw markStopsChain(new CredentialsError(`${CREDENTIALS_FILE_ENV} is set but empty`));
  }
  const notes: string[] = [];
  for (const path of options.paths ?? defaultProfilePaths(env)) {
    let text: string;
    try {
      text = await fileAccess('the profile file').readText(path);
    } catch (err) {
      if (err instanceof CredentialsError) throw err;
      const code = (err as { code?: string }).code;
      const why = code === 'ENOENT' ? 'not found' : `unreadable (${code ?? 'error'})`;
      if (fromEnv)
        throw markStopsChain(new CredentialsError(`${path} (${CREDENTIALS_FILE_ENV}): ${why}`));
      notes.push(`${path}: ${why}`);
      continue;
    }
    let sections: ReturnType<typeof parseIni>;
    try {
      sections = parseIni(text, path);
    } catch (err) {
      throw err instanceof CredentialsError ? markStopsChain(err) : err;
    }
    const values = sections[name];
    if (!values) throw new CredentialsError(`${path} has no [${name}] profile`);
    return { path, values };
  }
  throw new CredentialsError(notes.join('; ') || 'no profile file to look in');
}

export function profileCredentials(options: ProfileOptions = {}): CredentialsProvider {
  return async () => {
    const { path, values } = await loadProfile(options);
    const secretId = values.secret_id;
    const secretKey = values.secret_key;
    if (!secretId || !secretKey) {
      throw new CredentialsError(`${path}: the profile lacks secret_id or secret_key`);
    }
    return remember(
      values.token ? { secretId, secretKey, token: values.token } : { secretId, secretKey },
    );
  };
}

/** Region from the profile file, if it names one (missing files are not an error here). */
export async function profileRegion(options: ProfileOptions = {}): Promise<string | undefined> {
  try {
    return (await loadProfile(options)).values.region || undefined;
  } catch {
    return undefined;
  }
}
