// Skips a service before parsing it: hashes its spec files' raw bytes the way generate.ts does
// after parsing and compares with the package's manifest. Parsing, validating and building the
// IR of every spec cost seconds on the whole catalogue; hashing the bytes costs a fraction.
//
// The package folder comes from a textual guess at serviceShortName. A wrong guess cannot skip a
// change: a skip needs the manifest in that folder to hold the hash of these very bytes, and the
// run that wrote it built that folder from the same bytes, generator and settings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RESERVED_PACKAGE_DIRS } from './config.js';
import type { ChunkOptions, PackageOutput } from './generate.js';
import { packageInputs, serviceInputHash } from './input-hash.js';
import { guessShortName, hashSpecBytes, type SpecLocation } from './spec/load.js';
import { editedFile, readManifest } from './write/manifest.js';

/** The skipped package's output (no files) when its inputs match the manifest, else undefined. */
export function unchangedPackage(
  locs: readonly SpecLocation[],
  opts: ChunkOptions,
  genHash: string,
): PackageOutput | undefined {
  const service = locs[0]?.serviceDir;
  if (!service) return undefined;
  const texts: Buffer[] = [];
  try {
    for (const loc of locs) texts.push(readFileSync(loc.apiFile));
  } catch {
    return undefined;
  }
  // The IR names the package after the newest version (listSpecs sorts oldest first).
  const dir = guessShortName(texts[texts.length - 1]!);
  if (!dir || RESERVED_PACKAGE_DIRS.has(dir) || dir.includes('/') || dir.startsWith('.')) {
    return undefined;
  }
  const pkgPath = path.join(opts.outDir, dir);
  const manifest = readManifest(pkgPath);
  if (!manifest) return undefined;
  const versions: [string, string][] = [];
  for (const [i, loc] of locs.entries()) {
    const text = texts[i]!;
    const h = hashSpecBytes(loc, opts.source, text, guessShortName(text));
    if (!h) return undefined;
    versions.push([loc.versionDir, h]);
  }
  const inputHash = serviceInputHash(
    genHash,
    opts.config,
    packageInputs(opts.source, pkgPath, service),
    versions,
    service,
  );
  if (manifest.inputHash !== inputHash) return undefined;
  // Same inputs; skip only if the files still hold what was written (a hand edit is undone).
  return editedFile(pkgPath, manifest) === undefined ? { service, dir, inputHash } : undefined;
}
