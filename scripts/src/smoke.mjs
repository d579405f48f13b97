// Runs the tests of generated service packages (the generated smoke test, which calls every
// action of every version against the emulator, and any hand-written test beside it) in ONE
// vitest run instead of one vitest start-up per package.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  generatedPackages,
  hashPaths,
  installedVersion,
  listFiles,
  ROOT,
  SCRIPTS_DIR,
  StepState,
} from './workspace.mjs';

/** Inputs every package's tests read (core and the emulator at run time). */
const GLOBAL_INPUTS = [
  'scripts/src/smoke.mjs',
  'scripts/src/workspace.mjs',
  'scripts/vitest.catalogue.config.mjs',
  'packages/core/dist',
  'packages/testing/dist',
];
/** A package's own inputs; .generated.json holds the hash of its spec, which the emulator loads. */
const PACKAGE_INPUTS = ['src', 'test', 'package.json', '.generated.json'];

/**
 * @param {{ root?: string, only?: string[], force?: boolean, log?: (s: string) => void }} [opts]
 * @returns {Promise<{ tested: string[], upToDate: string[], ok: boolean, ms: number }>}
 */
export async function testPackages(opts = {}) {
  const t0 = performance.now();
  const root = opts.root ?? ROOT;
  const log = opts.log ?? (() => {});
  const state = new StepState('test', root);
  const globalKey = hashPaths(root, GLOBAL_INPUTS, [installedVersion('vitest')]);
  const all = generatedPackages(root, opts.only);
  const hashes = new Map(
    all.map((p) => [
      p.dir,
      hashPaths(
        root,
        PACKAGE_INPUTS.map((f) => `${p.dir}/${f}`),
        [globalKey],
      ),
    ]),
  );
  const stale = all.filter((p) => opts.force || !state.isDone(p.dir, hashes.get(p.dir) ?? ''));
  const upToDate = all.filter((p) => !stale.includes(p)).map((p) => p.dir);
  if (stale.length === 0) return { tested: [], upToDate, ok: true, ms: performance.now() - t0 };

  const files = stale.flatMap((p) =>
    listFiles(root, `${p.dir}/test`).filter((f) => /\.test\.[cm]?[jt]s$/.test(f)),
  );
  log(`testing ${stale.length} package(s) (${files.length} files), ${upToDate.length} up to date`);
  const report = join(root, 'scripts', '.cache', 'test-report.json');
  rmSync(report, { force: true });
  const vitest = join(SCRIPTS_DIR, 'node_modules', 'vitest', 'vitest.mjs');
  const args = [vitest, 'run', '--config', join(SCRIPTS_DIR, 'vitest.catalogue.config.mjs')];
  args.push('--reporter=dot', '--reporter=json', `--outputFile.json=${report}`);
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TC_CATALOGUE_TESTS: files.join('\n') },
    });
    child.on('close', (c) => resolve(c ?? 1));
  });

  // A package is done when every one of its test files passed.
  /** @type {Set<string>} */
  const failedDirs = new Set();
  /** @type {Set<string>} */
  const seen = new Set();
  try {
    const results = JSON.parse(readFileSync(report, 'utf8')).testResults ?? [];
    for (const r of results) {
      const dir = /(packages\/[^/]+)\/test\//.exec(r.name.split('\\').join('/'))?.[1];
      if (!dir) continue;
      seen.add(dir);
      if (r.status !== 'passed') failedDirs.add(dir);
    }
  } catch {
    // no report: nothing is marked done
  }
  for (const p of stale) {
    if (code === 0 || (seen.has(p.dir) && !failedDirs.has(p.dir)))
      state.mark(p.dir, hashes.get(p.dir) ?? '');
    else state.forget(p.dir);
  }
  state.save();
  return { tested: stale.map((p) => p.dir), upToDate, ok: code === 0, ms: performance.now() - t0 };
}
