import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generatorHash, generatorHashOf } from '../src/generator-hash.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A generator folder with one source, one template and one installed dependency. */
function fakeGenerator() {
  const dir = mkdtempSync(path.join(tmpdir(), 'gen-hash-'));
  dirs.push(dir);
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  const manifest = (scripts: Record<string, string>) =>
    write(
      'package.json',
      JSON.stringify({ name: 'g', dependencies: { 'code-block-writer': 'catalog:' }, scripts }),
    );
  manifest({ cli: 'tsx src/cli.ts' });
  write('node_modules/code-block-writer/package.json', '{"version":"13.0.3"}');
  write('src/emit/a.ts', 'export const a = 1;\n');
  write('templates/readme.hbs', '# {{name}}\n');
  return { dir, write, manifest, hash: () => generatorHashOf(dir, 'codes') };
}

describe('generatorHash', () => {
  it('follows sources, templates, dependency versions and the common codes, not scripts', () => {
    const g = fakeGenerator();
    const first = g.hash();
    expect(g.hash()).toBe(first);
    g.manifest({ cli: 'node --import tsx src/cli.ts' });
    g.write('src/notes.md', 'not code');
    expect(g.hash()).toBe(first);

    g.write('node_modules/code-block-writer/package.json', '{"version":"13.0.4"}');
    const bumped = g.hash();
    expect(bumped).not.toBe(first);
    g.write('src/emit/a.ts', 'export const a = 2;\n');
    const edited = g.hash();
    expect(edited).not.toBe(bumped);
    g.write('templates/readme.hbs', '# {{title}}\n');
    expect(g.hash()).not.toBe(edited);
    expect(generatorHashOf(g.dir, 'other codes')).not.toBe(g.hash());
  });

  it('hashes the real generator (every runtime dependency is installed)', () => {
    expect(generatorHash()).toMatch(/^[0-9a-f]{64}$/);
  });
});
