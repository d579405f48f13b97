// The pipeline: spec files -> validation -> IR -> emitters -> files in memory. Nothing is
// written here; the caller writes only when no spec had a problem (see run.ts).
import path from 'node:path';
import type { SdkConfig } from './config.js';
import { apiSnapshotFile } from './diff/snapshot.js';
import { type CatalogueRow, catalogueRow } from './emit/catalogue/row.js';
import type { GeneratedFile } from './emit/context.js';
import type { TsEmitter } from './emit/ts.js';
import { generatorHash } from './generator-hash.js';
import { packageInputs, serviceInputHash } from './input-hash.js';
import { buildServices } from './ir/build.js';
import type { IrService } from './ir/model.js';
import { coreModule, packageDir, packageName, unusablePackageName } from './ir/names.js';
import { type LoadedSpec, loadSpec, type SpecLocation, type SpecSource } from './spec/load.js';
import type { Problem } from './spec/problems.js';
import type { ApiSpec } from './spec/types.js';
import { validateCatalogue, validateSpec } from './spec/validate.js';
import { editedFile, readManifest } from './write/manifest.js';

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
  /** The package's row of packages/README.md; set whenever files are. */
  catalogue?: CatalogueRow;
}

export interface ChunkResult {
  problems: Problem[];
  /** Harmless oddities of the specs (printed, never fatal). */
  warnings: Problem[];
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
  const warnings: Problem[] = [];
  const packages: PackageOutput[] = [];
  const irs: IrService[] = [];
  // The emitters load only once a service actually needs emitting.
  let emitter:
    | { ts: TsEmitter; emit: typeof import('./emit/service-package.js').emitServicePackage }
    | undefined;
  const genHash = generatorHash();
  for (const locs of services) {
    const specs: LoadedSpec[] = [];
    let ok = true;
    for (const loc of locs) {
      const spec = loadSpec(loc, opts.source, problems);
      if (!validateSpec(spec, problems, warnings)) ok = false;
      specs.push(spec);
    }
    validateCatalogue(specs, problems);
    if (!packageNameOk(specs, opts.config.scope, problems)) ok = false;
    const name = locs[0]?.serviceDir ?? '?';
    if (ok && problems.length === 0) {
      const [svc] = buildServices(specs, opts.config.rootVersions);
      if (svc) {
        const dir = packageDir(svc);
        const pkgPath = path.join(opts.outDir, dir);
        const pkg = packageInputs(opts.source, pkgPath, name);
        const inputHash = serviceInputHash(
          genHash,
          opts.config,
          pkg,
          specs.map((s) => [s.versionDir, s.inputHash] as const),
          name,
        );
        const out: PackageOutput = { service: name, dir, inputHash };
        const manifest = readManifest(pkgPath);
        const same = manifest?.inputHash === inputHash && !editedFile(pkgPath, manifest);
        if (opts.force || !same) {
          const ctx = {
            scope: opts.config.scope,
            coreModule: coreModule(opts.config.scope),
            defaultRegion: opts.config.defaultRegion,
            specsPath: pkg.specsPath,
            svc,
            packageName: packageName(opts.config.scope, svc),
            packageVersion: pkg.version,
            hasCustomIndex: pkg.hasCustomIndex,
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
          out.catalogue = catalogueRow(ctx.packageName, svc);
        }
        packages.push(out);
        if (keepIr) irs.push(svc);
      }
    }
    onService?.(name);
  }
  return keepIr ? { problems, warnings, packages, ir: irs } : { problems, warnings, packages };
}

/**
 * The package is named after the service's serviceShortName (`@scope/as` for tccli's
 * `autoscaling`), so every version must agree on it and it must make a usable npm name.
 */
function packageNameOk(specs: readonly LoadedSpec[], scope: string, problems: Problem[]): boolean {
  const at = '$.metadata.serviceShortName';
  const short = (s: LoadedSpec) => (s.api as ApiSpec | undefined)?.metadata?.serviceShortName;
  const newest = specs[specs.length - 1];
  const name = newest && short(newest);
  if (!newest || typeof name !== 'string') return true; // validateSpec reported it
  let ok = true;
  for (const s of specs) {
    const other = short(s);
    if (typeof other === 'string' && other !== name) {
      problems.push({
        file: s.apiFile,
        path: at,
        message: `service name "${other}" differs from "${name}" of ${newest.versionDir}; one service folder is one package`,
        hint: 'give every version of the service the same serviceShortName',
      });
      ok = false;
    }
  }
  const why = unusablePackageName(scope, name);
  if (why) {
    problems.push({
      file: newest.apiFile,
      path: at,
      message: `service name "${name}" names the package ${scope}/${name}, which ${why}`,
      hint: 'packages/core and packages/testing are hand-written; a service needs its own npm-safe name',
    });
    ok = false;
  }
  return ok;
}
