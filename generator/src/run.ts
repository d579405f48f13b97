// Runs a generation: lists specs, splits services over worker threads, reports progress, then
// writes (or checks) every package only if no spec had a problem.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import cliProgress from 'cli-progress';
import { DEFAULT_CONFIG_FILE, MANIFEST_FILE, type SdkConfig } from './config.js';
import { diffAndWriteChangeset } from './diff/changeset.js';
import { CATALOGUE_FILE, type CatalogueRow, parseRow } from './emit/catalogue/row.js';
import { type PaginationSummary, writePaginationReport } from './emit/pagination/report.js';
import type { ChunkOptions, ChunkResult, PackageOutput } from './generate.js';
import { generatorHash } from './generator-hash.js';
import { groupByService } from './group.js';
import { inShard, type Shard } from './shard.js';
import { listSpecs, type SpecLocation, type SpecSource } from './spec/load.js';
import type { Problem } from './spec/problems.js';
import { validateRootVersions } from './spec/validate.js';
import { unchangedPackage } from './unchanged.js';
import { type StaleImport, syncWorkspace } from './workspace/sync.js';
import { applyPackage } from './write/apply.js';
import { readManifest } from './write/manifest.js';

export interface RunOptions {
  source: SpecSource;
  outDir: string;
  config: SdkConfig;
  /** The file `config` came from, named in problems with its settings. */
  configFile?: string;
  /** Spec folder names to generate; all when empty. */
  services?: string[];
  shard?: Shard;
  check?: boolean;
  force?: boolean;
  /** Worker threads; 1 = in this thread. Default: 2 on 2+ cores for 20+ services, else 1. */
  jobs?: number;
  progress?: boolean;
  log?: (line: string) => void;
  /**
   * The workspace root whose hand-written packages follow the scope (core/testing names, their
   * workspace dependencies, core's version.ts); none when generating elsewhere (`--out /tmp/x`).
   */
  workspaceRoot?: string;
}

export interface PackageReport {
  service: string;
  dir: string;
  status: 'written' | 'unchanged' | 'skipped' | 'would change';
  changed: string[];
  removed: string[];
}

export interface RunResult {
  problems: Problem[];
  /** Harmless oddities of the specs that were read (skipped services are not read). */
  warnings: Problem[];
  packages: PackageReport[];
  /** Check mode: files that differ from what the generator would write. */
  outOfDate: string[];
  /** Generated packages (with a manifest) whose spec is gone; only on full, unsharded runs. */
  orphans: string[];
  /** Hand-written workspace files written (or, in check mode, out of date), root-relative. */
  workspace: string[];
  /** Hand-written imports of a workspace package under another scope than the configured one. */
  staleImports: StaleImport[];
  /** Paginators and paged-looking actions without one, over every package in outDir. */
  pagination?: PaginationSummary;
  /** Spec folders that were parsed, validated and built (the others were skipped unread). */
  parsed: string[];
  ms: number;
  files: number;
}

