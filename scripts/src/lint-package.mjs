// publint --strict and attw (all four resolution modes) on generated service packages. Both
// tools pack the package first, so each costs seconds; on every package every time that is
// 6.5 minutes. Instead they run on
//   - every package whose packed output changed: its hash (package.json, README, CHANGELOG,
//     dist/, the version folders) differs from the one recorded in verified-packages.json, the
//     committed record of outputs that passed. On a clean CI clone this is exactly what changed
//     since someone last ran the check and committed the record;
//   - a fixed sample (SAMPLE plus the first and last package by folder), which stands for all
//     because every generated package has the same manifest shape and the same build
//     (test/manifest-shape.test.ts proves the first);
//   - with --all, every package.
// Outside CI the record is rewritten for the packages that passed (commit it with the change).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { generatedPackages, hashPaths, ROOT } from './workspace.mjs';

const execFileAsync = promisify(execFile);
export const RECORD_FILE = 'scripts/verified-packages.json';
/** Always checked: one version (cvm), several with an older root (tke), streaming (hunyuan),
 * a folder that is not the wire name (as = autoscaling). */
export const SAMPLE = ['packages/cvm', 'packages/tke', 'packages/hunyuan', 'packages/as'];

/** Hash of what `pnpm pack` puts in the tarball. @param {import('./workspace.mjs').GeneratedPackage} p */
export function outputHash(p, root = ROOT) {
  const files = ['package.json', 'README.md', 'CHANGELOG.md', 'dist', ...p.versions];
  return hashPaths(
    root,
    files.map((f) => `${p.dir}/${f}`),
  );
}

/** @param {string} root @returns {Record<string, string>} */
export function readRecord(root = ROOT) {
  try {
    return JSON.parse(readFileSync(join(root, RECORD_FILE), 'utf8'));
  } catch {
    return {};
  }
}

/**
 * Which packages to lint and why.
 * @param {readonly import('./workspace.mjs').GeneratedPackage[]} all
 * @param {Record<string, string>} record
 * @param {Map<string, string>} hashes
 * @param {boolean} everything
 */
export function selectPackages(all, record, hashes, everything) {
  if (everything) return { selected: all.map((p) => p.dir), changed: all.map((p) => p.dir) };
  const changed = all.filter((p) => record[p.dir] !== hashes.get(p.dir)).map((p) => p.dir);
  const dirs = all.map((p) => p.dir);
  const sample = [...SAMPLE, dirs[0], dirs[dirs.length - 1]].filter(
    (d) => d !== undefined && dirs.includes(d),
  );
  const selected = dirs.filter((d) => changed.includes(d) || sample.includes(d));
  return { selected, changed };
}

/**
 * Packs `dirs` with ONE `npm pack` (the packer `attw --pack` uses) and returns each tarball.
 * @param {string} root @param {readonly string[]} dirs
 * @returns {Promise<Map<string, Uint8Array>>}
 */
async function pack(root, dirs) {
  const dest = mkdtempSync(join(tmpdir(), 'tc-lint-package-'));
  try {
    const { stdout } = await execFileAsync(
      'npm',
      [
        'pack',
        ...dirs.map((d) => `./${d}`),
        '--pack-destination',
        dest,
        '--json',
        '--ignore-scripts',
      ],
      { cwd: root, maxBuffer: 256 << 20 },
    );
    /** @type {{ filename: string }[]} */
    const packed = JSON.parse(stdout);
    if (packed.length !== dirs.length)
      throw new Error(`npm pack packed ${packed.length} of ${dirs.length}`);
    return new Map(
      dirs.map((d, i) => [d, new Uint8Array(readFileSync(join(dest, packed[i]?.filename ?? '')))]),
    );
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }
}

/**
 * What `publint --strict` and `attw --pack .` (profile strict: node10, node16 from CJS and
 * from ESM, bundler) report for one packed package; empty when both pass.
 * @param {Uint8Array} tarball
 * @returns {Promise<string[]>}
 */
export async function lintTarball(tarball) {
  const problems = [];
  const tarballBuffer = tarball.buffer.slice(
    tarball.byteOffset,
    tarball.byteOffset + tarball.byteLength,
  );
  const { messages, pkg } = await publint({
    strict: true,
    pack: { tarball: tarballBuffer },
  });
  for (const m of messages)
    if (m.type !== 'suggestion')
      problems.push(`publint ${m.type}: ${formatMessage(m, pkg, { color: false })}`);
  const analysis = await checkPackage(createPackageFromTarballData(tarball));
  if (!analysis.types) problems.push('attw: the package has no types');
  else for (const p of analysis.problems) problems.push(`attw ${p.kind}: ${JSON.stringify(p)}`);
  return problems;
}

/**
 * @param {{ root?: string, only?: string[], all?: boolean, log?: (s: string) => void }} [opts]
 * @returns {Promise<{ linted: string[], failed: string[], reason: string, ms: number }>}
 */
export async function lintPackages(opts = {}) {
  const t0 = performance.now();
  const root = opts.root ?? ROOT;
  const log = opts.log ?? (() => {});
  const all = generatedPackages(root, opts.only);
  const hashes = new Map(all.map((p) => [p.dir, outputHash(p, root)]));
  const record = readRecord(root);
  const { selected, changed } = opts.only
    ? { selected: all.map((p) => p.dir), changed: all.map((p) => p.dir) }
    : selectPackages(all, record, hashes, opts.all ?? false);
  const fromSample = selected.filter((d) => !changed.includes(d)).length;
  const reason = `${changed.length} changed since ${RECORD_FILE}, ${fromSample} more from the fixed sample`;
  log(`linting ${selected.length} of ${all.length} package(s): ${reason}`);

  /** @type {string[]} */
  const failed = [];
  const tarballs = selected.length > 0 ? await pack(root, selected) : new Map();
  for (const dir of selected) {
    const problems = await lintTarball(tarballs.get(dir));
    if (problems.length === 0) continue;
    failed.push(dir);
    console.error(
      `${dir}:\n  ${problems.join('\n  ')}\n  (details: cd ${dir} && pnpm lint:package)`,
    );
  }

  const next = { ...record };
  for (const p of Object.keys(next))
    if (!all.some((q) => q.dir === p) && !opts.only) delete next[p];
  for (const dir of selected) {
    if (failed.includes(dir)) delete next[dir];
    else next[dir] = hashes.get(dir) ?? '';
  }
  const unrecorded = all.filter(
    (p) => next[p.dir] !== hashes.get(p.dir) || record[p.dir] !== next[p.dir],
  );
  if (process.env.CI) {
    if (unrecorded.length > 0)
      log(
        `${unrecorded.length} package(s) differ from ${RECORD_FILE}; run \`pnpm lint:package\` and commit it`,
      );
  } else {
    const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : 1)));
    writeFileSync(join(root, RECORD_FILE), `${JSON.stringify(sorted, null, 2)}\n`);
  }
  return { linted: selected, failed, reason, ms: performance.now() - t0 };
}
