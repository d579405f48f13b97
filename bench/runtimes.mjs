// Part: the same calls/s and cold start on Node, Bun and Deno. Calls: CvmClient from the built
// @scope/cvm vs a raw fetch loop in the same runtime (lib/runtime-calls-child.mjs), against the
// envelope server (Node, its own process). Cold start: `<runtime> load.mjs` importing @scope/cvm
// minus a bare script (`deno run` with its permissions), interleaved over the runtimes. A runtime
// that cannot start gets a row saying why.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, median, runPart } from './lib/common.mjs';
import { locateRuntime, runArgs } from './lib/runtime-binaries.mjs';
import { startEnvelopeServer } from './lib/server.mjs';

const RUNTIMES = ['node', 'bun', 'deno'];
const CHILD = path.join(BENCH_DIR, 'lib/runtime-calls-child.mjs');
const CHILD_MARK = '@@runtime-calls ';
// Prints the in-process load time; the same text works in all three (`node -e` is CommonJS).
// A script file, as users run one (`node -e` loads node:crypto and node:stream first).
const IMPORT_CODE =
  "const t=performance.now();await import('@scope/cvm');console.log(performance.now()-t);";

const firstLine = (s) =>
  String(s ?? '')
    .trim()
    .split('\n')
    .find((l) => l.trim() !== '') ?? '';

