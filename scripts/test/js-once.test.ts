// The catalogue's JavaScript ships once (src/build.mjs): one ES module per entry point, without
// comments, in dist/esm; one-line CommonJS entry points in dist/cjs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { transformSync } from 'esbuild';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { cjsEntryPoints, entryPlan, esmEntryPoints, stripComments } from '../src/build.mjs';
import { listFiles, ROOT } from '../src/workspace.mjs';
import { smallPackages } from './fixture.js';

const [a] = smallPackages(1);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
if (!a) throw new Error('needs a generated package');

/** esbuild's minified form: comments other than `@__PURE__` and legal ones never survive it. */
const minified = (code: string) => transformSync(code, { minify: true, format: 'esm' }).code;

describe('stripComments', () => {
  // Statements whose strings, templates and regular expressions look like comments.
  const statements = [
    'const a = "/* not a comment */ // nor this";',
    "const b = '// still a string';",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source holding a template literal
    'const c = `\n  /** inside a template */\n  ${"x" /* in a substitution */}\n`;',
    'const d = /\\/\\*[^]*?\\*\\//g;',
    'const e = /* @__PURE__ */ Object.freeze({});',
    'class K {\n  m() {\n    return 1;\n  }\n}',
    'function f(x) {\n  return x / 2 / 3;\n}',
    'export { a, b, c, d, e, K, f };',
  ];
  const comment = fc.oneof(
    fc
      .string({ unit: fc.constantFrom('a', ' ', '*', '/', '"', '`', 'é') })
      .map((s) => `// CMT${s}\n`),
    fc
      .string({ unit: fc.constantFrom('a', ' ', '\n', '*', '"', '`', '/ ') })
      .filter((s) => !s.includes('*/') && !s.endsWith('*') && !s.startsWith('*'))
      .map((s) => `/** CMT${s} */\n`),
  );

  it('removes every comment and nothing else (the minified programs are equal)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(comment), {
          minLength: statements.length,
          maxLength: statements.length,
        }),
        fc.option(comment),
        (before, tail) => {
          const program =
            statements.map((s, i) => `${before[i] ?? ''}${s}`).join('\n') +
            (tail ? `\n${tail}` : '');
          const out = stripComments(program, 'x.js');
          expect(out).not.toContain('CMT');
          expect(minified(out)).toBe(minified(program));
          expect(out).toContain('/* @__PURE__ */');
          expect(out).toContain('/** inside a template */');
          expect(out).toContain('"/* not a comment */ // nor this"');
        },
      ),
      { numRuns: 200 },
    );
  });

  it(`${a.dir}: the shipped modules hold no comments but \`@__PURE__\``, () => {
    const esm = join(ROOT, a.dir, 'dist', 'esm');
    for (const f of listFiles(esm, '').filter((x) => x.endsWith('.js'))) {
      const shipped = readFileSync(join(esm, f), 'utf8');
      expect(shipped.replaceAll('/* @__PURE__ */', ''), f).not.toMatch(/\/\*|^\s*\/\//m);
    }
  });
});

