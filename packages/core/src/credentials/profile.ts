/**
 * The profile file: `~/.tencentcloud/credentials`, then `/etc/tencentcloud/credentials`.
 * INI format; section `[default]` or the profile named by the option or `TENCENTCLOUD_PROFILE`;
 * keys `secret_id`, `secret_key`, optional `token` and `region`.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CredentialsError } from '../errors/index.js';
import type { CredentialsProvider } from '../types.js';
import { remember } from './cache.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface ProfileOptions {
  /** Profile name; default `TENCENTCLOUD_PROFILE`, then `default`. */
  readonly profile?: string;
  /** Files to look in, first found wins. Default: the home file, then the system file. */
  readonly paths?: readonly string[];
  readonly env?: Env;
}

/** Parses INI text into sections of lower-cased keys (`;` and `#` start comments). */
export function parseIni(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = Object.create(null);
  let section: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const head = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (head?.[1]) {
      section = out[head[1]] ??= Object.create(null);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0 && section) {
      let value = line.slice(eq + 1).trim();
      if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
      section[line.slice(0, eq).trim().toLowerCase()] = value;
    }
  }
  return out;
}

export function defaultProfilePaths(): string[] {
  return [join(homedir(), '.tencentcloud', 'credentials'), '/etc/tencentcloud/credentials'];
}

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

/**
 * Synchronous form of `profileRegion`, for client construction: reads at most the profile
 * files, once, and only when neither the option nor `TENCENTCLOUD_REGION` gave a region.
 */
export function profileRegionSync(options: ProfileOptions = {}): string | undefined {
  const env = options.env ?? process.env;
  const name = options.profile ?? env.TENCENTCLOUD_PROFILE ?? 'default';
  for (const path of options.paths ?? defaultProfilePaths()) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    return parseIni(text)[name]?.region || undefined;
  }
  return undefined;
}

/** Region from the option, then `TENCENTCLOUD_REGION`, then the profile file (synchronous). */
export function resolveRegionSync(
  region: string | undefined,
  options: ProfileOptions = {},
): string | undefined {
  return region || (options.env ?? process.env).TENCENTCLOUD_REGION || profileRegionSync(options);
}
