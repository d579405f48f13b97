// Part 5: the generator at catalogue scale. Wall time and peak memory (largest process, from
// GNU time) of: the whole upstream catalogue (296 service versions) into a fresh folder; CVM
// alone; regenerating after one spec changed; type-checking everything it wrote (tsc
// --noEmit); and the bytes it writes, next to the official monolith's 62 MB.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalogueCopy, median, REPO_ROOT, runPart } from './lib/common.mjs';

const GENERATOR = path.join(REPO_ROOT, 'generator');
// `node --import tsx`, as `pnpm generate` runs the CLI (tsx's own CLI would start a second process).
const TSX_LOADER = pathToFileURL(path.join(GENERATOR, 'node_modules/tsx/dist/loader.mjs')).href;
const TSC = path.join(GENERATOR, 'node_modules/typescript/bin/tsc');
const GNU_TIME = '/usr/bin/time';
/** The official all-services package (tencentcloud-sdk-nodejs), unpacked, as published. */
const OFFICIAL_MONOLITH_BYTES = 62 * 2 ** 20;

/** Runs a command; returns wall seconds and peak RSS in bytes (undefined without GNU time). */
function timed(cmd, args, opts = {}) {
  const haveTime = fs.existsSync(GNU_TIME);
  const t0 = process.hrtime.bigint();
  const r = haveTime
    ? spawnSync(GNU_TIME, ['-f', '@@maxrss %M cpu %U %S', cmd, ...args], {
        encoding: 'utf8',
        ...opts,
      })
    : spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    throw new Error(
      `${path.basename(args.find((a) => !a.startsWith('-') && !a.startsWith('file:')) ?? cmd)} failed (${r.status}):\n${r.stdout}\n${r.stderr}`.slice(
        0,
        3000,
      ),
    );
  }
  const m = /@@maxrss (\d+) cpu ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return {
    seconds,
    peakBytes: m ? Number(m[1]) * 1024 : undefined,
    cpuSeconds: m ? Number(m[2]) + Number(m[3]) : undefined,
    stdout: r.stdout,
  };
}

/** `cat`: a catalogueCopy (`tccli`, `errors`). */
function generate(cat, out, services = [], extra = []) {
  return timed(process.execPath, [
    '--import',
    TSX_LOADER,
    path.join(GENERATOR, 'src/cli.ts'),
    'generate',
    ...services,
    '--tccli',
    cat.tccli,
    '--errors',
    cat.errors,
    '--out',
    out,
    '--no-progress',
    ...extra,
  ]);
}

/** tsc --noEmit over every generated src/ in `out`, with @scope/core from the repo. */
function typecheck(out, include = ['*/src/**/*.ts']) {
  const nm = path.join(out, 'node_modules');
  fs.mkdirSync(path.join(nm, '@scope'), { recursive: true });
  fs.mkdirSync(path.join(nm, '@types'), { recursive: true });
  const link = (target, at) => fs.existsSync(at) || fs.symlinkSync(target, at, 'dir');
  link(path.join(REPO_ROOT, 'packages/core'), path.join(nm, '@scope/core'));
  link(
    fs.realpathSync(path.join(REPO_ROOT, 'packages/core/node_modules/@types/node')),
    path.join(nm, '@types/node'),
  );
  const config = path.join(out, 'tsconfig.bench.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      extends: path.join(REPO_ROOT, 'tsconfig.base.json'),
      compilerOptions: { noEmit: true, typeRoots: [path.join(nm, '@types')] },
      include,
    }),
  );
  const r = timed(process.execPath, [TSC, '-p', config, '--extendedDiagnostics']);
  // tsc's own account: where the time went and how much it held.
  const pick = (name) => new RegExp(`^${name}:\\s+(.+)$`, 'm').exec(r.stdout)?.[1]?.trim();
  r.diagnostics = [
    'Files',
    'Lines of TypeScript',
    'Types',
    'Memory used',
    'Parse time',
    'Bind time',
    'Check time',
    'Total time',
  ]
    .map((k) => `${k} ${pick(k) ?? '?'}`)
    .join(', ');
  return r;
}

