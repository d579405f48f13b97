/**
 * Region resolution at client construction (synchronous, small): the option, then
 * `TENCENTCLOUD_REGION`, then the `region` key of the profile file. Also the INI parser and
 * profile paths that profile.ts shares.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** Where profile files are looked for, and which profile is read. */
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
