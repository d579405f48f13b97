// The per-package manifest: which files the generator owns and the hash of its inputs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATOR_NAME, MANIFEST_FILE } from '../config.js';

export interface Manifest {
  generator: string;
  /** Hash of the specs, the generator's own source and the settings that shaped the output. */
  inputHash: string;
  /** Generated files, relative to the package root, sorted. */
  files: string[];
}

export function readManifest(pkgDir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(path.join(pkgDir, MANIFEST_FILE), 'utf8')) as Manifest;
    return Array.isArray(m.files) && typeof m.inputHash === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

export function manifestText(inputHash: string, files: readonly string[]): string {
  const m: Manifest = { generator: GENERATOR_NAME, inputHash, files: [...files].sort() };
  return `${JSON.stringify(m, null, 2)}\n`;
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