export async function runGenerate(opts: RunOptions): Promise<RunResult> {
  const start = performance.now();
  const locs = listSpecs(opts.source, opts.services).filter((l) =>
    inShard(l.serviceDir, opts.shard),
  );
  const services = groupByService(locs);
  // The root-version overrides name services and versions: check them against every spec.
  const configProblems: Problem[] = [];
  validateRootVersions(
    opts.config.rootVersions,
    opts.configFile ?? DEFAULT_CONFIG_FILE,
    opts.shard || (opts.services && opts.services.length > 0) ? listSpecs(opts.source) : locs,
    configProblems,
  );
  const chunkOpts: ChunkOptions = {
    source: opts.source,
    outDir: opts.outDir,
    config: opts.config,
    force: opts.force === true || opts.check === true,
  };
  const bar =
    opts.progress && services.length > 1
      ? new cliProgress.SingleBar(
          { format: 'generate [{bar}] {value}/{total} {service}', hideCursor: true },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  bar?.start(services.length, 0, { service: '' });
  const tick = (name: string) => bar?.increment({ service: name });
  // Unchanged services are skipped on their raw bytes, before any parsing (see unchanged.ts).
  // --check and --force skip nothing: check compares every emitted file with the disk.
  const skipped: PackageOutput[] = [];
  const todo: SpecLocation[][] = [];
  const genHash = chunkOpts.force ? '' : generatorHash();
  for (const locs of services) {
    const same = chunkOpts.force ? undefined : unchangedPackage(locs, chunkOpts, genHash);
    if (same) {
      skipped.push(same);
      tick(same.service);
    } else todo.push(locs);
  }
  // Workers cost ~0.3 s each to start (tsx and the pipeline); they pay off on big runs only.
  const defaultJobs = todo.length >= 20 ? Math.min(os.availableParallelism(), 2) : 1;
  const jobs = Math.max(1, Math.min(opts.jobs ?? defaultJobs, todo.length));
  let results: ChunkResult[] = [];
  try {
    // The pipeline is loaded only when something changed: here with one job, else in workers.
    if (todo.length > 0 && configProblems.length === 0) {
      results =
        jobs === 1
          ? [await (await import('./generate.js')).generateChunk(todo, chunkOpts, tick)]
          : await inWorkers(split(todo, jobs), chunkOpts, tick);
    }
  } finally {
    bar?.stop();
  }
  const problems = [...configProblems, ...results.flatMap((r) => r.problems)];
  const warnings = results.flatMap((r) => r.warnings);
  const outputs = [...skipped, ...results.flatMap((r) => r.packages)].sort((a, b) =>
    a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0,
  );
  problems.push(...duplicatePackages(outputs, services));
  const result: RunResult = {
    problems,
    warnings,
    packages: [],
    outOfDate: [],
    orphans: [],
    workspace: [],
    staleImports: [],
    parsed: todo.map((locs) => locs[0]!.serviceDir),
    ms: 0,
    files: 0,
  };
  if (problems.length === 0) {
    for (const out of outputs) {
      const pkgDir = path.join(opts.outDir, out.dir);
      if (!out.files) {
        result.packages.push({
          service: out.service,
          dir: out.dir,
          status: 'skipped',
          changed: [],
          removed: [],
        });
        continue;
      }
      result.files += out.files.length;
      if (!opts.check) diffAndWriteChangeset({ pkgDir, files: out.files, log: opts.log });
      const { changed, removed } = applyPackage(
        pkgDir,
        out.files,
        out.inputHash,
        opts.check === true,
        out.catalogue,
      );
      const status =
        changed.length + removed.length === 0
          ? 'unchanged'
          : opts.check
            ? 'would change'
            : 'written';
      result.packages.push({ service: out.service, dir: out.dir, status, changed, removed });
      for (const f of [...changed, ...removed]) result.outOfDate.push(path.join(out.dir, f));
    }
  }
  // A package whose spec disappeared is reported, never deleted: it has a changelog and users.
  const fullRun = !opts.shard && !(opts.services && opts.services.length > 0);
  if (fullRun && problems.length === 0) {
    const live = new Set(outputs.map((o) => o.dir));
    result.orphans = existsSync(opts.outDir)
      ? readdirSync(opts.outDir)
          .filter((d) => !live.has(d) && existsSync(path.join(opts.outDir, d, MANIFEST_FILE)))
          .sort()
      : [];
  }
  if (problems.length === 0) {
    const paging = writePaginationReport(opts.outDir, new Set(result.orphans), opts.check === true);
    result.pagination = paging;
    if (paging.changed) result.outOfDate.push(path.basename(paging.file));
  }
  if (opts.workspaceRoot && problems.length === 0) {
    const synced = syncWorkspace(opts.workspaceRoot, opts.config.scope, opts.check === true);
    result.workspace = synced.changed;
    result.staleImports = synced.staleImports;
    const orphans = new Set(result.orphans);
    const catalogue = await writeCatalogue(opts, outputs, (dir) => !orphans.has(dir));
    if (catalogue) result.workspace.push(path.relative(opts.workspaceRoot, catalogue));
  }
  result.ms = Math.round(performance.now() - start);
  return result;
}

function duplicatePackages(
  outputs: readonly PackageOutput[],
  services: readonly SpecLocation[][],
): Problem[] {
  const apiFile = new Map(services.map((locs) => [locs[0]!.serviceDir, locs.at(-1)!.apiFile]));
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const o of outputs) {
    const prev = seen.get(o.dir);
    if (prev && prev !== o.service) {
      problems.push({
        file: apiFile.get(o.service) ?? o.service,
        path: '$.metadata.serviceShortName',
        message: `duplicate service name: folders ${prev} and ${o.service} both become packages/${o.dir}`,
        hint: 'give each service its own serviceShortName',
      });
    }
    seen.set(o.dir, o.service);
  }
  return problems;
}

