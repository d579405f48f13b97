// Builds generated service packages in one process: esbuild bundles each ES module entry point
// of a package (its exports map) into one file of dist/esm, `@scope/core` left external and
// comments left to the declarations; dist/cjs gets a one-line CommonJS entry point per export
// that require()s them; ONE TypeScript program emits the declarations (one per source module).
// Per package this replaces two tsc runs; for the catalogue it replaces 516 process start-ups
// with one.
//
// Why a bundle per entry point: Node's ES module loader pays about 1 ms per module it resolves
// and links; `require('@scope/cvm')` loaded nine of cvm's and took 23 ms, one 15.5 ms.
//
// Declarations ship once, in dist/cjs (CommonJS format, from dist/cjs/package.json). Each ESM
// entry point of the exports map gets a one-line ESM stub, `export * from '<the cjs entry>'`:
// ESM may import CommonJS in every resolution mode, so node10, node16 (CJS and ESM) and bundler
// all see the same declarations. The other way round (full ESM declarations, CJS stubs) fails
// `--module node16` consumers without skipLibCheck (TS1479: a CommonJS file cannot import ESM).
//
// Only while @scope/core does the same (coreShipsTypesOnce): the service declarations import
// core from CommonJS files, i.e. core's `require` types; an ES module consumer that imports core
// itself gets its `import` types, and with two copies of core's declarations its classes with
// private members (BaseServiceClient, EventStream, TencentCloudError) would be two unrelated
// types. Until then each declaration is written to both folders, as before.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { build as esbuild } from 'esbuild';
import ts from 'typescript';
import {
  generatedPackages,
  hashPaths,
  installedVersion,
  listFiles,
  ROOT,
  StepState,
  withLock,
} from './workspace.mjs';

/** What a package's build reads besides its own files: a change here rebuilds every package. */
const GLOBAL_INPUTS = [
  'scripts/src/build.mjs',
  'scripts/src/workspace.mjs',
  'tsconfig.base.json',
  'packages/core/dist', // declarations are emitted against core's types
];
/** A package's own inputs. */
const PACKAGE_INPUTS = ['src', 'package.json', 'tsconfig.build.json'];
export const CJS_MARKER = '{"type":"commonjs"}\n';

/**
 * @typedef {import('./workspace.mjs').GeneratedPackage} GeneratedPackage
 * @typedef {{ built: string[], upToDate: string[], ms: number }} BuildResult
 */

/** The input hash of one package's build. @param {GeneratedPackage} p @param {string} globalKey */
export function buildHash(p, globalKey, root = ROOT) {
  return hashPaths(
    root,
    PACKAGE_INPUTS.map((f) => `${p.dir}/${f}`),
    [globalKey],
  );
}

export function buildGlobalKey(root = ROOT) {
  return hashPaths(root, GLOBAL_INPUTS, [
    installedVersion('esbuild'),
    installedVersion('typescript'),
  ]);
}

/**
 * Builds the packages whose inputs changed since their last build (all of them with `force`).
 * @param {{ root?: string, only?: string[], force?: boolean, log?: (s: string) => void }} [opts]
 * @returns {Promise<BuildResult>}
 */
export function buildPackages(opts = {}) {
  const root = opts.root ?? ROOT;
  return withLock('build', () => buildLocked(root, opts), root);
}

