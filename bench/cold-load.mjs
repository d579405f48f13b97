// Part 1: cold load. Each figure is a fresh `node` process that loads the package and exits;
// a bare `node -e 0` is subtracted. Variants run interleaved; medians over the runs.
import { spawnSync } from 'node:child_process';
import { BENCH_DIR, median, runPart } from './lib/common.mjs';

// The script prints the in-process load time too (hrtime around the require/import).
const VARIANTS = {
  baseline: '0',
  oursRequire:
    "const t=process.hrtime.bigint();require('@scope/cvm');console.log(Number(process.hrtime.bigint()-t))",
  officialRequire:
    "const t=process.hrtime.bigint();require('tencentcloud-sdk-nodejs-cvm');console.log(Number(process.hrtime.bigint()-t))",
  oursImport:
    "const t=process.hrtime.bigint();import('@scope/cvm').then(()=>console.log(Number(process.hrtime.bigint()-t)))",
  officialImport:
    "const t=process.hrtime.bigint();import('tencentcloud-sdk-nodejs-cvm').then(()=>console.log(Number(process.hrtime.bigint()-t)))",
};

function once(code) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', code], { cwd: BENCH_DIR, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node -e failed: ${r.stderr.slice(0, 500)}`);
  const inner = Number.parseInt(r.stdout.trim(), 10);
  return { wallMs, innerMs: Number.isNaN(inner) ? undefined : inner / 1e6 };
}

export async function run({ quick = false } = {}) {
  const runs = quick ? 2 : 21;
  const wall = Object.fromEntries(Object.keys(VARIANTS).map((k) => [k, []]));
  const inner = Object.fromEntries(Object.keys(VARIANTS).map((k) => [k, []]));
  for (const code of Object.values(VARIANTS)) once(code); // warm the file-system cache
  for (let i = 0; i < runs; i++) {
    for (const [k, code] of Object.entries(VARIANTS)) {
      const r = once(code);
      wall[k].push(r.wallMs);
      if (r.innerMs !== undefined) inner[k].push(r.innerMs);
    }
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
        'require(), fresh process minus node -e 0',
        net('oursRequire'),
        net('officialRequire'),
        target,
      ),
      row(
        'import(), fresh process minus node -e 0',
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
      `cold-load: ${runs} runs of each variant, interleaved; bare node -e 0 median ${base.toFixed(1)} ms`,
    ],
  };
}

await runPart(import.meta.url, run);
