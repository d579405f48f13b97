// Part 4: size. (a) esbuild-minified bundle of a script calling one CVM action; (b) packed
// tarballs (npm pack --dry-run); (c) installed footprint of the runtime dependency closure.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BENCH_DIR, runPart } from './lib/common.mjs';

const ENTRIES = {
  // Tree-shakable per-action function: what a size-conscious user writes.
  oursFunction: `import { createCvmClient, describeInstances } from '@scope/cvm';
const client = createCvmClient({ region: 'ap-guangzhou' });
describeInstances(client, { Limit: 1 }).then((r) => console.log(r.TotalCount));`,
  // The client class with every method.
  oursClass: `import { CvmClient } from '@scope/cvm';
new CvmClient({ region: 'ap-guangzhou' }).describeInstances({ Limit: 1 }).then((r) => console.log(r.TotalCount));`,
  official: `import * as tencentcloud from 'tencentcloud-sdk-nodejs-cvm';
const client = new tencentcloud.cvm.v20170312.Client({ region: 'ap-guangzhou', credential: {} });
client.DescribeInstances({ Limit: 1 }).then((r) => console.log(r.TotalCount));`,
};

/**
 * With code splitting (Rollup, webpack and Vite split by default; esbuild with `splitting`):
 * the bytes loaded up front (entry and the chunks it imports statically) and all bytes.
 */
