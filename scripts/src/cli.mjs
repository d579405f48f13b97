#!/usr/bin/env node
// Whole-catalogue steps (see ../README.md):
//   build | typecheck | test | lint-package [package folders...] [--force] [--all]
// With folders, only those packages; without, every generated package. Each step skips the
// packages whose inputs did not change since it last succeeded (--force: do all).
import { buildPackages } from './build.mjs';

const [step, ...rest] = process.argv.slice(2);
const force = rest.includes('--force');
const all = rest.includes('--all');
const dirs = rest.filter((a) => !a.startsWith('--'));
const only = dirs.length > 0 ? dirs : undefined;
const log = (/** @type {string} */ s) => console.log(`[${step}] ${s}`);

const steps = {
  build: async () => {
    const r = await buildPackages({ only, force, log });
    log(`${r.built.length} built, ${r.upToDate.length} up to date (${secs(r.ms)})`);
  },
  typecheck: async () => {
    const { typecheckPackages } = await import('./typecheck.mjs');
    const r = await typecheckPackages({ only, force, log });
    log(`${r.checked.length} checked, ${r.upToDate.length} up to date (${secs(r.ms)})`);
    if (r.errors) {
      console.error(r.errors);
      process.exitCode = 1;
    }
  },
  test: async () => {
    const { testPackages } = await import('./smoke.mjs');
    const r = await testPackages({ only, force, log });
    log(`${r.tested.length} tested, ${r.upToDate.length} up to date (${secs(r.ms)})`);
    if (!r.ok) process.exitCode = 1;
  },
  'lint-package': async () => {
    const { lintPackages } = await import('./lint-package.mjs');
    const r = await lintPackages({ only, all, log });
    log(`${r.linted.length} linted (${r.reason}) (${secs(r.ms)})`);
    if (r.failed.length > 0) {
      console.error(`publint/attw failed for: ${r.failed.join(', ')}`);
      process.exitCode = 1;
    }
  },
};

const run = steps[/** @type {keyof typeof steps} */ (step)];
if (!run) {
  console.error(`usage: cli.mjs ${Object.keys(steps).join('|')} [package folders...] [--force]`);
  process.exit(2);
}
try {
  await run();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}

function secs(/** @type {number} */ ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}