/**
 * packages/README.md from every generated package's row: this run's for what it emitted, the
 * manifest's for the rest (skipped, or not selected). Returns the file when it was written (or,
 * in check mode, is out of date).
 */
async function writeCatalogue(
  opts: RunOptions,
  outputs: readonly PackageOutput[],
  live: (dir: string) => boolean,
): Promise<string | undefined> {
  const rows = new Map<string, CatalogueRow>();
  for (const dir of existsSync(opts.outDir) ? readdirSync(opts.outDir).sort() : []) {
    if (!live(dir)) continue;
    const row = parseRow(readManifest(path.join(opts.outDir, dir))?.catalogue);
    if (row) rows.set(dir, row);
  }
  for (const o of outputs) if (o.catalogue) rows.set(o.dir, o.catalogue);
  const { catalogueText } = await import('./emit/catalogue/render.js');
  const text = catalogueText([...rows.values()], opts.config.scope);
  const file = path.join(opts.outDir, CATALOGUE_FILE);
  let old: string | undefined;
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    old = undefined;
  }
  if (old === text) return undefined;
  if (!opts.check) writeFileSync(file, text);
  return file;
}

/** Largest services first onto the least loaded worker, by api.json size. */
function split(services: SpecLocation[][], n: number): SpecLocation[][][] {
  const size = (s: SpecLocation[]) => s.reduce((t, l) => t + statSync(l.apiFile).size, 0);
  const sized = services.map((s) => ({ s, size: size(s) })).sort((a, b) => b.size - a.size);
  const bins = Array.from({ length: n }, () => ({ load: 0, items: [] as SpecLocation[][] }));
  for (const { s, size: sz } of sized) {
    const bin = bins.reduce((a, b) => (b.load < a.load ? b : a));
    bin.items.push(s);
    bin.load += sz;
  }
  return bins.map((b) => b.items).filter((b) => b.length > 0);
}

function inWorkers(
  chunks: SpecLocation[][][],
  opts: ChunkOptions,
  tick: (name: string) => void,
): Promise<ChunkResult[]> {
  // Under tsx the entry registers tsx's loader in the worker; compiled, worker.js runs as is.
  const url = new URL(
    import.meta.url.endsWith('.ts') ? './worker-entry.mjs' : './worker.js',
    import.meta.url,
  );
  return Promise.all(
    chunks.map(
      (services) =>
        new Promise<ChunkResult>((resolve, reject) => {
          const worker = new Worker(url, { workerData: { services, opts } });
          const packages: PackageOutput[] = [];
          worker.on(
            'message',
            (m: {
              type: string;
              name?: string;
              packages?: PackageOutput[];
              problems?: ChunkResult['problems'];
              warnings?: ChunkResult['warnings'];
            }) => {
              if (m.type === 'service') {
                packages.push(...m.packages!);
                tick(m.name!);
              } else if (m.type === 'done')
                resolve({ problems: m.problems!, warnings: m.warnings!, packages });
            },
          );
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`generator worker exited with code ${code}`));
          });
        }),
    ),
  );
}
