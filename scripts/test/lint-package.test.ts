// Which packages publint + attw check (src/lint-package.mjs), and that the in-process check
// fails what `publint --strict` and `attw --pack .` fail.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintTarball, outputHash, SAMPLE, selectPackages } from '../src/lint-package.mjs';
import { type GeneratedPackage, ROOT } from '../src/workspace.mjs';
import { smallPackages } from './fixture.js';

const pkg = (name: string): GeneratedPackage => ({
  dir: `packages/${name}`,
  abs: '',
  name: `@scope/${name}`,
  versions: [],
});

describe('which packages are linted', () => {
  const all = ['aai', 'as', 'cvm', 'foo', 'hunyuan', 'tke', 'zoo'].map(pkg);
  const hashes = new Map(all.map((p) => [p.dir, `h-${p.dir}`]));
  const record = Object.fromEntries(hashes);

  it('nothing changed: only the fixed sample and the first and last package', () => {
    expect(selectPackages(all, record, hashes, false).selected).toEqual(
      ['aai', 'as', 'cvm', 'hunyuan', 'tke', 'zoo'].map((n) => `packages/${n}`),
    );
  });

  it('a package whose output hash differs from the record, or is not in it, is linted', () => {
    const { foo: _, ...withoutFoo } = { ...record, foo: '' };
    const r = selectPackages(all, { ...withoutFoo, 'packages/foo': 'old' }, hashes, false);
    expect(r.changed).toEqual(['packages/foo']);
    expect(r.selected).toContain('packages/foo');
    const missing = Object.fromEntries(
      Object.entries(record).filter(([k]) => k !== 'packages/foo'),
    );
    expect(selectPackages(all, missing, hashes, false).changed).toEqual(['packages/foo']);
  });

  it('--all lints every package', () => {
    expect(selectPackages(all, record, hashes, true).selected).toEqual(all.map((p) => p.dir));
  });

  it('the sample is fixed', () => {
    expect(SAMPLE).toEqual(['packages/cvm', 'packages/tke', 'packages/hunyuan', 'packages/as']);
  });
});

describe('publint --strict and attw, in process', () => {
  const [p] = smallPackages(1);
  if (!p) throw new Error('needs a generated package');
  const tmp = mkdtempSync(join(tmpdir(), 'tc-lint-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const packAt = (dir: string) => {
    const out = execFileSync(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp],
      { cwd: dir, encoding: 'utf8' },
    );
    return new Uint8Array(readFileSync(join(tmp, JSON.parse(out)[0].filename)));
  };

  it(`${p.dir} as built passes`, async () => {
    expect(await lintTarball(packAt(join(ROOT, p.dir)))).toEqual([]);
  });

  it('the same package without dist/cjs/package.json fails both tools', async () => {
    const copy = join(tmp, 'copy');
    for (const f of readdirSync(join(ROOT, p.dir)))
      if (f !== 'node_modules') cpSync(join(ROOT, p.dir, f), join(copy, f), { recursive: true });
    rmSync(join(copy, 'dist/cjs/package.json'));
    const problems = await lintTarball(packAt(copy));
    expect(problems.some((m) => m.startsWith('publint error'))).toBe(true);
    expect(problems.some((m) => m.startsWith('attw CJSResolvesToESM'))).toBe(true);
  });

  it('the output hash covers what is packed: a changed dist file or README changes it', () => {
    const copy = { ...p, dir: 'copy' };
    const before = outputHash(copy, tmp);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    appendFileSync(join(tmp, 'copy/dist/esm/index.js'), '\n');
    const afterDist = outputHash(copy, tmp);
    expect(afterDist).not.toBe(before);
    appendFileSync(join(tmp, 'copy/README.md'), '\n');
    expect(outputHash(copy, tmp)).not.toBe(afterDist);
    appendFileSync(join(tmp, 'copy/src/index.ts'), '\n'); // not packed
    expect(outputHash(copy, tmp)).toBe(outputHash(copy, tmp));
  });
});
