// Type-checks generated service packages (src and test, as each package's tsconfig.json does)
// with ONE TypeScript program: packages never import each other, so checking any subset
// together gives each package the diagnostics its own `tsc -p tsconfig.json --noEmit` gives.
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { compilerOptions, format } from './build.mjs';
import {
  generatedPackages,
  hashPaths,
  installedVersion,
  listFiles,
  ROOT,
  StepState,
} from './workspace.mjs';

/** Inputs every package's check reads: a change in core's or testing's types re-checks all. */
const GLOBAL_INPUTS = [
  'scripts/src/typecheck.mjs',
  'scripts/src/build.mjs',
  'scripts/src/workspace.mjs',
  'tsconfig.base.json',
  'packages/core/dist',
  'packages/testing/dist',
];
const PACKAGE_INPUTS = ['src', 'test', 'package.json', 'tsconfig.json'];

/**
 * @param {{ root?: string, only?: string[], force?: boolean, log?: (s: string) => void }} [opts]
 * @returns {Promise<{ checked: string[], upToDate: string[], errors: string, ms: number }>}
 */
export async function typecheckPackages(opts = {}) {
  const t0 = performance.now();
  const root = opts.root ?? ROOT;
  const log = opts.log ?? (() => {});
  const state = new StepState('typecheck', root);
  const globalKey = hashPaths(root, GLOBAL_INPUTS, [
    installedVersion('typescript'),
    installedVersion('vitest'),
  ]);
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
  if (stale.length === 0) return { checked: [], upToDate, errors: '', ms: performance.now() - t0 };
  log(`type-checking ${stale.length} package(s), ${upToDate.length} up to date`);

  const rootNames = stale.flatMap((p) =>
    [...listFiles(root, `${p.dir}/src`), ...listFiles(root, `${p.dir}/test`)]
      .filter((f) => /\.[cm]?ts$/.test(f))
      .map((f) => join(root, f)),
  );
  const program = ts.createProgram({
    rootNames,
    options: compilerOptions(root, { noEmit: true }),
  });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const failed = new Set(
    diagnostics.map((d) => {
      const rel = d.file ? relative(root, d.file.fileName).split(sep).join('/') : '';
      return /^packages\/[^/]+/.exec(rel)?.[0] ?? '(global)';
    }),
  );
  for (const p of stale) {
    if (failed.has(p.dir) || failed.has('(global)')) state.forget(p.dir);
    else state.mark(p.dir, hashes.get(p.dir) ?? '');
  }
  state.save();
  return {
    checked: stale.map((p) => p.dir),
    upToDate,
    errors: diagnostics.length > 0 ? format(diagnostics) : '',
    ms: performance.now() - t0,
  };
}
