// The per-package manifest: which files the generator owns, the hash of its inputs and the
// hash of each file as written. Skipping a package needs both: unchanged inputs, and files that
// still hold what was written (a hand edit makes plain `generate` rewrite the package).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATOR_NAME, MANIFEST_FILE } from '../config.js';
import type { CatalogueRow } from '../emit/catalogue/row.js';
import { own } from '../own.js';

export interface Manifest {
  generator: string;
  /** Hash of the specs, the generator's own source and the settings that shaped the output. */
  inputHash: string;
  /** Generated files, relative to the package root, sorted. */
  files: string[];
  /** sha256 (hex) of each generated file's bytes as written; absent in older manifests. */
  sha256?: Record<string, string>;
  /** The package's row of packages/README.md (kept here so skipped packages keep theirs). */
  catalogue?: CatalogueRow;
}

export function readManifest(pkgDir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(path.join(pkgDir, MANIFEST_FILE), 'utf8')) as Manifest;
    return Array.isArray(m.files) && typeof m.inputHash === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

export const contentHash = (content: string | Buffer) =>
  createHash('sha256').update(content).digest('hex');

export function manifestText(
  inputHash: string,
  files: readonly { path: string; content: string }[],
  catalogue?: CatalogueRow,
): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const m: Manifest = {
    generator: GENERATOR_NAME,
    inputHash,
    files: sorted.map((f) => f.path),
    sha256: Object.fromEntries(sorted.map((f) => [f.path, contentHash(f.content)])),
    ...(catalogue ? { catalogue } : {}),
  };
  return `${JSON.stringify(m, null, 2)}\n`;
}

/**
 * The first generated file of the package that is missing or differs from what was written
 * (hashes from the manifest; one read and hash per file), or undefined when all are intact.
 * A manifest without hashes counts as changed, so its package is regenerated once.
 */
export function editedFile(pkgDir: string, m: Manifest): string | undefined {
  for (const rel of m.files) {
    const want = own(m.sha256, rel);
    if (want === undefined) return rel;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(pkgDir, rel));
    } catch {
      return rel;
    }
    if (contentHash(bytes) !== want) return rel;
  }
  return undefined;
}

/** The version changesets gave the package, kept across regenerations. */
export function readPackageVersion(pkgDir: string): string | undefined {
  try {
    const v = (
      JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version?: unknown }
    ).version;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
