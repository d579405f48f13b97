// `spec-diff <old> <new>`: the API diff `pnpm generate` would turn into changesets, between any
// two spec locations (an api.json, a version folder, a service folder or a whole specs folder),
// printed and nothing written.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SdkConfig } from '../config.js';
import { buildServices } from '../ir/build.js';
import { packageDir, packageName } from '../ir/names.js';
import { type LoadedSpec, listSpecs, loadSpec, type SpecLocation } from '../spec/load.js';
import type { Problem } from '../spec/problems.js';
import { validateCatalogue, validateSpec } from '../spec/validate.js';
import { type ApiChange, type Bump, bumpOf, diffSnapshots } from './diff.js';
import {
  type ApiSnapshot,
  parseSnapshot,
  SNAPSHOT_FILE,
  SNAPSHOT_FORMAT,
  snapshotOf,
} from './snapshot.js';

export interface PackageDiff {
  /** Package folder (`cvm`). */
  dir: string;
  packageName: string;
  /** `added`/`removed`: the service exists on one side only. */
  kind: 'changed' | 'added' | 'removed';
  bump?: Bump;
  changes: ApiChange[];
}

/** Snapshots (by package folder) of every service found at `target`. */
export function snapshotsAt(
  target: string,
  config: SdkConfig,
  problems: Problem[],
  errorsDir?: string,
): Map<string, ApiSnapshot> {
  const snapshots = snapshotFiles(path.resolve(target));
  if (snapshots) return snapshots;
  const source = { apiDir: '', ...(errorsDir ? { errorsDir } : {}) };
  const locs = locate(path.resolve(target), source);
  const byService = new Map<string, LoadedSpec[]>();
  for (const loc of locs) {
    const spec = loadSpec(loc, source, problems);
    validateSpec(spec, problems);
    byService.set(loc.serviceDir, [...(byService.get(loc.serviceDir) ?? []), spec]);
  }
  const out = new Map<string, ApiSnapshot>();
  for (const specs of byService.values()) {
    validateCatalogue(specs, problems);
    if (problems.length > 0) continue;
    for (const svc of buildServices(specs))
      out.set(packageDir(svc), snapshotOf(packageName(config.scope, svc), svc));
  }
  return out;
}

/**
 * A generated package's api-snapshot.json (the file, its package folder, or a folder of
 * packages): what `pnpm generate` diffs against. Undefined when `target` is a spec location.
 */
function snapshotFiles(target: string): Map<string, ApiSnapshot> | undefined {
  if (!existsSync(target)) return undefined;
  const files: string[] = [];
  if (statSync(target).isFile()) {
    if (path.basename(target) === SNAPSHOT_FILE) files.push(target);
  } else if (existsSync(path.join(target, SNAPSHOT_FILE))) {
    files.push(path.join(target, SNAPSHOT_FILE));
  } else {
    for (const d of readdirSync(target).sort()) {
      const f = path.join(target, d, SNAPSHOT_FILE);
      if (existsSync(f)) files.push(f);
    }
  }
  if (files.length === 0) return undefined;
  const out = new Map<string, ApiSnapshot>();
  for (const f of files) {
    const snap = parseSnapshot(readFileSync(f, 'utf8'));
    if (!snap) throw new Error(`${f}: not an API snapshot of format ${SNAPSHOT_FORMAT}`);
    out.set(snap.package.slice(snap.package.indexOf('/') + 1), snap);
  }
  return out;
}

/** api.json | version folder | service folder | specs folder -> the versions it holds. */
function locate(target: string, source: { apiDir: string }): SpecLocation[] {
  if (!existsSync(target)) throw new Error(`not found: ${target}`);
  const apiFile = statSync(target).isFile() ? target : path.join(target, 'api.json');
  if (existsSync(apiFile)) {
    const versionDir = path.dirname(apiFile);
    source.apiDir = path.dirname(path.dirname(versionDir));
    return [
      {
        serviceDir: path.basename(path.dirname(versionDir)),
        versionDir: versionFolderOf(apiFile, path.basename(versionDir)),
        apiFile,
      },
    ];
  }
  const isService = readdirSync(target).some((d) => existsSync(path.join(target, d, 'api.json')));
  if (isService) {
    source.apiDir = path.dirname(target);
    return listSpecs(source, [path.basename(target)]);
  }
  source.apiDir = target;
  return listSpecs(source);
}

/** A lone api.json may sit in any folder: name the version after its own metadata. */
function versionFolderOf(apiFile: string, folder: string): string {
  if (/^v\d{8}$/.test(folder)) return folder;
  try {
    const v = (JSON.parse(readFileSync(apiFile, 'utf8')) as { metadata?: { apiVersion?: unknown } })
      .metadata?.apiVersion;
    return typeof v === 'string' ? `v${v.replaceAll('-', '')}` : folder;
  } catch {
    return folder; // the loader reports the file
  }
}

export function diffSpecs(
  oldTarget: string,
  newTarget: string,
  config: SdkConfig,
  errorsDir?: string,
): { problems: Problem[]; packages: PackageDiff[] } {
  const problems: Problem[] = [];
  const before = snapshotsAt(oldTarget, config, problems, errorsDir);
  const after = snapshotsAt(newTarget, config, problems, errorsDir);
  const packages: PackageDiff[] = [];
  for (const dir of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(dir);
    const b = after.get(dir);
    if (a && b) {
      const changes = diffSnapshots(a, b);
      const bump = bumpOf(changes);
      packages.push({
        dir,
        packageName: b.package,
        kind: 'changed',
        changes,
        ...(bump ? { bump } : {}),
      });
    } else if (b) packages.push({ dir, packageName: b.package, kind: 'added', changes: [] });
    else if (a) packages.push({ dir, packageName: a.package, kind: 'removed', changes: [] });
  }
  return { problems, packages };
}

export function formatDiff(packages: readonly PackageDiff[]): string {
  const lines: string[] = [];
  for (const p of packages) {
    if (p.kind === 'added') lines.push(`${p.packageName}: new package`);
    else if (p.kind === 'removed') lines.push(`${p.packageName}: no longer in the specs`);
    else if (!p.bump) lines.push(`${p.packageName}: no public API change`);
    else {
      lines.push(
        `${p.packageName}: ${p.bump} (${p.changes.length} change${p.changes.length > 1 ? 's' : ''})`,
      );
      for (const c of p.changes) lines.push(`  - ${c.text}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') : 'no services found';
}
