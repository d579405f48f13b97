// Part 1: cold load. Each figure is a fresh `node` process that runs a script file loading the
// package and exits; a bare script is subtracted. Script files, not `node -e`: -e has node:crypto
// and node:stream loaded before the code runs, which a user's `node app.js` does not.
// Variants run interleaved; medians over the runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, median, runPart } from './lib/common.mjs';

const timed = (load) =>
  `const t=process.hrtime.bigint();${load};console.log(Number(process.hrtime.bigint()-t))`;
// The script prints the in-process load time too (hrtime around the require/import).
const VARIANTS = {
  baseline: ['base.cjs', ''],
  oursRequire: ['ours.cjs', timed("require('@scope/cvm')")],
  officialRequire: ['official.cjs', timed("require('tencentcloud-sdk-nodejs-cvm')")],
  oursImport: ['ours.mjs', timed("await import('@scope/cvm')")],
  officialImport: ['official.mjs', timed("await import('tencentcloud-sdk-nodejs-cvm')")],
};

function once(file) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [file], { cwd: BENCH_DIR, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${file} failed: ${r.stderr.slice(0, 500)}`);
  const inner = Number.parseInt(r.stdout.trim(), 10);
  return { wallMs, innerMs: Number.isNaN(inner) ? undefined : inner / 1e6 };
}

export async function run({ quick = false } = {}) {
  const runs = quick ? 2 : 21;
  // In bench/ so that the packages resolve from its node_modules, as a user's script would.
  const dir = mkdtempSync(path.join(BENCH_DIR, '.cold-load-'));
  const files = {};
  for (const [k, [name, code]] of Object.entries(VARIANTS)) {
    files[k] = path.join(dir, name);
    writeFileSync(files[k], `${code}\n`);
  }
  const wall = Object.fromEntries(Object.keys(VARIANTS).map((k) => [k, []]));
  const inner = Object.fromEntries(Object.keys(VARIANTS).map((k) => [k, []]));
  try {
    for (const file of Object.values(files)) once(file); // warm the file-system cache
    for (let i = 0; i < runs; i++) {
      for (const [k, file] of Object.entries(files)) {
        const r = once(file);
        wall[k].push(r.wallMs);
        if (r.innerMs !== undefined) inner[k].push(r.innerMs);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const base = median(wall.baseline);
  const net = (k) => Math.max(0, median(wall[k]) - base);
  const target = { on: 'ratio', op: '<=', value: 1 / 3, text: '<= 1/3 of official' };
  const row = (label, ours, ref, t) => ({
    part: 'cold-load',
    label,
    unit: 'ms',
    ours,
    ref,
    better: 'lower',
    target: t,
  });
  return {
    rows: [
      row(
        'require(), fresh process minus a bare script',
        net('oursRequire'),
        net('officialRequire'),
        target,
      ),
      row(
        'import(), fresh process minus a bare script',
        net('oursImport'),
        net('officialImport'),
        target,
      ),
      row(
        'require(), timed inside the process',
        median(inner.oursRequire),
        median(inner.officialRequire),
      ),
      row(
        'import(), timed inside the process',
        median(inner.oursImport),
        median(inner.officialImport),
      ),
    ],
    notes: [
      `cold-load: ${runs} runs of each variant (node <script file>), interleaved; bare script median ${base.toFixed(1)} ms`,
    ],
  };
}

await runPart(import.meta.url, run);
