// Finds and reads spec files. Two layouts are supported:
// - the repository's specs/<service>/v<YYYYMMDD>/{api,errors,docs,waiters}.json, and
// - Tencent's published corpus: tccli/<service>/v<YYYYMMDD>/api.json plus a separate errors
//   folder whose files are named <serviceShortName>-<YYYY-MM-DD>.json.
import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from './problems.js';

export interface SpecSource {
  /** Folder holding <serviceDir>/v<YYYYMMDD>/api.json. */
  apiDir: string;
  /** Folder of <serviceShortName>-<YYYY-MM-DD>.json; default: errors.json next to api.json. */
  errorsDir?: string;
}

export interface SpecLocation {
  /** Folder name of the service, e.g. `cvm`, `autoscaling`. */
  serviceDir: string;
  /** Folder name of the version, e.g. `v20170312`. */
  versionDir: string;
  apiFile: string;
}

export interface LoadedSpec extends SpecLocation {
  errorsFile?: string;
  docsFile?: string;
  /** Our waiters overlay (waiters.json next to api.json), when there is one. */
  waitersFile?: string;
  /** Parsed files; undefined when a file is absent or does not parse (a problem says why). */
  api?: unknown;
  errors?: unknown;
  docs?: unknown;
  waiters?: unknown;
  /** Hash of every input byte of this version. */
  inputHash: string;
}

/** Lists every service version under the source, sorted, optionally only some services. */
export function listSpecs(source: SpecSource, services?: readonly string[]): SpecLocation[] {
  const wanted = services && services.length > 0 ? new Set(services) : undefined;
  const out: SpecLocation[] = [];
  for (const serviceDir of readdirSync(source.apiDir).sort()) {
    if (wanted && !wanted.has(serviceDir)) continue;
    const svcPath = path.join(source.apiDir, serviceDir);
    let versions: string[];
    try {
      versions = readdirSync(svcPath).sort();
    } catch {
      continue; // a plain file such as index.json
    }
    for (const versionDir of versions) {
      const apiFile = path.join(svcPath, versionDir, 'api.json');
      if (existsSync(apiFile)) out.push({ serviceDir, versionDir, apiFile });
    }
  }
  if (wanted) {
    const found = new Set(out.map((s) => s.serviceDir));
    const missing = [...wanted].filter((s) => !found.has(s));
    if (missing.length > 0) throw new Error(`no spec found for service(s): ${missing.join(', ')}`);
  }
  return out;
}

/** Reads one service version; unreadable or invalid JSON becomes a problem. */
export function loadSpec(loc: SpecLocation, source: SpecSource, problems: Problem[]): LoadedSpec {
  const hash = createHash('sha256');
  const read = (file: string): unknown => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      problems.push({
        file,
        path: '$',
        message: `cannot read file: ${(e as Error).message}`,
        hint: 'check the path',
      });
      return undefined;
    }
    hashFileText(hash, file, text);
    try {
      return JSON.parse(text);
    } catch (e) {
      problems.push({
        file,
        path: '$',
        message: `invalid JSON: ${(e as Error).message}`,
        hint: 'fix the JSON syntax (a trailing comma or a missing quote is the usual cause)',
      });
      return undefined;
    }
  };
  const spec: LoadedSpec = { ...loc, inputHash: '' };
  spec.api = read(loc.apiFile);
  const { errorsFile, docsFile, waitersFile } = companionFiles(loc, source, shortNameOf(spec.api));
  if (errorsFile) {
    spec.errorsFile = errorsFile;
    spec.errors = read(errorsFile);
  }
  if (docsFile) {
    spec.docsFile = docsFile;
    spec.docs = read(docsFile);
  }
  if (waitersFile) {
    spec.waitersFile = waitersFile;
    spec.waiters = read(waitersFile);
  }
  spec.inputHash = hash.digest('hex');
  return spec;
}

/**
 * The hash loadSpec computes for a version, from the raw bytes without decoding or parsing.
 * Hashing bytes equals hashing the decoded text for valid UTF-8; otherwise it merely differs,
 * which means "changed". shortName: the version's serviceShortName (names the errors file in the
 * upstream layout). Undefined when a file cannot be read (loadSpec then reports the problem).
 */
export function hashSpecBytes(
  loc: SpecLocation,
  source: SpecSource,
  api: Buffer,
  shortName: string | undefined,
): string | undefined {
  const hash = createHash('sha256');
  const add = (file: string, bytes: Buffer) =>
    hash
      .update(`${path.basename(file)}\0`)
      .update(bytes)
      .update('\0');
  add(loc.apiFile, api);
  const { errorsFile, docsFile, waitersFile } = companionFiles(loc, source, shortName);
  for (const file of [errorsFile, docsFile, waitersFile]) {
    if (!file) continue;
    try {
      add(file, readFileSync(file));
    } catch {
      return undefined;
    }
  }
  return hash.digest('hex');
}

/**
 * A cheap guess at metadata.serviceShortName from api.json's bytes: the first
 * `"serviceShortName": "..."`. Callers only use it where a wrong guess cannot skip a change.
 */
export function guessShortName(api: Buffer): string | undefined {
  const key = '"serviceShortName"';
  const at = api.indexOf(key);
  if (at < 0) return undefined;
  const tail = api.subarray(at + key.length, at + key.length + 200).toString('utf8');
  return /^\s*:\s*"([^"\\]*)"/.exec(tail)?.[1];
}

function hashFileText(hash: Hash, file: string, text: string) {
  hash.update(`${path.basename(file)}\0${text}\0`);
}

/** The errors, docs and waiters files of a version that exist; all are optional. */
function companionFiles(loc: SpecLocation, source: SpecSource, shortName: string | undefined) {
  const dir = path.dirname(loc.apiFile);
  const errorsFile = source.errorsDir
    ? upstreamErrorsFile(source.errorsDir, shortName, loc.versionDir)
    : path.join(dir, 'errors.json');
  const docsFile = path.join(dir, 'docs.json');
  const waitersFile = path.join(dir, 'waiters.json');
  return {
    errorsFile: errorsFile && existsSync(errorsFile) ? errorsFile : undefined,
    docsFile: existsSync(docsFile) ? docsFile : undefined,
    waitersFile: existsSync(waitersFile) ? waitersFile : undefined,
  };
}

function shortNameOf(api: unknown): string | undefined {
  const meta = (api as { metadata?: { serviceShortName?: unknown } } | undefined)?.metadata;
  return typeof meta?.serviceShortName === 'string' ? meta.serviceShortName : undefined;
}

/** Upstream errors file: `<serviceShortName>-<YYYY-MM-DD>.json` (`as`, not `autoscaling`). */
function upstreamErrorsFile(errorsDir: string, short: string | undefined, versionDir: string) {
  const m = /^v(\d{4})(\d{2})(\d{2})$/.exec(versionDir);
  if (!short || !m) return undefined;
  return path.join(errorsDir, `${short}-${m[1]}-${m[2]}-${m[3]}.json`);
}