/** Bytes and files the generator wrote under `out` (our node_modules links excluded). */
function written(out) {
  let bytes = 0;
  let files = 0;
  const kinds = { ts: 0, 'api-snapshot.json': 0, other: 0 };
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'tsconfig.bench.json') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const size = fs.statSync(p).size;
        bytes += size;
        files++;
        kinds[
          e.name.endsWith('.ts')
            ? 'ts'
            : e.name === 'api-snapshot.json'
              ? 'api-snapshot.json'
              : 'other'
        ] += size;
      }
    }
  };
  walk(out);
  return { bytes, files, kinds };
}

/** Edits one action's description in a copied api.json: the smallest real spec change. */
function touchSpec(apiFile, n) {
  const spec = JSON.parse(fs.readFileSync(apiFile, 'utf8'));
  const action = Object.values(spec.actions ?? {})[0];
  if (action) action.document = `${action.document ?? ''} (bench edit ${n})`;
  else spec.metadata.bench = n;
  fs.writeFileSync(apiFile, JSON.stringify(spec, null, 2));
}

/** Package folders the generator wrote under `dir` (not its report files such as PAGINATION.md). */
const packageDirs = (dir) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name);

const countVersions = (tccli, only) =>
  fs
    .readdirSync(tccli, { withFileTypes: true })
    .filter((e) => e.isDirectory() && (!only || only.includes(e.name)))
    .reduce(
      (n, e) =>
        n + fs.readdirSync(path.join(tccli, e.name)).filter((v) => /^v\d{8}$/.test(v)).length,
      0,
    );