/** @param {string} root @param {{ only?: string[], force?: boolean, log?: (s: string) => void }} opts */
async function buildLocked(root, opts) {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const state = new StepState('build', root);
  const globalKey = buildGlobalKey(root);
  const all = generatedPackages(root, opts.only);
  const hashes = new Map(all.map((p) => [p.dir, buildHash(p, globalKey, root)]));
  const stale = all.filter(
    (p) =>
      opts.force ||
      !state.isDone(p.dir, hashes.get(p.dir) ?? '') ||
      listFiles(root, `${p.dir}/dist/cjs/package.json`).length === 0,
  );
  const upToDate = all.filter((p) => !stale.includes(p)).map((p) => p.dir);
  if (stale.length === 0) return { built: [], upToDate, ms: performance.now() - t0 };
  log(`building ${stale.length} package(s), ${upToDate.length} up to date`);

  const sources = stale.flatMap((p) =>
    listFiles(root, `${p.dir}/src`)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => join(root, f)),
  );
  /** @type {Map<string, Map<string, string>>} package dir -> (path in dist -> contents) */
  const out = new Map(stale.map((p) => [p.dir, new Map([['cjs/package.json', CJS_MARKER]])]));
  /** Routes `<root>/packages/<name>/src/<rel>` to its package and `<format>/<rel>`. */
  const route = (/** @type {string} */ file, /** @type {string} */ format, text = '') => {
    const rel = relative(join(root, 'packages'), file).split(sep).join('/');
    const m = /^([^/]+)\/src\/(.+)$/.exec(rel);
    const files = m && out.get(`packages/${m[1]}`);
    if (!m || !files) throw new Error(`unexpected output file ${file}`);
    files.set(`${format}/${m[2]}`, text);
  };

  // ES modules only, one bundle per entry point (entryPlan); dist/cjs gets one-line entry points
  // that require() them (below).
  /** @type {{ in: string, out: string }[]} */
  const bundles = [];
  /** Each bundled source -> where its output goes, and each entry's source -> its output. */
  const outOf = new Map();
  const entrySources = new Map();
  /** package dir -> its package.json */
  const manifests = new Map(
    stale.map((p) => [p.dir, JSON.parse(readFileSync(join(root, p.dir, 'package.json'), 'utf8'))]),
  );
  for (const p of stale) {
    const src = (/** @type {string} */ rel) => join(root, p.dir, 'src', `${rel}.ts`);
    const files = /** @type {Map<string, string>} */ (out.get(p.dir));
    const entries = esmEntryPoints(manifests.get(p.dir));
    const { builds, stubs } = entryPlan(entries, (rel) => readFileSync(src(rel), 'utf8'));
    for (const rel of entries) entrySources.set(src(rel), rel);
    for (const b of builds) {
      const file = src(b.from);
      bundles.push({
        in: file,
        out: `${relative(join(root, 'packages'), join(root, p.dir))}/src/${b.rel}`,
      });
      outOf.set(file, b.rel);
    }
    for (const [rel, text] of stubs) files.set(`esm/${rel}.js`, text);
  }
  /** An import of another entry point stays an import of its file (one instance of each). */
  const entriesStayFiles = {
    name: 'entries-stay-files',
    setup(/** @type {import('esbuild').PluginBuild} */ b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        const rel = entrySources.get(target);
        if (rel === undefined) return undefined;
        const from = outOf.get(args.importer);
        if (from === undefined)
          return {
            errors: [
              {
                text: `${args.path} is an entry point of the package: only another entry point may import it`,
              },
            ],
          };
        const path = posix.relative(posix.dirname(from), rel);
        return { path: `${path.startsWith('.') ? '' : './'}${path}.js`, external: true };
      });
    },
  };
  const esm = await esbuild({
    absWorkingDir: root,
    entryPoints: bundles,
    outdir: join(root, 'packages'),
    bundle: true,
    packages: 'external', // @scope/core
    plugins: [entriesStayFiles],
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    logLevel: 'silent',
  }).catch((/** @type {{ errors?: import('esbuild').Message[] }} */ err) => {
    for (const p of stale) state.forget(p.dir);
    state.save();
    const messages = (err.errors ?? []).map(
      (m) => `${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`,
    );
    throw new Error(`the ES modules could not be bundled:\n${messages.join('\n') || String(err)}`);
  });
  for (const f of esm.outputFiles) route(f.path, 'esm', stripComments(f.text, f.path));

  const once = coreShipsTypesOnce(root);
  if (!once)
    log('declarations written to dist/esm and dist/cjs: @scope/core ships two copies of its own');
  const diagnostics = emitDeclarations(root, sources, (file, text) => {
    route(file, 'cjs', text);
    if (!once) route(file, 'esm', text);
  });
  /** @type {string[]} */
  const stubErrors = [];
  if (diagnostics.length === 0)
    for (const p of stale) {
      const files = /** @type {Map<string, string>} */ (out.get(p.dir));
      const pkg = manifests.get(p.dir);
      try {
        if (once) for (const [rel, text] of esmTypeStubs(pkg, files)) files.set(rel, text);
        for (const [rel, text] of cjsEntryPoints(pkg, files)) files.set(rel, text);
      } catch (err) {
        stubErrors.push(`${p.dir}: ${/** @type {Error} */ (err).message}`);
      }
    }
  if (diagnostics.length > 0 || stubErrors.length > 0) {
    for (const p of stale) state.forget(p.dir);
    state.save();
    throw new Error(
      diagnostics.length > 0
        ? `declarations could not be emitted:\n${format(diagnostics)}`
        : `entry points could not be written:\n${stubErrors.join('\n')}`,
    );
  }

  for (const p of stale) {
    const dist = join(root, p.dir, 'dist');
    rmSync(dist, { recursive: true, force: true });
    for (const [rel, text] of out.get(p.dir) ?? []) {
      const file = join(dist, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    state.mark(p.dir, hashes.get(p.dir) ?? '');
  }
  state.save();
  return { built: stale.map((p) => p.dir), upToDate, ms: performance.now() - t0 };
}

/**
 * Whether @scope/core's ESM root declaration is a stub re-exporting its CommonJS one, i.e. core
 * ships one set of declarations, in dist/cjs (then so do the service packages; see the top).
 * @param {string} [root]
 */
export function coreShipsTypesOnce(root = ROOT) {
  try {
    const text = readFileSync(join(root, 'packages', 'core', 'dist', 'esm', 'index.d.ts'), 'utf8');
    return /^export \* from '\.\.\/cjs\/index\.js';?\s*$/.test(text);
  } catch {
    return false;
  }
}

/**
 * The ES module entry points of one package: `<rel>` of each `import.default` of its exports map
 * that is `./dist/esm/<rel>.js` (its source is `src/<rel>.ts`), in the map's order.
 * @param {{ exports?: Record<string, unknown> }} pkg the package.json
 * @returns {string[]}
 */
export function esmEntryPoints(pkg) {
  /** @type {string[]} */
  const rels = [];
  for (const target of Object.values(pkg.exports ?? {})) {
    const esm = /** @type {{ import?: { default?: unknown } }} */ (target)?.import?.default;
    const m = typeof esm === 'string' ? /^\.\/dist\/esm\/(.+)\.js$/.exec(esm) : null;
    if (m?.[1]) rels.push(m[1]);
  }
  return rels;
}

/**
 * How each ES module entry point is built: `builds` bundle `src/<from>.ts` into `esm/<rel>.js`;
 * `stubs` are `<rel>` -> a one-line module. An entry whose whole source is `export * from` another
 * entry (the root re-exporting its default API version) is built from that entry's source, and
 * the other becomes `export * from '<../>index.js'`: importing the package loads one module of
 * it, and both specifiers still give the same instance.
 * @param {string[]} rels the entry points (esmEntryPoints)
 * @param {(rel: string) => string} source the TypeScript source of an entry point
 * @returns {{ builds: { rel: string, from: string }[], stubs: Map<string, string> }}
 */
export function entryPlan(rels, source) {
  const known = new Set(rels);
  /** @type {Map<string, string>} entry -> the entry it only re-exports */
  const reexports = new Map();
  for (const rel of rels) {
    const target = onlyReexport(source(rel), rel);
    if (target !== undefined && known.has(target) && target !== rel) reexports.set(rel, target);
  }
  /** @type {Map<string, string>} entry built from another entry's source -> that entry */
  const alias = new Map();
  const claimed = new Set();
  for (const [rel, target] of reexports) {
    // No chains: the target is built from its own source, and only one entry takes it over.
    if (reexports.has(target) || claimed.has(target)) continue;
    alias.set(rel, target);
    claimed.add(target);
  }
  const builds = rels
    .filter((rel) => !claimed.has(rel))
    .map((rel) => ({ rel, from: alias.get(rel) ?? rel }));
  /** @type {Map<string, string>} */
  const stubs = new Map();
  for (const [rel, target] of alias) {
    const path = posix.relative(posix.dirname(target), rel);
    stubs.set(target, `export * from '${path.startsWith('.') ? '' : './'}${path}.js';\n`);
  }
  return { builds, stubs };
}

/** The entry `rel`'s source is one `export * from './x.js'` (comments aside): `x`, relative to src. */
function onlyReexport(/** @type {string} */ text, /** @type {string} */ rel) {
  const sf = ts.createSourceFile(
    `${rel}.ts`,
    text,
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.TS,
  );
  const [only, ...more] = sf.statements;
  if (!only || more.length > 0 || !ts.isExportDeclaration(only)) return undefined;
  if (only.exportClause || only.isTypeOnly || !only.moduleSpecifier) return undefined;
  if (!ts.isStringLiteral(only.moduleSpecifier)) return undefined;
  const m = /^(\.\.?\/.+)\.js$/.exec(only.moduleSpecifier.text);
  return m?.[1] ? posix.normalize(posix.join(posix.dirname(rel), m[1])) : undefined;
}

/**
 * The ESM declaration stubs of one package: for every export whose `import.types` is
 * `./dist/esm/<rel>.d.ts`, the file `esm/<rel>.d.ts` re-exporting `./dist/cjs/<rel>.d.ts` (which
 * must be `require.types` of the same export and among the emitted `files`). `export *` carries
 * no default export, so an entry with one is refused rather than shipped without it.
 * @param {{ exports?: Record<string, unknown> }} pkg the package.json
 * @param {Map<string, string>} files path in dist -> contents (the emitted `cjs/...` declarations)
 * @returns {Map<string, string>} path in dist -> stub
 */
export function esmTypeStubs(pkg, files) {
  /** @type {Map<string, string>} */
  const stubs = new Map();
  for (const [key, target] of Object.entries(pkg.exports ?? {})) {
    const t = /** @type {{ import?: { types?: unknown }, require?: { types?: unknown } }} */ (
      target
    );
    const esm = t?.import?.types;
    if (typeof esm !== 'string') continue;
    const m = /^\.\/dist\/esm\/(.+\.d\.ts)$/.exec(esm);
    if (!m?.[1]) throw new Error(`exports["${key}"].import.types is not ./dist/esm/*.d.ts: ${esm}`);
    const rel = m[1];
    const cjs = `cjs/${rel}`;
    if (t.require?.types !== `./dist/${cjs}`)
      throw new Error(`exports["${key}"].require.types is not ./dist/${cjs}`);
    const declaration = files.get(cjs);
    if (declaration === undefined) throw new Error(`exports["${key}"]: no declaration ${cjs}`);
    if (/^export (default|=)|^export \{[^}]*\bdefault\b/m.test(declaration))
      throw new Error(`exports["${key}"]: ${cjs} has a default export, which export * drops`);
    const from = posix.relative(posix.dirname(`esm/${rel}`), cjs).replace(/\.d\.ts$/, '.js');
    stubs.set(`esm/${rel}`, `export * from '${from}';\n`);
  }
  return stubs;
}

/**
 * The CommonJS entry points of one package: for every export whose `require.default` is
 * `./dist/cjs/<rel>.js`, the file `cjs/<rel>.js` that require()s `./dist/esm/<rel>.js` (its
 * `import.default`, which must have been emitted). Node (20.19+, 22.12+: the engines range) and
 * Bun load ES modules with require(), so the JavaScript ships once and `require` and `import`
 * share one instance.
 * @param {{ exports?: Record<string, unknown> }} pkg the package.json
 * @param {Map<string, string>} files path in dist -> contents (the emitted `esm/...` modules)
 * @returns {Map<string, string>} path in dist -> entry point
 */
export function cjsEntryPoints(pkg, files) {
  /** @type {Map<string, string>} */
  const entries = new Map();
  for (const [key, target] of Object.entries(pkg.exports ?? {})) {
    const t = /** @type {{ import?: { default?: unknown }, require?: { default?: unknown } }} */ (
      target
    );
    const cjs = t?.require?.default;
    if (typeof cjs !== 'string') continue;
    const m = /^\.\/dist\/cjs\/(.+\.js)$/.exec(cjs);
    if (!m?.[1])
      throw new Error(`exports["${key}"].require.default is not ./dist/cjs/*.js: ${cjs}`);
    const rel = m[1];
    if (t.import?.default !== `./dist/esm/${rel}`)
      throw new Error(`exports["${key}"].import.default is not ./dist/esm/${rel}`);
    if (!files.has(`esm/${rel}`)) throw new Error(`exports["${key}"]: no module esm/${rel}`);
    const from = posix.relative(posix.dirname(`cjs/${rel}`), `esm/${rel}`);
    entries.set(
      `cjs/${rel}`,
      `"use strict";\nmodule.exports = require(${JSON.stringify(from)});\n`,
    );
  }
  return entries;
}

/**
 * `text` (esbuild's output for `file`) without its comments. esbuild keeps the doc comments of
 * class members, which in a generated client are most of its bytes (cvm's client.js: 106 KB, 23
 * KB without them); they ship in the declarations, where editors read them. The TypeScript parser finds the
 * comments, so nothing inside a string or template literal is touched; `@__PURE__` annotations,
 * which tell bundlers a call can be dropped, stay.
 * @param {string} text
 * @param {string} file
 */
export function stripComments(text, file) {
  if (!text.includes('/*') && !text.includes('//')) return text;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  /** @type {Map<number, number>} start -> end of each comment */
  const ranges = new Map();
  const note = (/** @type {ts.CommentRange[] | undefined} */ rs) => {
    for (const r of rs ?? []) ranges.set(r.pos, r.end);
  };
  const visit = (/** @type {ts.Node} */ n) => {
    note(ts.getLeadingCommentRanges(text, n.getFullStart()));
    note(ts.getTrailingCommentRanges(text, n.getEnd()));
    ts.forEachChild(n, visit);
  };
  visit(sf);
  let out = '';
  let last = 0;
  for (const [pos, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (pos < last || /^\/\*\s*[@#]__PURE__\s*\*\/$/.test(text.slice(pos, end))) continue;
    // A comment alone on its lines goes with them; one after code keeps the line.
    const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
    const alone =
      /^[ \t]*$/.test(text.slice(lineStart, pos)) && /^[ \t]*(\n|$)/.test(text.slice(end));
    const from = alone ? lineStart : pos;
    const to = alone ? end + (/^[ \t]*\n?/.exec(text.slice(end))?.[0].length ?? 0) : end;
    out += text.slice(last, from).replace(/[ \t]+$/, '');
    last = to;
  }
  return out + text.slice(last);
}

/**
 * Compiler options of a generated package's tsconfig.build.json (the shared base with
 * declarations), for one program over many packages.
 * @param {string} root
 */
export function compilerOptions(root, extra = {}) {
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile);
  if (base.error) throw new Error(format([base.error]));
  const parsed = ts.parseJsonConfigFileContent(
    { ...base.config, compilerOptions: { ...base.config.compilerOptions, ...extra }, files: [] },
    ts.sys,
    join(root, 'scripts'),
  );
  // `types: ["node"]` resolves from this package's @types/node, whatever the working folder.
  return { ...parsed.options, typeRoots: [join(root, 'scripts', 'node_modules', '@types')] };
}

/**
 * One program over `sources`; each emitted `<root>/packages/<name>/src/<rel>.d.ts` is handed to
 * `write` (never written to disk by TypeScript). Returns the diagnostics that stop a build.
 * @param {string} root
 * @param {string[]} sources
 * @param {(file: string, text: string) => void} write
 */
function emitDeclarations(root, sources, write) {
  const options = compilerOptions(root, {
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
    rootDir: join(root, 'packages'),
    outDir: join(root, 'packages'),
  });
  const program = ts.createProgram({ rootNames: sources, options });
  const emitted = program.emit(undefined, (file, text) => write(file, text));
  return [
    ...program.getOptionsDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...emitted.diagnostics,
  ];
}

/** @param {readonly import('typescript').Diagnostic[]} diagnostics */
export function format(diagnostics) {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => ROOT,
    getNewLine: () => '\n',
  });
}
