// `pnpm bench [--only sign,calls] [--quick] [--no-write]`: runs each part in a fresh process,
// prints one table (ours, official or reference, ratio, target) and the machine, and after a
// full run writes RESULTS.md and the table in README.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BENCH_DIR,
  JSON_MARK,
  machine,
  machineLine,
  REPO_ROOT,
  renderTable,
  targetMet,
} from './lib/common.mjs';

/** Part name -> file; the order they run in (the generator, the heaviest, last). */
export const PARTS = {
  'cold-load': 'cold-load.mjs',
  sign: 'sign.mjs',
  calls: 'calls.mjs',
  runtimes: 'runtimes.mjs',
  size: 'size.mjs',
  memory: 'memory.mjs',
  generation: 'generation.mjs',
};

function parseArgs(argv) {
  const args = { only: Object.keys(PARTS), quick: false, write: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--no-write') args.write = false;
    else if (a === '--write') args.write = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      args.only = (v ?? '').split(',').filter(Boolean);
    } else if (a !== '--') throw new Error(`unknown argument ${a}`);
  }
  for (const p of args.only) {
    if (!PARTS[p]) throw new Error(`unknown part "${p}"; parts: ${Object.keys(PARTS).join(', ')}`);
  }
  // Only a complete, full-size run replaces the recorded results.
  args.write ??= !args.quick && args.only.length === Object.keys(PARTS).length;
  return args;
}

function runOne(name, quick) {
  const file = path.join(BENCH_DIR, PARTS[name]);
  const r = spawnSync(process.execPath, [file, '--json', ...(quick ? ['--quick'] : [])], {
    cwd: BENCH_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith(JSON_MARK));
  if (r.status !== 0 || !line) {
    throw new Error(`bench part ${name} failed (exit ${r.status})\n${r.stdout.slice(-2000)}`);
  }
  return JSON.parse(line.slice(JSON_MARK.length));
}

/**
 * Other work in the same checkout may be rebuilding a package's dist/ for a moment: a part that
 * fails is run again after a pause (twice at most) before it counts as failed.
 */
function runWithRetry(name, quick, attempts = 3) {
  for (let i = 1; ; i++) {
    try {
      return runOne(name, quick);
    } catch (e) {
      if (i >= attempts) throw e;
      process.stderr.write(
        `bench: ${name} failed, retrying in 20 s (${e.message.split('\n')[0]})\n`,
      );
      spawnSync('sleep', ['20']);
    }
  }
}

export function report({ date, m, load, rows, notes, seconds, failed = [] }) {
  const missed = rows.filter((r) => targetMet(r) === false).map((r) => `${r.part}: ${r.label}`);
  return [
    `Date: ${date}`,
    `Machine: ${machineLine(m)}`,
    `Load average when the run started: ${load}`,
    '',
    renderTable(rows),
    '',
    ...notes.map((n) => `- ${n}`),
    `- whole run: ${seconds.toFixed(0)} s`,
    '',
    missed.length === 0
      ? 'No measured target was missed.'
      : `Targets missed: ${missed.join('; ')}.`,
    ...(failed.length > 0 ? [`Parts that failed to run: ${failed.join(', ')}.`] : []),
  ].join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const m = machine();
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
  const t0 = performance.now();
  const rows = [];
  const notes = [];
  const failed = [];
  for (const name of args.only) {
    process.stderr.write(`bench: ${name}${args.quick ? ' (quick)' : ''}...\n`);
    try {
      const res = runWithRetry(name, args.quick);
      rows.push(...res.rows);
      notes.push(...(res.notes ?? []));
    } catch (e) {
      // One broken part should not throw away the minutes the others took.
      failed.push(name);
      notes.push(`${name}: FAILED, ${String(e.message).split('\n')[0]}`);
      process.stderr.write(`${e.message}\n`);
    }
  }
  if (failed.length > 0) {
    process.exitCode = 1;
    args.write = false;
  }
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const seconds = (performance.now() - t0) / 1000;
  const text = report({ date, m, load, rows, notes, seconds, failed });
  console.log(text);
  if (args.write) {
    const results = `# Benchmark results\n\nWritten by \`pnpm bench\` (bench/run.mjs); see README.md for what each figure means.\nEach figure is the median of repeated runs; ratio = ours ÷ official (or the reference named).\n\n${text}\n`;
    fs.writeFileSync(path.join(BENCH_DIR, 'RESULTS.md'), results);
    // The same table goes between markers in bench/README.md and the root README.
    const start = '<!-- results:start -->';
    const end = '<!-- results:end -->';
    const readmes = [path.join(BENCH_DIR, 'README.md'), path.join(REPO_ROOT, 'README.md')];
    for (const readme of readmes) {
      if (!fs.existsSync(readme)) continue;
      const src = fs.readFileSync(readme, 'utf8');
      const i = src.indexOf(start);
      const j = src.indexOf(end);
      if (i >= 0 && j > i) {
        fs.writeFileSync(readme, `${src.slice(0, i + start.length)}\n${text}\n${src.slice(j)}`);
      }
    }
    // Biome formats Markdown too (padded tables): keep `pnpm lint` green after a run.
    const biome = path.join(REPO_ROOT, 'node_modules/.bin/biome');
    const fmt = spawnSync(
      biome,
      ['format', '--write', 'bench/RESULTS.md', 'bench/README.md', 'README.md'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    );
    if (fmt.status !== 0) process.stderr.write('bench: run `pnpm format` before committing\n');
    process.stderr.write(
      'bench: wrote bench/RESULTS.md and the tables in bench/README.md, README.md\n',
    );
  }
}

await main();
