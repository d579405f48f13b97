/**
 * The profile file: `~/.tencentcloud/credentials`, then `/etc/tencentcloud/credentials`.
 * INI format; section `[default]` or the profile named by the option or `TENCENTCLOUD_PROFILE`;
 * keys `secret_id`, `secret_key`, optional `token` and `region`.
 */
import { readFile } from 'node:fs/promises';
import { CredentialsError } from '../errors/index.js';
import type { CredentialsProvider } from '../types.js';
import { remember } from './cache.js';
import { defaultProfilePaths, type ProfileOptions, parseIni } from './region.js';

export {
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

/** The named profile from the first file that exists; explains what it looked at otherwise. */
export async function loadProfile(options: ProfileOptions = {}): Promise<FoundProfile> {
  const env = options.env ?? process.env;
  const name = options.profile ?? env.TENCENTCLOUD_PROFILE ?? 'default';
  const notes: string[] = [];
  for (const path of options.paths ?? defaultProfilePaths()) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      const code = (err as { code?: string }).code;
      notes.push(`${path}: ${code === 'ENOENT' ? 'not found' : `unreadable (${code ?? 'error'})`}`);
      continue;
    }
    const values = parseIni(text)[name];
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
