// Generation hook: before a package's files are written, compare the package's committed API
// snapshot with the new one and, when the public API changed, write one changeset for exactly
// that package with the bump the diff calls for.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ApiChange, type Bump, bumpOf, diffSnapshots } from './diff.js';
import { type ApiSnapshot, parseSnapshot, SNAPSHOT_FILE } from './snapshot.js';

/** Description updates beyond this many are summed up in one line. */
const MAX_PATCH_LINES = 20;

export interface ChangesetResult {
  packageName: string;
  bump: Bump;
  changes: ApiChange[];
  /** Absolute path of the changeset written. */
  file: string;
}

/** The changeset's markdown: front matter naming the one package, then the change list. */
export function changesetText(packageName: string, bump: Bump, changes: readonly ApiChange[]) {
  return `---\n${JSON.stringify(packageName)}: ${bump}\n---\n\n${summary(changes)}`;
}

/**
 * First line is the CHANGELOG entry's headline; the list follows. Breaking changes and additions
 * are all listed; long runs of description updates are counted instead.
 */
export function summary(changes: readonly ApiChange[]): string {
  const count = (l: Bump) => changes.filter((c) => c.level === l).length;
  const parts = [
    count('major') && `${count('major')} breaking`,
    count('minor') && `${count('minor')} added`,
    count('patch') && `${count('patch')} description update${count('patch') > 1 ? 's' : ''}`,
  ].filter(Boolean);
  const lines = [`API update from the spec: ${parts.join(', ')}.`, ''];
  let patches = 0;
  for (const c of changes) {
    if (c.level === 'patch' && ++patches > MAX_PATCH_LINES) continue;
    lines.push(`- ${c.text}`);
  }
  if (patches > MAX_PATCH_LINES)
    lines.push(`- …and ${patches - MAX_PATCH_LINES} more description updates`);
  return `${lines.join('\n')}\n`;
}

/**
 * Same change, same file name: `api-<package>-<hash of old and new snapshot>.md`, so running
 * the generator twice does not duplicate a changeset, and two different updates never collide.
 */
export function changesetName(packageName: string, oldText: string, newText: string): string {
  const hash = createHash('sha256').update(oldText).update('\0').update(newText).digest('hex');
  const slug = packageName.replace(/^@/, '').replace(/[^a-zA-Z0-9]+/g, '-');
  return `api-${slug}-${hash.slice(0, 8)}.md`;
}

/** The `.changeset` folder of the workspace that holds `dir`, if there is one. */
export function findChangesetDir(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    const c = path.join(d, '.changeset');
    if (existsSync(path.join(c, 'config.json'))) return c;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

export interface DiffHookInput {
  /** The package folder as it is on disk (holding the previous snapshot, if any). */
  pkgDir: string;
  /** The files about to be written; the new snapshot is one of them. */
  files: readonly { path: string; content: string }[];
  /** Where changesets go; default: the `.changeset` folder above pkgDir (none: write nothing). */
  changesetDir?: string;
  /** Told about each changeset written; default console.log. */
  log?: (line: string) => void;
}

/**
 * Diffs the package's current snapshot against the one about to be written and writes a
 * changeset when the public API changed. A new package (no snapshot yet) gets none: it is
 * published at its initial version.
 */
export function diffAndWriteChangeset(input: DiffHookInput): ChangesetResult | undefined {
  const newText = input.files.find((f) => f.path === SNAPSHOT_FILE)?.content;
  const oldText = readOrUndefined(path.join(input.pkgDir, SNAPSHOT_FILE));
  if (newText === undefined || oldText === undefined || newText === oldText) return undefined;
  const now = parseSnapshot(newText);
  const old = parseSnapshot(oldText);
  if (!now || !old) return undefined;
  const changes = diffSnapshots(old, now);
  const bump = bumpOf(changes);
  const dir = input.changesetDir ?? findChangesetDir(input.pkgDir);
  if (!bump || !dir) return undefined;
  const file = path.join(dir, changesetName(now.package, oldText, newText));
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, changesetText(now.package, bump, changes));
  const result = { packageName: now.package, bump, changes, file };
  (input.log ?? console.log)(describeResult(result));
  return result;
}

export function describeResult(r: ChangesetResult): string {
  return `  changeset ${path.join('.changeset', path.basename(r.file))}: ${r.packageName} ${r.bump} (${r.changes.length} change${r.changes.length > 1 ? 's' : ''})`;
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export type { ApiSnapshot };
