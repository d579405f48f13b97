// Prints the top frames of a V8 .cpuprofile (from drive.mjs or `node --cpu-prof`): by self
// time and by inclusive time (each function counted once per sample, so recursion does not
// double count), per function and per file. With a sidecar NAME.json from drive.mjs (or
// --calls N) times are also shown in µs per call. With two profiles, prints the difference
// per function and per file in µs per call (second minus first), largest first.
//
//   node profile/summarize.mjs out/ours-par.client.cpuprofile [--top 25] [--calls N]
//   node profile/summarize.mjs out/raw-par.client.cpuprofile out/ours-par.client.cpuprofile
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const files = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const value = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const TOP = Number(value('top', 25));

/** Short label of a script URL: the part after node_modules/, packages/ or the last 2 parts. */
function shortFile(url) {
  if (!url) return '';
  const u = url.replace(/^file:\/\//, '');
  for (const mark of ['/node_modules/', '/packages/', '/perf-proto/']) {
    const i = u.lastIndexOf(mark);
    if (i >= 0) return u.slice(i + mark.length);
  }
  if (u.startsWith('node:')) return u;
  return u.split('/').slice(-2).join('/');
}

function load(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const sidecar = file.replace(/\.(client|server)\.cpuprofile$/, '.json');
  let calls = Number(value('calls', Number.NaN));
  if (Number.isNaN(calls) && sidecar !== file && existsSync(sidecar)) {
    calls = JSON.parse(readFileSync(sidecar, 'utf8')).calls;
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Self time of each node from the sample deltas (more exact than hitCount x interval).
  const selfUs = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the gap after it to sample i.
    const dt = timeDeltas[i + 1] ?? 0;
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + dt);
  }
  const key = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'} ${shortFile(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
  };
  const fileKey = (n) => shortFile(n.callFrame.url) || n.callFrame.functionName || '(native)';
  const fnSelf = new Map();
  const fnTotal = new Map();
  const fileSelf = new Map();
  const fileTotal = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (node.callFrame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    fnSelf.set(key(node), (fnSelf.get(key(node)) ?? 0) + us);
    fileSelf.set(fileKey(node), (fileSelf.get(fileKey(node)) ?? 0) + us);
    const seenFn = new Set();
    const seenFile = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (n.callFrame.functionName === '(root)') break;
      const k = key(n);
      if (!seenFn.has(k)) {
        seenFn.add(k);
        fnTotal.set(k, (fnTotal.get(k) ?? 0) + us);
      }
      const fk = fileKey(n);
      if (!seenFile.has(fk)) {
        seenFile.add(fk);
        fileTotal.set(fk, (fileTotal.get(fk) ?? 0) + us);
      }
    }
  }
  return { file, calls, total, idle, fnSelf, fnTotal, fileSelf, fileTotal };
}

const pct = (us, p) => `${((100 * us) / p.total).toFixed(1).padStart(5)} %`;
const perCall = (us, p) => (p.calls > 0 ? `${(us / p.calls).toFixed(2).padStart(7)} µs/call` : '');

function table(title, map, p, n = TOP) {
  console.log(`\n${title}`);
  const rows = [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  for (const [k, us] of rows) console.log(`  ${pct(us, p)} ${perCall(us, p)}  ${k}`);
}

function diff(title, a, b, pick, n = TOP) {
  console.log(`\n${title} (µs per call: second - first)`);
  const keys = new Set([...pick(a).keys(), ...pick(b).keys()]);
  const rows = [...keys].map((k) => {
    const x = (pick(a).get(k) ?? 0) / a.calls;
    const y = (pick(b).get(k) ?? 0) / b.calls;
    return [k, x, y, y - x];
  });
  rows.sort((r, s) => Math.abs(s[3]) - Math.abs(r[3]));
  for (const [k, x, y, d] of rows.slice(0, n)) {
    const sign = d >= 0 ? '+' : '-';
    console.log(
      `  ${sign}${Math.abs(d).toFixed(2).padStart(6)}  (${x.toFixed(2).padStart(6)} -> ${y.toFixed(2).padStart(6)})  ${k}`,
    );
  }
}

if (files.length === 1) {
  const p = load(files[0]);
  console.log(
    `${path.basename(p.file)}: ${(p.total / 1000).toFixed(0)} ms busy, ${(p.idle / 1000).toFixed(0)} ms idle${p.calls ? `, ${p.calls} calls, ${(p.total / p.calls).toFixed(1)} µs busy/call` : ''}`,
  );
  table('Top functions by self time', p.fnSelf, p);
  table('Top functions by inclusive time', p.fnTotal, p);
  table('Files by self time', p.fileSelf, p, Math.min(TOP, 20));
  table('Files by inclusive time', p.fileTotal, p, Math.min(TOP, 20));
} else if (files.length === 2) {
  const [a, b] = files.map(load);
  if (!(a.calls > 0 && b.calls > 0)) throw new Error('diff needs call counts (sidecar or --calls)');
  console.log(
    `${path.basename(a.file)}: ${(a.total / a.calls).toFixed(1)} µs busy/call; ${path.basename(b.file)}: ${(b.total / b.calls).toFixed(1)} µs busy/call`,
  );
  diff('Functions by self time', a, b, (p) => p.fnSelf);
  diff('Functions by inclusive time', a, b, (p) => p.fnTotal);
  diff('Files by self time', a, b, (p) => p.fileSelf, 20);
} else {
  console.error('usage: summarize.mjs PROFILE [PROFILE2] [--top N] [--calls N]');
  process.exitCode = 2;
}
