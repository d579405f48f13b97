// The input hash of one service package: the generator itself, the settings, the package's
// version and custom index, where its specs live, and every spec byte. generate.ts computes it
// after parsing, unchanged.ts before parsing; both go through serviceInputHash so they agree.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CUSTOM_DIR, INITIAL_PACKAGE_VERSION, type SdkConfig } from './config.js';
import type { SpecSource } from './spec/load.js';
import { readPackageVersion } from './write/manifest.js';

/** What the package folder itself contributes to the output. */
export interface PackageInputs {
  version: string;
  hasCustomIndex: boolean;
  specsPath: string;
}

export function packageInputs(source: SpecSource, pkgPath: string, serviceDir: string) {
  return {
    version: readPackageVersion(pkgPath) ?? INITIAL_PACKAGE_VERSION,
    hasCustomIndex: existsSync(path.join(pkgPath, CUSTOM_DIR, 'index.ts')),
    specsPath: specsPathOf(source, pkgPath, serviceDir),
  } satisfies PackageInputs;
}

/** versions: [versionDir, hash of that version's files] oldest first, as listSpecs sorts them. */
export function serviceInputHash(
  genHash: string,
  config: SdkConfig,
  pkg: PackageInputs,
  versions: readonly (readonly [string, string])[],
  serviceDir: string,
): string {
  // Only this service's root-version override counts: changing another's skips this one.
  const { rootVersions, ...shared } = config;
  const root =
    rootVersions && Object.hasOwn(rootVersions, serviceDir) ? rootVersions[serviceDir] : null;
  return createHash('sha256')
    .update(
      JSON.stringify([
        genHash,
        shared,
        root,
        pkg.version,
        pkg.hasCustomIndex,
        pkg.specsPath,
        versions,
      ]),
    )
    .digest('hex');
}

/**
 * The spec folder the emulator of the smoke test loads, relative to the package (posix): the
 * service's own folder in our layout; the whole tccli folder in Tencent's (its errors live in
 * a sibling folder, which the emulator finds from there).
 */
function specsPathOf(source: SpecSource, pkgPath: string, serviceDir: string): string {
  const target = source.errorsDir ? source.apiDir : path.join(source.apiDir, serviceDir);
  return path.relative(pkgPath, target).split(path.sep).join('/');
}
