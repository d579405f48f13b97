// Builds dist/esm and dist/cjs.
//
// Why a bundle: with one emitted file per source module, `require('@scope/core')` spent most of
// its 16-20 ms in Node's loader resolving and reading ~25 small files. Each public entry point
// (`.` and `./credentials`) is now one file; modules that are imported lazily in the source stay
// separate files so they are still read only on first use.
//
// - ESM: esbuild with splitting. The lazily imported modules are entry points too, which gives
//   them stable names (dist/esm/credentials/chain.js, ...); code shared between entry points
//   goes to dist/esm/chunks/ (one copy, so `.` and `./credentials` share classes and state such
//   as the registered secrets). The root entry is index.js plus two shared chunks: pure code (also
//   loaded by the runtime files) and the call path (see below).
// - CJS: a one-line file per public entry point that require()s the ESM one (see step 2).
// - Types: tsc with emitDeclarationOnly, bundled per public entry point (step 3).
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const execFileAsync = promisify(execFile);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const dist = join(pkgDir, 'dist');

/**
 * The runtime implementations behind `#runtime` (package.json `imports`, chosen by the exports
 * conditions of whoever loads or bundles core). `#runtime` stays external: each is its own file.
 */
const RUNTIMES = ['node', 'bun', 'deno', 'web'];

/** Public entry points, then the modules the source loads with `import()` on first use. */
const ENTRIES = ['index', 'credentials/index', ...RUNTIMES.map((r) => `runtime/${r}/index`)];
const LAZY = [
  'credentials/chain', // default credentials chain (client without `credentials`)
  'credentials/cvm-role', // CVM instance role, from the chain
  'credentials/sts', // web identity / assume role, from the chain
  'credentials/region', // region from the profile file
  'call/hooks', // logger and hooks
  'runtime/node/proxy-agent', // proxy selection and tunnelling
  'call/legacy-request', // HmacSHA256 / HmacSHA1 signatures
  'call/endpoint/failover', // circuit breakers, after the first unreachable host
  'call/describe-config', // client.describeConfig()
];

rmSync(dist, { recursive: true, force: true });

/**
 * Bun's and Deno's entries are made of Node's and the web one (`../node/index.js`,
 * `../web/index.js`). Kept as imports of those files, not bundled: bundling them would move
 * Node's runtime into a chunk, one more file for every Node process to load.
 */
const runtimeEntriesStayFiles = {
  name: 'runtime-entries-stay-files',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/(node|web)\/index\.js$/ }, (args) =>
      /runtime[\\/](bun|deno)[\\/]index\.ts$/.test(args.importer)
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

// 1. ESM bundle with code splitting.
const esmOptions = {
  absWorkingDir: pkgDir,
  entryPoints: [...ENTRIES, ...LAZY].map((e) => `src/${e}.ts`),
  outbase: 'src',
  outdir: 'dist/esm',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node', // node:* built-ins stay external
  external: ['#runtime'],
  target: 'node20',
  logLevel: 'warning',
};

// esbuild puts a shared module in one chunk per set of entry points that reach it, so the root
// entry alone would import four small chunks (basic credentials; the TC3 signer; retry and call
// runner; errors, redaction and the credentials cache), each one more file for Node's loader to
// resolve and read. A first pass finds the modules of those chunks; the second adds a bare
// `import '<module>'` of each to every other entry point, so that all entry points reach them
// and they form ONE chunk: `import '@scope/core'` reads index.js and that chunk. (The modules
// are side-effect free, so esbuild does not emit those imports, but they still decide the
// chunking; ./credentials alone now also reads a few KB it does not use.)
const probe = await build({
  ...esmOptions,
  write: false,
  metafile: true,
  plugins: [runtimeEntriesStayFiles],
});
const shared = rootChunks(probe.metafile).flatMap((c) =>
  Object.keys(probe.metafile.outputs[c].inputs),
);
const esm = await build({
  ...esmOptions,
  metafile: true,
  plugins: [importAlso(shared), runtimeEntriesStayFiles],
  logOverride: { 'ignored-bare-import': 'silent' },
});
if (rootChunks(esm.metafile).length > 2)
  throw new Error('the root entry should import two chunks (pure code, and the call path)');
