// Writes (or, with --check, compares) one package's generated files. Only files listed in the
// package's manifest are ever changed or removed; anything else (src/custom/, CHANGELOG.md) is
// left alone. Unchanged files are not rewritten, so their timestamps stay.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { CUSTOM_DIR, MANIFEST_FILE } from '../config.js';
import type { CatalogueRow } from '../emit/catalogue/row.js';
import type { GeneratedFile } from '../emit/context.js';
import { manifestText, readManifest } from './manifest.js';

export interface ApplyResult {
  /** Files written (or, with check, that would be written). */
  changed: string[];
  /** Files removed (or that would be removed). */
  removed: string[];
}

export function applyPackage(
  pkgDir: string,
  files: readonly GeneratedFile[],
  inputHash: string,
  check: boolean,
  catalogue?: CatalogueRow,
): ApplyResult {
  const old = readManifest(pkgDir);
  const all = [
    ...files,
    {
      path: MANIFEST_FILE,
      content: manifestText(inputHash, files, catalogue),
    },
  ];
  const changed: string[] = [];
  for (const f of all) {
    if (isHandWritten(f.path))
      throw new Error(`refusing to generate into ${CUSTOM_DIR}: ${f.path}`);
    const target = path.join(pkgDir, f.path);
    if (readOrUndefined(target) === f.content) continue;
    changed.push(f.path);
    if (!check) writeAtomic(target, f.content);
  }
  const keep = new Set(all.map((f) => f.path));
  const removed = (old?.files ?? []).filter(
    (p) => !keep.has(p) && !isHandWritten(p) && existsSync(path.join(pkgDir, p)),
  );
  if (!check) {
    for (const p of removed) {
      rmSync(path.join(pkgDir, p));
      removeEmptyParents(pkgDir, path.dirname(p));
    }
  }
  return { changed, removed };
}

function isHandWritten(rel: string): boolean {
  const norm = rel.split(path.sep).join('/');
  return norm === CUSTOM_DIR || norm.startsWith(`${CUSTOM_DIR}/`) || norm === 'CHANGELOG.md';
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function writeAtomic(file: string, content: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

function removeEmptyParents(root: string, rel: string) {
  let dir = rel;
  while (dir && dir !== '.') {
    const abs = path.join(root, dir);
    if (!existsSync(abs) || readdirSync(abs).length > 0) return;
    rmdirSync(abs);
    dir = path.dirname(dir);
  }
}
