// The whole-catalogue build (src/build.mjs): the same declarations as each package's own tsc
// build, ESM and CJS that load, and a rebuild of exactly the packages whose inputs changed.
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackages, CJS_MARKER, coreShipsTypesOnce } from '../src/build.mjs';
import { typecheckPackages } from '../src/typecheck.mjs';
import { listFiles, ROOT } from '../src/workspace.mjs';
import { makeWorkspace, removeWorkspace, smallPackages } from './fixture.js';

const [a, b] = smallPackages(2).sort((x, y) => (x.dir < y.dir ? -1 : 1));
if (!a || !b) throw new Error('needs two generated packages');

describe("the built catalogue (this package's build ran first)", () => {
  it(`${a.dir}: dist/cjs holds the .d.ts bytes of \`tsc -p tsconfig.build.json\`; dist/esm the same, or only entry stubs once core ships its own once`, () => {
    const out = join(ROOT, 'scripts', '.cache', 'tsc-reference');
    rmSync(out, { recursive: true, force: true });
    const tsc = join(ROOT, 'scripts', 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(
      process.execPath,
      [tsc, '-p', 'tsconfig.build.json', '--emitDeclarationOnly', '--outDir', out],
      {
        cwd: join(ROOT, a.dir),
      },
    );
    const reference = listFiles(out, '').filter((f) => f.endsWith('.d.ts'));
    expect(reference.length).toBeGreaterThan(0);
    const cjs = join(ROOT, a.dir, 'dist', 'cjs');
    expect(listFiles(cjs, '').filter((f) => f.endsWith('.d.ts'))).toEqual(reference);
    for (const f of reference)
      expect(readFileSync(join(cjs, f), 'utf8'), f).toBe(readFileSync(join(out, f), 'utf8'));
    // With core's declarations once: one stub per ESM entry point of the exports map, nothing
    // else; without: the same declarations as dist/cjs.
    const esm = join(ROOT, a.dir, 'dist', 'esm');
    const esmTypes = listFiles(esm, '').filter((f) => f.endsWith('.d.ts'));
    if (!coreShipsTypesOnce()) {
      expect(esmTypes).toEqual(reference);
      for (const f of reference)
        expect(readFileSync(join(esm, f), 'utf8'), f).toBe(readFileSync(join(out, f), 'utf8'));
      return;
    }
    const entries = ['index.d.ts', ...a.versions.map((v) => `${v}/index.d.ts`)].sort();
    expect(esmTypes).toEqual(entries);
    for (const f of entries)
      expect(readFileSync(join(esm, f), 'utf8'), f).toMatch(
        /^export \* from '(\.\.\/)+cjs\/[^']+\.js';\n$/,
      );
  });

  it(`${a.dir}: the CJS and ESM builds load and export the same names`, async () => {
    const cjs = createRequire(import.meta.url)(join(ROOT, a.dir, 'dist/cjs/index.js'));
    const esm = await import(pathToFileURL(join(ROOT, a.dir, 'dist/esm/index.js')).href);
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(Object.keys(esm).length).toBeGreaterThan(5);
    expect(readFileSync(join(ROOT, a.dir, 'dist/cjs/package.json'), 'utf8')).toBe(CJS_MARKER);
  });
});

