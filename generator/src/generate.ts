// The pipeline: spec files -> validation -> IR -> emitters -> files in memory. Nothing is
// written here; the caller writes only when no spec had a problem (see run.ts).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  CUSTOM_DIR,
  INITIAL_PACKAGE_VERSION,
  RESERVED_PACKAGE_DIRS,
  type SdkConfig,
} from './config.js';
import { apiSnapshotFile } from './diff/snapshot.js';
import type { GeneratedFile } from './emit/context.js';
import type { TsEmitter } from './emit/ts.js';
import { generatorHash } from './generator-hash.js';
import { buildServices } from './ir/build.js';
import type { IrService } from './ir/model.js';
import { coreModule, packageDir, packageName } from './ir/names.js';
import { type LoadedSpec, loadSpec, type SpecLocation, type SpecSource } from './spec/load.js';
import type { Problem } from './spec/problems.js';
import type { ApiSpec } from './spec/types.js';
import { validateCatalogue, validateSpec } from './spec/validate.js';
import { readManifest, readPackageVersion } from './write/manifest.js';

export interface ChunkOptions {
  source: SpecSource;
  outDir: string;
  config: SdkConfig;
  /** Regenerate even when the manifest says the inputs did not change. */
  force: boolean;
}

export interface PackageOutput {
  /** Spec folder (`autoscaling`). */
  service: string;
  /** Package folder under outDir (`as`). */
  dir: string;
  inputHash: string;
  /** Undefined when skipped because nothing changed since the last run. */
  files?: GeneratedFile[];
}

export interface ChunkResult {
  problems: Problem[];
  packages: PackageOutput[];
  /** IR of each generated service (kept only when asked, e.g. for diffs). */
  ir?: IrService[];
}

/**
 * Loads, validates and emits a list of services. Parsed specs are dropped after each service;
 * the emitted text is kept until the caller decides whether to write it.
 */
export async function generateChunk(
  services: readonly SpecLocation[][],
  opts: ChunkOptions,
  onService?: (name: string) => void,
  keepIr = false,
): Promise<ChunkResult> {
  const problems: Problem[] = [];
  const packages: PackageOutput[] = [];
  const irs: IrService[] = [];
  // ts-morph loads (~0.5 s) only once a service actually needs emitting, not on no-op runs.
  let emitter:
    | { ts: TsEmitter; emit: typeof import('./emit/service-package.js').emitServicePackage }
    | undefined;
  const genHash = generatorHash();
  for (const locs of services) {
    const specs: LoadedSpec[] = [];
    let ok = true;
    for (const loc of locs) {
      const spec = loadSpec(loc, opts.source, problems);
      if (!validateSpec(spec, problems)) ok = false;
      specs.push(spec);
    }
    validateCatalogue(specs, problems);
    const short = (specs[specs.length - 1]?.api as ApiSpec | undefined)?.metadata?.serviceShortName;
    if (short && RESERVED_PACKAGE_DIRS.has(short)) {
      problems.push({
        file: specs[0]!.apiFile,
        path: '$.metadata.serviceShortName',
        message: `service name "${short}" is reserved for a hand-written package`,
        hint: 'packages/core and packages/testing are not generated',
      });
      ok = false;
    }
    const name = locs[0]?.serviceDir ?? '?';
    if (ok && problems.length === 0) {
      const [svc] = buildServices(specs);
      if (svc) {
        const dir = packageDir(svc);
        const pkgPath = path.join(opts.outDir, dir);
        const version = readPackageVersion(pkgPath) ?? INITIAL_PACKAGE_VERSION;
        const hasCustomIndex = existsSync(path.join(pkgPath, CUSTOM_DIR, 'index.ts'));
        const specsPath = specsPathOf(opts.source, pkgPath, name);
        const inputHash = createHash('sha256')
          .update(
            JSON.stringify([
              genHash,
              opts.config,
              version,
              hasCustomIndex,
              specsPath,
              specs.map((s) => [s.versionDir, s.inputHash]),
            ]),
          )
          .digest('hex');
        const out: PackageOutput = { service: name, dir, inputHash };
        if (opts.force || readManifest(pkgPath)?.inputHash !== inputHash) {
          const ctx = {
            scope: opts.config.scope,
            coreModule: coreModule(opts.config.scope),
            defaultRegion: opts.config.defaultRegion,
            specsPath,
            svc,
            packageName: packageName(opts.config.scope, svc),
            packageVersion: version,
            hasCustomIndex,
          };
          if (!emitter) {
            const [{ emitServicePackage }, { TsEmitter }] = await Promise.all([
              import('./emit/service-package.js'),
              import('./emit/ts.js'),
            ]);
            emitter = { ts: new TsEmitter(), emit: emitServicePackage };
          }
          out.files = [
            ...emitter.emit(ctx, emitter.ts, opts.config),
            apiSnapshotFile(ctx.packageName, svc),
          ];
        }
        packages.push(out);
        if (keepIr) irs.push(svc);
      }
    }
    onService?.(name);
  }
  return keepIr ? { problems, packages, ir: irs } : { problems, packages };
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