checkNoRuntimeCycle(esm.metafile);

/**
 * The runtime files import core's pure code (errors, the TC3 strings); the call path imports
 * `#runtime`. If a chunk a runtime file loads also imported `#runtime`, the two would import
 * each other: a cycle Rollup warns about in every user's build and that breaks evaluation
 * order. So the runtime entries are left out of importAlso (their modules form the pure
 * chunk) and this checks that no chunk they load imports `#runtime`.
 */
function checkNoRuntimeCycle(metafile) {
  const runtimeFiles = Object.keys(metafile.outputs).filter((k) =>
    /^dist\/esm\/runtime\/\w+\/index\.js$/.test(k),
  );
  for (const file of runtimeFiles)
    for (const chunk of reachable(metafile, file, new Set()))
      if (metafile.outputs[chunk].imports.some((i) => i.path === '#runtime'))
        throw new Error(`${file} loads ${chunk}, which imports #runtime: an import cycle`);
}
dropBareChunkImports(esm.metafile);

/** The chunks that dist/esm/index.js imports statically. */
function rootChunks(metafile) {
  const root = Object.values(metafile.outputs).find((o) => o.entryPoint === 'src/index.ts');
  return root.imports
    .filter((i) => i.kind === 'import-statement' && !i.external)
    .map((i) => i.path);
}

/** Appends `import '<module>'` for each of `modules` to every entry point but the root. */
function importAlso(modules) {
  const others = new Set(
    [...ENTRIES.slice(1), ...LAZY]
      .filter((e) => !e.startsWith('runtime/'))
      .map((e) => join(pkgDir, `src/${e}.ts`)),
  );
  const imports = modules.map((m) => `import ${JSON.stringify(join(pkgDir, m))};`).join('\n');
  return {
    name: 'import-also',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) =>
        others.has(args.path)
          ? { contents: `${readFileSync(args.path, 'utf8')}\n${imports}\n`, loader: 'ts' }
          : undefined,
      );
    },
  };
}

/**
 * esbuild keeps `import "../chunks/chunk-X.js"` (no bindings) in an output file when the chunk
 * holds modules that file's sources reached but whose exports it does not use (mostly the
 * `importAlso` imports above). The package says `"sideEffects": false`, so a bundler must drop
 * such an import, and esbuild warns about each one in every user's build (ignored-bare-import).
 * Removing them here makes Node load exactly what a bundler keeps. Nothing depends on their
 * evaluation: every lazy file is reached by `import()` from code in the root chunk (so that
 * chunk is already evaluated), and a chunk it does need is imported with named bindings; the
 * build fails if a dropped chunk is neither the root chunk nor loaded through those.
 */