describe('one bundle per entry point (entryPlan)', () => {
  const sources: Record<string, string> = {
    index: "// generated\nexport * from './v2/index.js';\n",
    'v1/index': "export * from './client.js';\nexport * from './models.js';\n",
    'v2/index': "export * from './client.js';\n",
  };
  const read = (rel: string) => sources[rel] ?? '';

  it("builds the root from the version it re-exports, and that version's file re-exports the root", () => {
    const plan = entryPlan(['index', 'v1/index', 'v2/index'], read);
    expect(plan.builds).toEqual([
      { rel: 'index', from: 'v2/index' },
      { rel: 'v1/index', from: 'v1/index' },
    ]);
    expect([...plan.stubs]).toEqual([['v2/index', "export * from '../index.js';\n"]]);
  });

  it('builds every entry from its own source otherwise', () => {
    const own = (rels: string[], text: Record<string, string>) =>
      entryPlan(rels, (r) => text[r] ?? '');
    const builtFromItself = (rels: string[]) => rels.map((rel) => ({ rel, from: rel }));
    // More than one statement, a named or type-only re-export, a module that is no entry.
    for (const root of [
      "export * from './v1/index.js';\nexport const x = 1;\n",
      "export { A } from './v1/index.js';\n",
      "export type * from './v1/index.js';\n",
      "export * from './v1/client.js';\n",
    ]) {
      const plan = own(['index', 'v1/index'], {
        index: root,
        'v1/index': sources['v1/index'] ?? '',
      });
      expect(plan.builds, root).toEqual(builtFromItself(['index', 'v1/index']));
      expect(plan.stubs.size).toBe(0);
    }
    // A chain (a -> b -> c) takes over only at its end; a target is taken over once.
    const chain = own(['a', 'b', 'c'], {
      a: "export * from './b.js';",
      b: "export * from './c.js';",
      c: 'export const c = 1;',
    });
    expect(chain.builds).toEqual([
      { rel: 'a', from: 'a' },
      { rel: 'b', from: 'c' },
    ]);
    expect([...chain.stubs]).toEqual([['c', "export * from './b.js';\n"]]);
    const twice = own(['a', 'b', 'c'], {
      a: "export * from './c.js';",
      b: "export * from './c.js';",
      c: 'export const c = 1;',
    });
    expect(twice.builds).toEqual([
      { rel: 'a', from: 'c' },
      { rel: 'b', from: 'b' },
    ]);
  });

  it('reads the entry points from the exports map', () => {
    const entry = (rel: string) => ({
      import: { types: `./dist/esm/${rel}.d.ts`, default: `./dist/esm/${rel}.js` },
      require: { default: `./dist/cjs/${rel}.js` },
    });
    const pkg = {
      exports: {
        '.': entry('index'),
        './v1': entry('v1/index'),
        './package.json': './package.json',
      },
    };
    expect(esmEntryPoints(pkg)).toEqual(['index', 'v1/index']);
  });

  it(`${a.dir}: dist/esm holds one module per entry point; the package and its default version are one instance`, () => {
    const esm = join(ROOT, a.dir, 'dist', 'esm');
    const js = listFiles(esm, '').filter((f) => f.endsWith('.js'));
    expect(js.sort()).toEqual(['index.js', ...a.versions.map((v) => `${v}/index.js`)].sort());
    // Every import of a shipped module is core or another entry point of the package.
    for (const f of js) {
      const text = readFileSync(join(esm, f), 'utf8');
      for (const [, spec] of text.matchAll(/(?:from|import)\s*["']([^"']+)["']/g)) {
        if (spec === '@scope/core') continue;
        const target = join(dirname(join(esm, f)), spec as string);
        expect(
          js.map((x) => join(esm, x)),
          `${f} imports ${spec}`,
        ).toContain(target);
      }
    }
    const root = readFileSync(join(ROOT, a.dir, 'src', 'index.ts'), 'utf8');
    const version = /from '\.\/(v\d+)\/index\.js'/.exec(root)?.[1];
    expect(version).toBeDefined();
    const dir = JSON.stringify(esm);
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const r = await import(${dir} + '/index.js');
         const v = await import(${dir} + '/${version}/index.js');
         const keys = Object.keys(r);
         console.log(JSON.stringify({ n: keys.length, same: keys.every((k) => r[k] === v[k]) && Object.keys(v).length === keys.length }));`,
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ n: expect.any(Number), same: true });
    expect(JSON.parse(out).n).toBeGreaterThan(5);
  });

  it(`${a.dir}: each entry exports the values its TypeScript source declares`, () => {
    const program = ts.createProgram({
      rootNames: esmEntryPoints(readJson(join(ROOT, a.dir, 'package.json'))).map((rel) =>
        join(ROOT, a.dir, 'src', `${rel}.ts`),
      ),
      options: {
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        noEmit: true,
        skipLibCheck: true,
      },
    });
    const checker = program.getTypeChecker();
    for (const rel of esmEntryPoints(readJson(join(ROOT, a.dir, 'package.json')))) {
      const sf = program.getSourceFile(join(ROOT, a.dir, 'src', `${rel}.ts`));
      const symbol = sf && checker.getSymbolAtLocation(sf);
      expect(symbol, rel).toBeDefined();
      const values = checker
        .getExportsOfModule(symbol as ts.Symbol)
        .filter((s) => {
          const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
          return (target.flags & ts.SymbolFlags.Value) !== 0;
        })
        .map((s) => s.name)
        .sort();
      const out = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `console.log(JSON.stringify(Object.keys(await import(${JSON.stringify(join(ROOT, a.dir, 'dist', 'esm', `${rel}.js`))})).sort()))`,
        ],
        { encoding: 'utf8' },
      );
      expect(values.length, rel).toBeGreaterThan(5);
      expect(JSON.parse(out), rel).toEqual(values);
    }
  });
});

describe('cjsEntryPoints', () => {
  const exportsOf = (rel: string) => ({
    import: { types: `./dist/esm/${rel}.d.ts`, default: `./dist/esm/${rel}.js` },
    require: { types: `./dist/cjs/${rel}.d.ts`, default: `./dist/cjs/${rel}.js` },
  });

  it('writes one require() per export, relative to the entry point', () => {
    const pkg = {
      exports: {
        '.': exportsOf('index'),
        './v1': exportsOf('v1/index'),
        './package.json': './package.json',
      },
    };
    const files = new Map([
      ['esm/index.js', ''],
      ['esm/v1/index.js', ''],
    ]);
    expect([...cjsEntryPoints(pkg, files)]).toEqual([
      ['cjs/index.js', '"use strict";\nmodule.exports = require("../esm/index.js");\n'],
      ['cjs/v1/index.js', '"use strict";\nmodule.exports = require("../../esm/v1/index.js");\n'],
    ]);
  });

  it('refuses an export whose module was not emitted or whose two targets differ', () => {
    expect(() => cjsEntryPoints({ exports: { '.': exportsOf('index') } }, new Map())).toThrow(
      'exports["."]: no module esm/index.js',
    );
    const odd = { ...exportsOf('index'), import: { default: './dist/esm/main.js' } };
    expect(() =>
      cjsEntryPoints({ exports: { '.': odd } }, new Map([['esm/index.js', '']])),
    ).toThrow('exports["."].import.default is not ./dist/esm/index.js');
  });

  it(`${a.dir}: dist/cjs has no other JavaScript, and require() gives the import() instance`, () => {
    const cjs = join(ROOT, a.dir, 'dist', 'cjs');
    const js = listFiles(cjs, '').filter((f) => f.endsWith('.js'));
    expect(js.sort()).toEqual(['index.js', ...a.versions.map((v) => `${v}/index.js`)].sort());
    // vitest's import() is its own loader: ask Node.
    const dir = JSON.stringify(join(ROOT, a.dir));
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createRequire } from 'node:module';
         const require = createRequire(${dir} + '/package.json');
         const r = require('./dist/cjs/index.js');
         const i = await import(${dir} + '/dist/esm/index.js');
         const keys = Object.keys(i);
         console.log(JSON.stringify({ n: keys.length, same: keys.every((k) => r[k] === i[k]) }));`,
      ],
      { encoding: 'utf8' },
    );
    const { n, same } = JSON.parse(out);
    expect(n).toBeGreaterThan(5);
    expect(same).toBe(true);
  });
});
