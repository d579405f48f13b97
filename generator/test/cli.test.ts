// The command line: exit codes and what it prints for invalid specs and for --check.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATOR_DIR } from '../src/config.js';
import { copyFixtures, editJson, tempDir } from './helpers.js';

function cli(...args: string[]) {
  const r = spawnSync(path.join(GENERATOR_DIR, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], {
    cwd: GENERATOR_DIR,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: GENERATOR_DIR },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('tc-sdk-gen generate', () => {
  it('exits 1 listing every problem with file, JSON path and hint, writing nothing', () => {
    const specs = copyFixtures();
    editJson(path.join(specs, 'demo/v20210101/api.json'), (j) => {
      j.objects.Widget.members[0].type = 'text';
    });
    writeFileSync(path.join(specs, 'demo/v20200101/errors.json'), '{');
    const out = tempDir('cli');
    const r = cli('generate', '--specs', specs, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain('2 problem(s) found, nothing was written');
    expect(r.err).toContain(
      'demo/v20210101/api.json $.objects.Widget.members[0].type: unknown type "text"',
    );
    expect(r.err).toContain('demo/v20200101/errors.json $: invalid JSON');
    expect(r.err).toContain('hint: ');
    expect(readdirSync(out)).toEqual([]);
  }, 30_000);

  it('--check exits 1 naming the stale files, then 0 once generated', () => {
    const specs = copyFixtures();
    const out = tempDir('cli');
    const before = cli('generate', '--specs', specs, '--out', out, '--check');
    expect(before.code).toBe(1);
    expect(before.err).toContain('demo/src/v20210101/models.ts');
    expect(cli('generate', '--specs', specs, '--out', out).code).toBe(0);
    const after = cli('generate', '--specs', specs, '--out', out, '--check');
    expect(after.code).toBe(0);
    expect(after.out).toContain('1 package(s) up to date');
  }, 30_000);
});
