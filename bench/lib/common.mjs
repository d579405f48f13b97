// Shared helpers of the bench parts: statistics, machine facts, part entry point, table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');
/** Tencent's own files: beside the repository on maintainers' machines and in CI, not in a clone. */
export const UPSTREAM = path.resolve(REPO_ROOT, '../shared/upstream-specs');
export const hasCorpus = fs.existsSync(path.join(UPSTREAM, 'tccli'));

/**
 * A private copy of the catalogue in Tencent's layout under `dest` (`tccli/<folder>/v<date>/`,
 * `errors/<short>-<date>.json`), for `generate --tccli --errors`: Tencent's files when
 * ../shared has them, else the committed facts of specs/ laid out the same way (no Tencent
 * prose, so less is written). `services`: tccli folder names, default all.
 */
export function catalogueCopy(dest, services) {
  const tccli = path.join(dest, 'tccli');
  const errors = path.join(dest, 'errors');
  if (hasCorpus) {
    for (const dir of services ?? ['.']) {
      fs.cpSync(path.join(UPSTREAM, 'tccli', dir), path.join(tccli, dir), { recursive: true });
    }
    fs.cpSync(path.join(UPSTREAM, 'errors'), errors, { recursive: true });
    return { tccli, errors, source: '../shared/upstream-specs (Tencent files)' };
  }
  const specs = path.join(REPO_ROOT, 'specs');
  fs.mkdirSync(errors, { recursive: true });
  const folders =
    services ??
    fs
      .readdirSync(specs, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  for (const svc of folders) {
    for (const ver of fs.readdirSync(path.join(specs, svc))) {
      const from = path.join(specs, svc, ver);
      if (!fs.existsSync(path.join(from, 'api.json'))) continue;
      const to = path.join(tccli, svc, ver);
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(path.join(from, 'api.json'), path.join(to, 'api.json'));
      const { metadata } = JSON.parse(fs.readFileSync(path.join(from, 'api.json'), 'utf8'));
      const file = `${metadata.serviceShortName}-${metadata.apiVersion}.json`;
      fs.copyFileSync(path.join(from, 'errors.json'), path.join(errors, file));
    }
  }
  return {
    tccli,
    errors,
    source: 'specs/ laid out as tccli/ + errors/ (facts only: no ../shared)',
  };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() || 'unknown CPU',
    cores: os.availableParallelism?.() ?? cpus.length,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
  };
}

export const machineLine = (m) =>
  `${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB RAM, Node ${m.node}, ${m.os}`;

/**
 * A measured row. `ours` and `ref` are numbers in `unit`; `better` says which way is good;
 * `target` (optional) is checked against `ratio` (ours / ref) or against `ours` itself.
 * @typedef {{ part: string, label: string, unit: string, ours: number, ref?: number,
 *   refName?: string, better: 'lower' | 'higher',
 *   target?: { on: 'ratio' | 'value', op: '<=' | '>=', value: number, text: string },
 *   noRatio?: boolean }} Row
 */

export function ratioOf(row) {
  if (row.noRatio || row.ref === undefined || !row.ref) return undefined;
  return row.ours / row.ref;
}

export function targetMet(row) {
  const t = row.target;
  if (!t) return undefined;
  const x = t.on === 'ratio' ? ratioOf(row) : row.ours;
  if (x === undefined || Number.isNaN(x)) return undefined;
  return t.op === '<=' ? x <= t.value : x >= t.value;
}

export function fmtNum(n, unit) {
  if (n === undefined || Number.isNaN(n)) return '—';
  if (unit === 'bytes') return fmtBytes(n);
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return `${n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

export function fmtBytes(n) {
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

export function fmtRatio(row) {
  const r = ratioOf(row);
  if (r === undefined) return '—';
  const good = row.better === 'lower' ? r <= 1 : r >= 1;
  const factor = r >= 1 ? r : 1 / r;
  return `${r.toFixed(r < 0.1 ? 3 : 2)} (${factor.toFixed(1)}x ${good ? 'better' : 'worse'})`;
}

export function renderTable(rows) {
  const head = ['Part', 'Measure', 'Ours', 'Official / reference', 'Ours ÷ ref', 'Target', 'Met'];
  const lines = rows.map((r) => {
    const met = targetMet(r);
    return [
      r.part,
      r.label,
      fmtNum(r.ours, r.unit),
      r.ref === undefined ? '—' : `${fmtNum(r.ref, r.unit)}${r.refName ? ` (${r.refName})` : ''}`,
      fmtRatio(r),
      r.target?.text ?? '',
      met === undefined ? '' : met ? 'yes' : 'NO',
    ];
  });
  const md = (cells) => `| ${cells.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`;
  return [md(head), md(head.map(() => '---')), ...lines.map(md)].join('\n');
}

export function parseFlags(argv = process.argv.slice(2)) {
  return {
    quick: argv.includes('--quick'),
    json: argv.includes('--json'),
  };
}

/** Marks the JSON line a part prints for run.mjs (anything else on stdout is ignored). */
export const JSON_MARK = '@@bench-json ';

/**
 * Entry point of a part file: `node bench/<part>.mjs [--quick] [--json]`.
 * `fn({ quick })` returns `{ rows, notes? }`.
 */
export async function runPart(metaUrl, fn) {
  if (!process.argv[1] || pathToFileURL(path.resolve(process.argv[1])).href !== metaUrl) return;
  const flags = parseFlags();
  const result = await fn({ quick: flags.quick });
  if (flags.json) {
    process.stdout.write(`${JSON_MARK}${JSON.stringify(result)}\n`);
  } else {
    console.log(renderTable(result.rows));
    for (const n of result.notes ?? []) console.log(`- ${n}`);
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
