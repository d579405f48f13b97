// publint and attw run on the packages whose output changed plus a fixed sample
// (src/lint-package.mjs). The sample stands for every package only if every generated package
// has the same manifest shape: this test proves it, for every package on every run.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE } from '../src/lint-package.mjs';
import { generatedPackages, ROOT } from '../src/workspace.mjs';

const packages = generatedPackages();

/** package.json with what legitimately differs between packages replaced by placeholders. */
function normalized(dir: string, versions: string[]) {
  const text = readFileSync(join(ROOT, dir, 'package.json'), 'utf8');
  const pkg = JSON.parse(text);
  const name = String(pkg.name);
  pkg.name = '<name>';
  pkg.version = '<version>';
  pkg.description = '<description>';
  if (pkg.repository?.directory === dir) pkg.repository.directory = '<dir>';
  // One subpath export and one `files` entry per API version: keep the first, as `<v>`.
  let json = JSON.stringify(pkg).split(name).join('<name>');
  for (const v of versions) json = json.split(v).join('<v>');
  const shaped = JSON.parse(json);
  shaped.files = [...new Set(shaped.files)];
  return shaped;
}

describe('every generated package has the same manifest shape', () => {
  it('finds the generated packages', () => {
    expect(packages.length).toBeGreaterThan(0);
  });

  const [first] = packages;
  it.each(packages.map((p) => [p.dir, p] as const))('%s', (_, p) => {
    if (!first) return;
    expect(normalized(p.dir, p.versions)).toEqual(normalized(first.dir, first.versions));
    expect(p.versions.length).toBeGreaterThan(0);
    const keys = Object.keys(
      JSON.parse(readFileSync(join(ROOT, p.dir, 'package.json'), 'utf8')).exports,
    );
    expect(keys).toEqual(['.', ...p.versions.map((v) => `./${v}`), './package.json']);
    for (const f of ['tsconfig.json', 'tsconfig.build.json', 'tsconfig.cjs.json'])
      expect(readFileSync(join(ROOT, p.dir, f), 'utf8'), f).toBe(
        readFileSync(join(ROOT, first.dir, f), 'utf8'),
      );
    // The folder that makes `require('<name>/<v>')` work with Node 10 resolution.
    for (const v of p.versions)
      expect(JSON.parse(readFileSync(join(ROOT, p.dir, v, 'package.json'), 'utf8'))).toEqual({
        main: `../dist/cjs/${v}/index.js`,
        types: `../dist/cjs/${v}/index.d.ts`,
      });
  });

  it('the fixed sample names generated packages (those present are always linted)', () => {
    const dirs = packages.map((p) => p.dir);
    const present = SAMPLE.filter((d) => dirs.includes(d));
    if (dirs.length >= 258) expect(present).toEqual(SAMPLE);
    for (const d of present) expect(existsSync(join(ROOT, d, 'package.json'))).toBe(true);
  });
});
