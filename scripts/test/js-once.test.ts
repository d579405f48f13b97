// The catalogue's JavaScript ships once (src/build.mjs): ES modules without comments in
// dist/esm, one-line CommonJS entry points in dist/cjs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cjsEntryPoints, stripComments } from '../src/build.mjs';
import { listFiles, ROOT } from '../src/workspace.mjs';
import { smallPackages } from './fixture.js';

const [a] = smallPackages(1);
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

  it(`${a.dir}: the shipped modules are esbuild's output of the sources, comments aside`, () => {
    const esm = join(ROOT, a.dir, 'dist', 'esm');
    const modules = listFiles(esm, '').filter((f) => f.endsWith('.js'));
    expect(modules.length).toBeGreaterThan(3);
    for (const f of modules) {
      const shipped = readFileSync(join(esm, f), 'utf8');
      expect(shipped, f).not.toMatch(/^\s*\/\*\*/m);
      const source = readFileSync(join(ROOT, a.dir, 'src', f.replace(/\.js$/, '.ts')), 'utf8');
      const full = transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022' }).code;
      expect(minified(shipped), f).toBe(minified(full));
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