export async function run({ quick = false } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-bench-gen-'));
  try {
    // A private copy of the catalogue, so one spec can be edited.
    // Quick mode (smoke test): two small services stand in for the catalogue.
    const subset = quick ? ['tag', 'sts'] : [];
    const cat = catalogueCopy(tmp, quick ? subset : undefined);
    const { tccli } = cat;
    const changed = quick ? 'tag' : 'cvm';
    const runs = quick ? 1 : 3;
    const versions = countVersions(tccli, quick ? subset : undefined);

    const full = [];
    let out = '';
    for (let i = 0; i < runs; i++) {
      if (out) fs.rmSync(out, { recursive: true, force: true });
      out = path.join(tmp, `out-${i}`);
      full.push(generate(cat, out, subset));
    }
    const size = written(out);
    const check = typecheck(out);

    // Two CI jobs: `--shard 1/2` and `2/2` into fresh folders must cover the catalogue once.
    const shards = [1, 2].map((i) => {
      const dir = path.join(tmp, `shard-${i}`);
      const r = generate(cat, dir, subset, ['--shard', `${i}/2`]);
      r.packages = packageDirs(dir);
      fs.rmSync(dir, { recursive: true, force: true });
      return r;
    });
    const inShards = shards.flatMap((r) => r.packages);
    const inFull = packageDirs(out).filter((d) => d !== 'node_modules');
    if (new Set(inShards).size !== inShards.length || inShards.length !== inFull.length) {
      throw new Error(
        `shards 1/2 + 2/2 wrote ${inShards.length} packages, the full run ${inFull.length}`,
      );
    }

    const cvmRuns = [];
    for (let i = 0; i < runs; i++) {
      const cvmOut = path.join(tmp, `cvm-${i}`);
      cvmRuns.push(generate(cat, cvmOut, [changed]));
      fs.rmSync(cvmOut, { recursive: true, force: true });
    }

    // Incremental: the last full output is up to date; nothing changed, then one spec changed.
    const noop = [];
    const incr = [];
    const incrNamed = [];
    const apiFile = path.join(
      tccli,
      changed,
      fs.readdirSync(path.join(tccli, changed)).sort().at(-1),
      'api.json',
    );
    for (let i = 0; i < runs; i++) {
      noop.push(generate(cat, out, subset));
      touchSpec(apiFile, `${i}a`);
      const r = generate(cat, out, subset);
      if (!/1 written/.test(r.stdout))
        throw new Error(`expected one package rewritten:\n${r.stdout}`);
      incr.push(r);
      touchSpec(apiFile, `${i}b`);
      incrNamed.push(generate(cat, out, [changed]));
    }

    const sec = (xs) => median(xs.map((x) => x.seconds));
    const peak = (xs) => Math.max(...xs.map((x) => x.peakBytes ?? Number.NaN));
    const row = (label, unit, ours, target, extra = {}) => ({
      part: 'generation',
      label,
      unit,
      ours,
      better: 'lower',
      target,
      ...extra,
    });
    const what = quick ? `subset (${subset.join(', ')}; quick mode)` : 'whole catalogue';
    return {
      rows: [
        row(
          `${what}: ${versions} service versions, wall`,
          's',
          sec(full),
          quick ? undefined : { on: 'value', op: '<=', value: 20, text: '<= 20 s' },
        ),
        row(
          `${what}: peak memory (largest process)`,
          'bytes',
          peak(full),
          quick ? undefined : { on: 'value', op: '<=', value: 2 ** 30, text: '<= 1 GB' },
        ),
        row(
          `${what}: CPU time, user + system, all processes`,
          's',
          median(full.map((x) => x.cpuSeconds ?? Number.NaN)),
        ),
        row(
          `${what} as 2 CI shards (--shard i/2): slower shard, wall`,
          's',
          Math.max(...shards.map((x) => x.seconds)),
        ),
        row(`${changed} alone, fresh folder, wall`, 's', sec(cvmRuns)),
        row(`${changed} alone: peak memory`, 'bytes', peak(cvmRuns)),
        row(`regenerate ${what}, nothing changed, wall`, 's', sec(noop)),
        row(`regenerate ${what} after one ${changed} spec changed, wall`, 's', sec(incr), {
          on: 'value',
          op: '<=',
          value: 1,
          text: '<= 1 s',
        }),
        row(
          `regenerate \`generate ${changed}\` after its spec changed, wall`,
          's',
          sec(incrNamed),
          { on: 'value', op: '<=', value: 1, text: '<= 1 s' },
        ),
        row(`tsc --noEmit over everything generated (${what}), wall`, 's', check.seconds),
        row('tsc --noEmit: peak memory', 'bytes', check.peakBytes ?? Number.NaN),
        row(
          `bytes written (${size.files} files), vs official monolith unpacked`,
          'bytes',
          size.bytes,
          undefined,
          {
            ref: quick ? undefined : OFFICIAL_MONOLITH_BYTES,
            refName: 'tencentcloud-sdk-nodejs',
          },
        ),
        row('of which TypeScript sources', 'bytes', size.kinds.ts, undefined, {
          ref: quick ? undefined : OFFICIAL_MONOLITH_BYTES,
          refName: 'tencentcloud-sdk-nodejs',
        }),
      ],
      notes: [
        `generation: specs read from ${cat.source}`,
        `generation: medians of ${runs} runs; each run is \`node --import tsx src/cli.ts generate --tccli --errors --out\` as \`pnpm generate\` runs it (tsx start-up included), ${os.availableParallelism()} cores`,
        `generation: --shard 1/2 and 2/2 wrote ${shards.map((x) => x.packages.length).join(' + ')} packages (${shards.map((x) => `${x.seconds.toFixed(1)} s`).join(', ')}), disjoint and equal to the full run's ${inFull.length}`,
        `generation: bytes written: ${Object.entries(size.kinds)
          .map(([k, v]) => `${k} ${(v / 2 ** 20).toFixed(1)} MB`)
          .join(', ')}; the official 62 MB is compiled JS + .d.ts`,
        `generation: tsc --extendedDiagnostics: ${check.diagnostics}`,
      ],
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await runPart(import.meta.url, run);