function spawn(rt, args, timeout) {
  const t0 = process.hrtime.bigint();
  // NO_COLOR: Deno and Bun colour their errors otherwise, which would garble a failure row.
  const r = spawnSync(rt.path, args, {
    cwd: BENCH_DIR,
    encoding: 'utf8',
    timeout,
    maxBuffer: 16 * 2 ** 20,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    const why = firstLine(r.error?.message) || firstLine(r.stderr) || `exit ${r.status}`;
    throw new Error(`${rt.name} ${args[0]} failed: ${why.slice(0, 200)}`);
  }
  return { wallMs, stdout: r.stdout };
}

function measureCalls(rt, port, o) {
  const args = [port, o.rounds, o.seqCount, o.parCount, o.maxMs].map(String);
  const { stdout } = spawn(rt, runArgs(rt.name, CHILD, args), o.timeout);
  const line = stdout.split('\n').find((l) => l.startsWith(CHILD_MARK));
  if (!line) throw new Error(`${rt.name}: the calls script printed no result`);
  const res = JSON.parse(line.slice(CHILD_MARK.length));
  const med = Object.fromEntries(Object.entries(res.rates).map(([k, v]) => [k, median(v)]));
  return { ...res, med };
}

/** Cold starts of every runtime, interleaved run by run; a runtime that fails leaves the rotation. */
function measureCold(rts, runs, failed) {
  // In bench/ so that @scope/cvm resolves from its node_modules (Deno: by its package.json).
  const dir = mkdtempSync(path.join(BENCH_DIR, '.cold-start-'));
  const bareFile = path.join(dir, 'bare.mjs');
  const loadFile = path.join(dir, 'load.mjs');
  writeFileSync(bareFile, '\n');
  writeFileSync(loadFile, `${IMPORT_CODE}\n`);
  const wall = {};
  const inner = {};
  const variants = [];
  for (const rt of rts) {
    wall[rt.name] = { bare: [], load: [] };
    inner[rt.name] = [];
    variants.push({ rt, kind: 'bare', args: runArgs(rt.name, bareFile, []) });
    variants.push({ rt, kind: 'load', args: runArgs(rt.name, loadFile, []) });
  }
  const once = (v) => {
    if (failed[v.rt.name]) return;
    try {
      const r = spawn(v.rt, v.args, 60_000);
      return { ...r, innerMs: Number.parseFloat(r.stdout.trim()) };
    } catch (e) {
      failed[v.rt.name] = e.message;
    }
  };
  try {
    for (const v of variants) once(v); // warm the file-system and the runtimes' own caches
    for (let i = 0; i < runs; i++) {
      for (const v of variants) {
        const r = once(v);
        if (!r) continue;
        wall[v.rt.name][v.kind].push(r.wallMs);
        if (v.kind === 'load' && Number.isFinite(r.innerMs)) inner[v.rt.name].push(r.innerMs);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const out = {};
  for (const rt of rts) {
    if (failed[rt.name]) continue;
    const bare = median(wall[rt.name].bare);
    out[rt.name] = {
      bare,
      net: Math.max(0, median(wall[rt.name].load) - bare),
      inner: median(inner[rt.name]),
    };
  }
  return out;
}

export async function run({ quick = false } = {}) {
  const located = RUNTIMES.map(locateRuntime);
  const rts = located.filter((r) => !r.error);
  const o = {
    rounds: quick ? 1 : 7,
    seqCount: quick ? 20 : 5000,
    parCount: quick ? 128 : 15_000,
    maxMs: quick ? 2000 : 1000,
    timeout: quick ? 60_000 : 600_000,
  };
  const coldRuns = quick ? 2 : 21;

  const calls = {};
  const callsFailed = {};
  const server = await startEnvelopeServer();
  try {
    for (const rt of rts) {
      try {
        calls[rt.name] = measureCalls(rt, server.port, o);
      } catch (e) {
        callsFailed[rt.name] = e.message;
      }
    }
  } finally {
    await server.close();
  }
  const coldFailed = {};
  const cold = measureCold(rts, coldRuns, coldFailed);

  const rows = [];
  const notes = [];
  const base = { part: 'runtimes' };
  const notRun = (label) => ({ ...base, label, unit: '', better: 'higher', noRatio: true });
  const nodeCold = cold.node;
  for (const l of located) {
    if (l.error) {
      rows.push(notRun(`${l.name}: not run, ${l.error}`));
      continue;
    }
    const name = `${l.name} ${l.version}`;
    const c = calls[l.name];
    if (c) {
      const raw = `raw fetch, ${l.name}`;
      const callRow = (label, mode) => ({
        ...base,
        label: `${name}: ${label}`,
        unit: 'calls/s',
        ours: c.med[`ours.${mode}`],
        ref: c.med[`raw.${mode}`],
        refName: raw,
        better: 'higher',
      });
      rows.push(
        callRow(`sequential calls, CvmClient (${c.transport}) vs raw fetch loop`, 'sequential'),
        callRow('64 in flight, CvmClient vs raw fetch loop', 'parallel'),
      );
    } else {
      rows.push(notRun(`${name}: calls FAILED, ${callsFailed[l.name]}`));
    }
    const k = cold[l.name];
    if (k) {
      // Bun and Deno are compared with the same figure on Node.
      const onNode = l.name !== 'node' && nodeCold;
      const coldRow = (label, ours, ref) => ({
        ...base,
        label: `${name}: ${label}`,
        unit: 'ms',
        ours,
        ...(onNode ? { ref, refName: 'same on node' } : {}),
        better: 'lower',
      });
      const bare = `a bare script (${l.name === 'deno' ? 'deno run' : l.name} bare.mjs)`;
      rows.push(
        coldRow(`import @scope/cvm, fresh process minus a bare script`, k.net, nodeCold?.net),
        coldRow('import @scope/cvm, timed inside the process', k.inner, nodeCold?.inner),
      );
      notes.push(`runtimes: ${l.name} bare start, ${bare}, median ${k.bare.toFixed(1)} ms`);
    } else {
      rows.push(notRun(`${name}: cold start FAILED, ${coldFailed[l.name]}`));
    }
  }
  const transports = Object.entries(calls)
    .map(([n, c]) => `${n} ${c.runtime}/${c.transport}`)
    .join(', ');
  notes.push(
    `runtimes: calls: one process per runtime (${o.rounds} interleaved rounds of CvmClient and the raw fetch loop per mode, each up to ${o.seqCount} sequential / ${o.parCount} parallel calls or ${o.maxMs} ms; median round); the envelope server runs under Node in its own process`,
    `runtimes: core's runtime and transport as loaded (RUNTIME_NAME/RUNTIME_TRANSPORT): ${transports || 'none ran'}; on Node CvmClient sends with node:http keep-alive while the raw loop uses fetch (undici), so it can exceed that "ceiling"`,
    `runtimes: cold start: ${coldRuns} runs of each runtime's bare start and import, interleaved across runtimes; cwd bench/, @scope/cvm resolved from its node_modules (Deno: by its package.json)`,
  );
  return { rows, notes };
}

await runPart(import.meta.url, run);
