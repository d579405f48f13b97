// A hand edit of a generated file: `generate --check` names the file and says to run
// `generate`; plain `generate` (whose inputs did not change) must then restore it, because
// the manifest records each file's hash, and a package whose files are intact is still skipped.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATOR_DIR } from '../src/config.js';
import { copyFixtures, gen, readJson, tempDir } from './helpers.js';

function cli(...args: string[]) {
  const r = spawnSync(path.join(GENERATOR_DIR, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], {
    cwd: GENERATOR_DIR,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: GENERATOR_DIR },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const MODELS = 'demo/src/v20210101/models.ts';

describe('hand-edited generated files', () => {
  it('--check names the file, the command its hint names restores it, then --check passes', async () => {
    const specs = copyFixtures();
    const out = tempDir('edit');
    const args = ['generate', '--specs', specs, '--out', out, '--no-progress'];
    expect(cli(...args).code).toBe(0);
    const original = readFileSync(path.join(out, MODELS), 'utf8');
    appendFileSync(path.join(out, MODELS), 'export const handEdit = 1;\n');

    const check = cli(...args, '--check');
    expect(check.code).toBe(1);
    expect(check.err).toContain(`  ${MODELS}`);
    // The hint names `pnpm generate`, i.e. the same command without --check.
    expect(check.err).toMatch(/run `pnpm generate` \(this command without --check\)/);

    const fix = cli(...args);
    expect(fix.code, fix.err).toBe(0);
    expect(fix.out).toContain('demo: 1 written');
    expect(readFileSync(path.join(out, MODELS), 'utf8')).toBe(original);
    expect(cli(...args, '--check').code).toBe(0);
  });

  it('restores a deleted generated file; skips a package whose files are intact', async () => {
    const specs = copyFixtures();
    const out = tempDir('edit');
    await gen(specs, out);
    const manifest = readJson(path.join(out, 'demo/.generated.json'));
    expect(Object.keys(manifest.sha256).sort()).toEqual(manifest.files);
    const again = await gen(specs, out);
    expect(again.packages.map((p) => p.status)).toEqual(['skipped']);
    rmSync(path.join(out, 'demo/README.md'));
    const restored = await gen(specs, out);
    expect(restored.packages[0]).toMatchObject({ status: 'written', changed: ['README.md'] });
  });

  it('--check does not promise that `pnpm generate` removes a package whose spec is gone', () => {
    const specs = copyFixtures();
    const out = tempDir('edit');
    expect(cli('generate', '--specs', specs, '--out', out, '--no-progress').code).toBe(0);
    cpSync(path.join(out, 'demo'), path.join(out, 'ghost'), { recursive: true });
    const check = cli('generate', '--specs', specs, '--out', out, '--no-progress', '--check');
    expect(check.code).toBe(1);
    expect(check.err).toContain('packages/ghost was generated but its spec is gone');
    expect(check.err).toContain('1 generated package(s) without a spec; remove them by hand');
    expect(check.err).not.toContain('run `pnpm generate`');
  });
});