describe('incremental: a step redoes exactly the packages whose inputs changed', () => {
  let root: string;
  beforeAll(() => {
    root = makeWorkspace([a.dir, b.dir]);
  });
  afterAll(() => removeWorkspace(root));

  it('build: all, then nothing, then the one whose source changed, then all after a shared input changed', async () => {
    expect((await buildPackages({ root })).built).toEqual([a.dir, b.dir]);
    expect((await buildPackages({ root })).built).toEqual([]);
    appendFileSync(join(root, a.dir, 'src/index.ts'), '\nexport const added = 1;\n');
    expect((await buildPackages({ root })).built).toEqual([a.dir]);
    expect(readFileSync(join(root, a.dir, 'dist/cjs/index.d.ts'), 'utf8')).toContain('added');
    const base = join(root, 'tsconfig.base.json');
    writeFileSync(base, `${readFileSync(base, 'utf8')}\n`);
    expect((await buildPackages({ root })).built).toEqual([a.dir, b.dir]);
  });

  it("build: declarations once (ESM entry stubs) exactly when core's are, twice otherwise; core's change rebuilds", async () => {
    const types = (format: string) =>
      listFiles(join(root, a.dir, 'dist', format), '').filter((f) => f.endsWith('.d.ts'));
    // A stand-in for core's dist (the packages still resolve the real core through node_modules).
    const core = join(root, 'packages', 'core');
    unlinkSync(core);
    mkdirSync(join(core, 'dist', 'esm'), { recursive: true });
    writeFileSync(join(core, 'dist', 'esm', 'index.d.ts'), "export * from '../cjs/index.js';\n");
    expect((await buildPackages({ root })).built).toEqual([a.dir, b.dir]);
    const entries = ['index.d.ts', ...a.versions.map((v) => `${v}/index.d.ts`)].sort();
    expect(types('esm')).toEqual(entries);
    expect(types('cjs').length).toBeGreaterThan(entries.length);
    expect(readFileSync(join(root, a.dir, 'dist/esm/index.d.ts'), 'utf8')).toBe(
      "export * from '../cjs/index.js';\n",
    );
    writeFileSync(join(core, 'dist', 'esm', 'index.d.ts'), 'export declare const x: 1;\n');
    expect((await buildPackages({ root })).built).toEqual([a.dir, b.dir]);
    expect(types('esm')).toEqual(types('cjs'));
    rmSync(core, { recursive: true, force: true });
    symlinkSync(join(ROOT, 'packages', 'core'), core);
  });

  it('build: a package whose dist was removed is rebuilt', async () => {
    await buildPackages({ root });
    removeWorkspace(join(root, b.dir, 'dist'));
    expect((await buildPackages({ root })).built).toEqual([b.dir]);
    expect(readdirSync(join(root, b.dir, 'dist')).sort()).toEqual(['cjs', 'esm']);
  });

  it('build: a module that imports an entry point of its own package is refused, nothing written', async () => {
    await buildPackages({ root });
    const version = a.versions[0] as string;
    const file = join(root, a.dir, 'src', version, 'service.ts');
    const good = readFileSync(file, 'utf8');
    const before = readFileSync(join(root, a.dir, 'dist/esm/index.js'), 'utf8');
    writeFileSync(file, `${good}\nexport * as again from '../index.js';\n`);
    await expect(buildPackages({ root })).rejects.toThrow(
      /the ES modules could not be bundled:\n.*service\.ts:\d+: \.\.\/index\.js is an entry point of the package: only another entry point may import it/,
    );
    expect(readFileSync(join(root, a.dir, 'dist/esm/index.js'), 'utf8')).toBe(before);
    writeFileSync(file, good);
    expect((await buildPackages({ root })).built).toEqual([a.dir]);
  });

  it('typecheck: a type error in one package fails that package only, until it is fixed', async () => {
    expect((await typecheckPackages({ root })).errors).toBe('');
    const file = join(root, b.dir, 'test/smoke.test.ts');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, `${good}\nconst wrong: number = 'text';\n`);
    const failed = await typecheckPackages({ root });
    expect(failed.checked).toEqual([b.dir]);
    expect(failed.errors).toContain('TS2322');
    expect(failed.errors).toContain(`${b.dir}/test/smoke.test.ts`);
    expect((await typecheckPackages({ root })).checked).toEqual([b.dir]); // still to do
    writeFileSync(file, good);
    const fixed = await typecheckPackages({ root });
    expect([fixed.checked, fixed.errors]).toEqual([[b.dir], '']);
    expect((await typecheckPackages({ root })).checked).toEqual([]);
  });
});