function dropBareChunkImports(metafile) {
  const root = new Set(rootChunks(metafile));
  const bare = /^import "((?:\.\.?\/)+chunks\/[\w-]+\.js)";\n/gm;
  for (const file of Object.keys(metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    const path = join(pkgDir, file);
    const text = readFileSync(path, 'utf8');
    const dropped = [...text.matchAll(bare)].map((m) => join(dirname(file), m[1]));
    if (dropped.length === 0) continue;
    const loaded = reachable(metafile, file, new Set(dropped));
    for (const chunk of dropped)
      if (!root.has(chunk) && !loaded.has(chunk))
        throw new Error(`${file}: bare import of ${chunk}, which nothing else loads first`);
    writeFileSync(path, text.replace(bare, ''));
  }
}

/** Output files that `file` loads through static imports, not following those in `except`. */
function reachable(metafile, file, except, seen = new Set()) {
  for (const i of metafile.outputs[file].imports)
    if (i.kind === 'import-statement' && !i.external && !except.has(i.path) && !seen.has(i.path)) {
      seen.add(i.path);
      reachable(metafile, i.path, new Set(), seen);
    }
  return seen;
}

// 2. CommonJS: one line per public entry point, `module.exports = require('../esm/...')`. Every
//    Node version core supports (engines) loads ES modules with require(), and so does Bun: the
//    JavaScript ships once, `require` and `import` share one instance (no dual-package hazard:
//    one registry of secrets, one set of classes), and `#runtime` resolves through the same
//    conditions for both. The lazy files stay lazy: they are import()ed by the ESM code.
const PUBLIC = ENTRIES.filter((e) => !e.startsWith('runtime/'));
for (const entry of PUBLIC) writeCjsWrapper(entry);

function writeCjsWrapper(entry) {
  const file = join(dist, 'cjs', `${entry}.js`);
  mkdirSync(dirname(file), { recursive: true });
  const target = `${'../'.repeat(entry.split('/').length)}esm/${entry}.js`;
  writeFileSync(file, `"use strict";\nmodule.exports = require(${JSON.stringify(target)});\n`);
}
// tsconfig.json maps `#runtime` to the Node sources for the type checker; esbuild applies a
// tsconfig's paths to every file below it, so bundling dist/ from inside this repository
// (tests, bench) would resolve the sources instead of package.json `imports`. This file, next
// to the output and left out of the package, stops that.
writeFileSync(
  join(dist, 'tsconfig.json'),
  `${JSON.stringify({ '//': 'no paths: #runtime resolves through package.json imports' })}\n`,
);
writeFileSync(join(dist, 'cjs/package.json'), '{"type":"commonjs"}\n');

// 3. Declarations, once: CommonJS-format .d.ts files in dist/cjs (its package.json says
//    commonjs), and at each ESM entry point a one-line stub re-exporting them. Two full copies
//    made a class with private members two unrelated types for a consumer that meets both
//    (generated packages' declarations import core from CommonJS files); ESM declarations with
//    CommonJS stubs fail node16 CommonJS (TS1479). scripts/ checks for exactly this stub.
//    tsc writes one .d.ts per module; rollup-plugin-dts then bundles them into one file per
//    public entry point (and a shared chunk), keeping only what the public API reaches: the
//    internal modules' declarations and their comments (a third of the bytes) are not shipped,
//    and a consumer's compiler reads 3 files instead of 60.
const tsc = join(pkgDir, 'node_modules/.bin/tsc');
await execFileAsync(tsc, ['-p', 'tsconfig.cjs.json', '--emitDeclarationOnly'], {
  cwd: pkgDir,
}).catch((e) => {
  process.stderr.write(`${e.stdout ?? ''}${e.stderr ?? ''}`);
  throw new Error('tsc -p tsconfig.cjs.json failed');
});
await bundleDeclarations();
for (const entry of PUBLIC) {
  const up = '../'.repeat(entry.split('/').length);
  writeFileSync(join(dist, 'esm', `${entry}.d.ts`), `export * from '${up}cjs/${entry}.js';\n`);
}

async function bundleDeclarations() {
  const cjs = join(dist, 'cjs');
  const bundle = await rollup({
    input: Object.fromEntries(PUBLIC.map((e) => [e, join(cjs, `${e}.d.ts`)])),
    plugins: [dts()],
    // node:* stay imports; nothing else may be outside the package (core has no dependencies).
    external: (id) => id.startsWith('node:'),
    onwarn(warning) {
      throw new Error(`declaration bundle: ${warning.message}`);
    },
  });
  const { output } = await bundle.generate({
    format: 'es',
    chunkFileNames: 'chunks/types-[hash].d.ts',
  });
  await bundle.close();
  for (const file of readdirSync(cjs, { recursive: true, encoding: 'utf8' }))
    if (file.endsWith('.d.ts')) rmSync(join(cjs, file));
  for (const o of output) {
    if (o.type !== 'chunk') throw new Error(`declaration bundle: unexpected asset ${o.fileName}`);
    const file = join(cjs, o.fileName.endsWith('.d.ts') ? o.fileName : `${o.fileName}.d.ts`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, o.code);
  }
  // Folders left empty by the per-module files.
  for (const dir of readdirSync(cjs, { recursive: true, withFileTypes: true }).reverse())
    if (dir.isDirectory() && readdirSync(join(dir.parentPath, dir.name)).length === 0)
      rmSync(join(dir.parentPath, dir.name), { recursive: true });
}