async function splitBundle(contents) {
  const out = await build({
    stdin: { contents, resolveDir: BENCH_DIR, loader: 'js' },
    bundle: true,
    minify: true,
    splitting: true,
    outdir: path.join(os.tmpdir(), 'tc-bench-split'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = out.metafile.outputs;
  // Lazily imported modules are entry points of their own outputs too: take the script's.
  const entry = Object.keys(outputs).find((k) => outputs[k].entryPoint === '<stdin>') ?? '';
  const upFront = new Set();
  const visit = (k) => {
    if (upFront.has(k)) return;
    upFront.add(k);
    for (const i of outputs[k]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  let initial = 0;
  let total = 0;
  for (const [k, o] of Object.entries(outputs)) {
    total += o.bytes;
    if (upFront.has(k)) initial += o.bytes;
  }
  return { initial, total, chunks: Object.keys(outputs).length };
}

/** Cloudflare Workers: what wrangler's esbuild does (neutral platform, workerd conditions). */
const WORKERD = {
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  target: 'es2022',
};

async function bundle(contents, platform = { platform: 'node', target: 'node20' }) {
  const out = await build({
    stdin: { contents, resolveDir: BENCH_DIR, loader: 'js' },
    bundle: true,
    minify: true,
    ...platform,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const bytes = out.outputFiles[0].contents;
  return { min: bytes.length, gzip: gzipSync(bytes).length };
}

const pkgDir = (name, from = BENCH_DIR) => {
  // Walk up node_modules folders: some packages do not export ./package.json.
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (dir === path.dirname(dir)) throw new Error(`cannot find ${name} from ${from}`);
  }
};

/** npm pack --dry-run: tarball bytes, unpacked bytes, file count (no network, no scripts). */
function pack(dir) {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const info = JSON.parse(out)[0];
  return { size: info.size, unpackedSize: info.unpackedSize, files: info.entryCount };
}

/** Runtime dependency closure of a package: name -> directory. */
function closure(name, from = BENCH_DIR, seen = new Map()) {
  if (seen.has(name)) return seen;
  const dir = pkgDir(name, from);
  seen.set(name, dir);
  const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys({ ...pj.dependencies })) closure(dep, dir, seen);
  for (const dep of Object.keys({ ...pj.optionalDependencies })) {
    try {
      closure(dep, dir, seen);
    } catch {
      // optional and not installed
    }
  }
  return seen;
}

/** Bytes of the files of an installed package (its nested node_modules excluded). */
function dirBytes(dir) {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += dirBytes(p);
    else if (e.isFile()) total += fs.statSync(p).size;
  }
  return total;
}

export async function run() {
  const b = {};
  for (const [k, src] of Object.entries(ENTRIES)) b[k] = await bundle(src);
  const split = await splitBundle(ENTRIES.oursFunction);
  // A Worker is one module: the whole one-action bundle for the workerd conditions (fetch
  // transport and Web Crypto instead of node:http and node:crypto); the official SDK cannot
  // be bundled for Workers at all (node:fs, node:os, form-data, node-fetch).
  const worker = await bundle(ENTRIES.oursFunction, WORKERD);
  const officialSplit = await splitBundle(ENTRIES.official);

  const oursPkgs = [...closure('@scope/cvm')];
  const officialPkgs = [...closure('tencentcloud-sdk-nodejs-cvm')];
  // Ours: the workspace folder holds sources too, so count what npm would publish.
  const oursPacks = oursPkgs.map(([, dir]) => pack(dir));
  // Installed packages pack as they were published (their files, no nested node_modules).
  const officialClosurePacks = officialPkgs.map(([, dir]) => pack(dir));
  /** The pack of `name` among `pkgs` (packed in the same order). */
  const packOf = (pkgs, packs, name) => {
    const i = pkgs.findIndex(([n]) => n === name);
    if (i < 0) throw new Error(`${name} is not in the runtime closure`);
    return packs[i];
  };
  const officialTop = ['tencentcloud-sdk-nodejs-cvm', 'tencentcloud-sdk-nodejs-common'];
  const officialPacks = officialTop.map((n) => packOf(officialPkgs, officialClosurePacks, n));
  const cvmPack = packOf(oursPkgs, oursPacks, '@scope/cvm');
  const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);
  const officialInstalled = officialPkgs.reduce((a, [, dir]) => a + dirBytes(dir), 0);
  const row = (label, ours, ref, target) => ({
    part: 'size',
    label,
    unit: 'bytes',
    ours,
    ref,
    better: 'lower',
    target,
  });
  return {
    rows: [
      row(
        'one-action bundle, minified, one file (describeInstances function)',
        b.oursFunction.min,
        b.official.min,
      ),
      row(
        `one-action bundle, minified, code splitting: loaded up front (all ${split.chunks} chunks: ${(split.total / 1024).toFixed(1)} KB)`,
        split.initial,
        officialSplit.initial,
        { on: 'value', op: '<=', value: 15 * 1024, text: '<= 15 KB' },
      ),
      row('one-action bundle, minified + gzip, one file', b.oursFunction.gzip, b.official.gzip),
      row('one-action Workers bundle (workerd conditions), minified', worker.min, undefined),
      row(
        'one-action Workers bundle (workerd conditions), minified + gzip',
        worker.gzip,
        undefined,
      ),
      row('bundle using the CvmClient class, minified', b.oursClass.min, b.official.min),
      row(
        'packed tarballs (@scope/cvm + core vs cvm + common)',
        sum(oursPacks, 'size'),
        sum(officialPacks, 'size'),
        { on: 'ratio', op: '<=', value: 1, text: '<= official' },
      ),
      row(
        'packed tarball, the service package alone (@scope/cvm vs cvm)',
        cvmPack.size,
        officialPacks[0].size,
      ),
      row(
        `packed tarballs, runtime closure: what npm install downloads (${oursPkgs.length} vs ${officialPkgs.length} packages)`,
        sum(oursPacks, 'size'),
        sum(officialClosurePacks, 'size'),
      ),
      row(
        `installed footprint, runtime closure (${oursPkgs.length} vs ${officialPkgs.length} packages)`,
        sum(oursPacks, 'unpackedSize'),
        officialInstalled,
      ),
    ],
    notes: [
      `size: official closure: ${officialPkgs.map(([n]) => n).join(', ')}`,
      'size: bundles by esbuild (bundle, minify, platform node, format esm); "one file" inlines lazily imported modules, "code splitting" leaves them in chunks loaded on first use; the official client resolves its CommonJS main as Node does',
    ],
  };
}

await runPart(import.meta.url, run);
