/**
 * Region resolution at client construction (synchronous, small): the option, then
 * `TENCENTCLOUD_REGION`, then the `region` key of the profile file (which honours
 * `TENCENTCLOUD_CREDENTIALS_FILE` like the credentials do), then the region of tccli's
 * `~/.tccli/<profile>.configure`. Also the INI parser and the profile and tccli paths that
 * profile.ts and tccli.ts share.
 */
import { processEnv } from '#runtime';
import { CredentialsError } from '../errors/transport.js';
import { maybeFiles } from './files.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Where profile files are looked for, and which profile is read. */
export interface ProfileOptions {
  /** Profile name; default `TENCENTCLOUD_PROFILE`, then `default`. */
  readonly profile?: string;
  /**
   * Files to look in, first found wins. Default: the file named by
   * `TENCENTCLOUD_CREDENTIALS_FILE` when set, else the home file, then the system file.
   */
  readonly paths?: readonly string[];
  readonly env?: Env;
}

/** Names the file that is read instead of the home file, as in Tencent's Go SDK. */
export const CREDENTIALS_FILE_ENV = 'TENCENTCLOUD_CREDENTIALS_FILE';

/**
 * Parses INI text into sections of lower-cased keys (`;` and `#` start comments). A line that
 * is not a comment, a `[section]` header or `key = value` inside a section is an error naming
 * `source` and the line number; the line itself is never quoted (it may hold a secret).
 */
export function parseIni(
  text: string,
  source = 'the profile file',
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = Object.create(null);
  let section: Record<string, string> | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fail = (index: number, what: string): never => {
    throw new CredentialsError(`${source} is not a valid INI file: line ${index + 1}: ${what}`);
  };
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) fail(index, 'a section header without its closing `]`');
      const name = /^\[\s*(?:profile\s+)?(.*?)\s*\]$/.exec(line)?.[1] ?? '';
      if (!name || /[[\]]/.test(name)) fail(index, 'an empty or malformed section name');
      section = out[name] ??= Object.create(null);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) fail(index, 'expected `key = value`, a `[section]` header or a comment');
    const key = line.slice(0, eq).trim().toLowerCase();
    if (!key) fail(index, 'a value without a key before `=`');
    if (!section) return fail(index, 'a key before the first `[section]` header');
    let value = line.slice(eq + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    section[key] = value;
  }
  return out;
}

/**
 * Profile files to look in: the file named by `TENCENTCLOUD_CREDENTIALS_FILE` alone when that
 * variable is set, else the home file, then the system file.
 */
export function defaultProfilePaths(env: Env = processEnv()): string[] {
  const file = env[CREDENTIALS_FILE_ENV];
  if (file !== undefined) return [file];
  const fs = maybeFiles();
  const home = fs?.homeDir();
  return [
    ...(fs && home ? [fs.joinPath(home, '.tencentcloud', 'credentials')] : []),
    '/etc/tencentcloud/credentials',
  ];
}

/**
 * Synchronous form of `profileRegion`, for client construction: reads at most the profile
 * files, once, and only when neither the option nor `TENCENTCLOUD_REGION` gave a region.
 */
export function profileRegionSync(options: ProfileOptions = {}): string | undefined {
  return profileRegionFound(options)?.region;
}

function profileRegionFound(
  options: ProfileOptions,
): { readonly region: string; readonly path: string } | undefined {
  const env = options.env ?? processEnv();
  const name = options.profile ?? env.TENCENTCLOUD_PROFILE ?? 'default';
  const fs = maybeFiles();
  if (!fs) return undefined;
  for (const path of options.paths ?? defaultProfilePaths(env)) {
    let text: string;
    try {
      text = fs.readTextSync(path);
    } catch {
      continue;
    }
    try {
      const region = parseIni(text, path)[name]?.region;
      return region ? { region, path } : undefined;
    } catch {
      // Not fatal here (this runs in the background at client construction); the profile
      // credentials provider reports the syntax error when credentials are read from it.
      return undefined;
    }
  }
  return undefined;
}

/** Where tccli's profiles are looked for. */
export interface TccliOptions {
  /** Profile name; default `TCCLI_PROFILE`, then `TENCENTCLOUD_PROFILE`, then `default`. */
  readonly profile?: string;
  /** Folder of the profiles; default `~/.tccli`. */
  readonly dir?: string;
  readonly env?: Env;
}

/** `~/.tccli/<profile>.<kind>`, the files tccli writes (`credential` and `configure`, JSON). */
export function tccliPath(kind: 'credential' | 'configure', options: TccliOptions = {}): string {
  const env = options.env ?? processEnv();
  const name = options.profile ?? (env.TCCLI_PROFILE || env.TENCENTCLOUD_PROFILE || 'default');
  const fs = maybeFiles();
  const join = fs ? fs.joinPath : (...p: string[]) => p.join('/');
  return join(options.dir ?? join(fs?.homeDir() ?? '~', '.tccli'), `${name}.${kind}`);
}

/**
 * The region tccli uses: `_sys_param.region` of `<profile>.configure` (older tccli versions
 * wrote `region` at the top level). Missing or unreadable files give no region.
 */
export function tccliRegionSync(options: TccliOptions = {}): string | undefined {
  try {
    const fs = maybeFiles();
    if (!fs) return undefined;
    const conf = JSON.parse(fs.readTextSync(tccliPath('configure', options))) as {
      _sys_param?: { region?: unknown };
      region?: unknown;
    };
    const region = conf?._sys_param?.region ?? conf?.region;
    return typeof region === 'string' && region ? region : undefined;
  } catch {
    return undefined;
  }
}

/** Where a region that was not given as an option or `TENCENTCLOUD_REGION` came from. */
export interface RegionFromFiles {
  readonly region: string;
  readonly source: 'profile file' | 'tccli configure';
  readonly path: string;
}

/** The profile file's region, else tccli's (what a client without `region` uses). */
export function fileRegionSync(
  options: ProfileOptions & { readonly tccli?: TccliOptions } = {},
): RegionFromFiles | undefined {
  const env = options.env ?? processEnv();
  const fromProfile = profileRegionFound(options);
  if (fromProfile) return { ...fromProfile, source: 'profile file' };
  const tccli = { env, ...options.tccli };
  const fromTccli = tccliRegionSync(tccli);
  return fromTccli
    ? { region: fromTccli, source: 'tccli configure', path: tccliPath('configure', tccli) }
    : undefined;
}

/**
 * Region from the option, then `TENCENTCLOUD_REGION`, then the profile file, then tccli's
 * configure file (synchronous).
 */
export function resolveRegionSync(
  region: string | undefined,
  options: ProfileOptions & { readonly tccli?: TccliOptions } = {},
): string | undefined {
  return (
    region || (options.env ?? processEnv()).TENCENTCLOUD_REGION || fileRegionSync(options)?.region
  );
}
