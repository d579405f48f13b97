// An errors file that names actions the spec does not have (Tencent's error lists cover the
// whole service; the international site's spec is a subset) is a warning, never a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATOR_DIR, UPSTREAM_DIR } from '../src/config.js';
import { copyFixtures, editJson, readJson, tempDir } from './helpers.js';

function cli(...args: string[]) {
  const r = spawnSync(path.join(GENERATOR_DIR, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], {
    cwd: GENERATOR_DIR,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: GENERATOR_DIR },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const INTL = path.join(UPSTREAM_DIR, 'tccli-intl-en');

describe('errors files naming actions the spec lacks', () => {
  it('prints a warning with file and JSON path, and generates (exit 0)', () => {
    const specs = copyFixtures();
    const errorsFile = 'demo/v20210101/errors.json';
    editJson(path.join(specs, errorsFile), (j) => {
      j.actionErrors.NotInThisSpec = ['InternalError', 'ResourceNotFound.Widget'];
      j.actionFlags.AlsoMissing = { sse: true };
    });
    const out = tempDir('warn');
    const r = cli('generate', '--specs', specs, '--out', out, '--no-progress');
    expect(r.code, r.err).toBe(0);
    const lines = r.err.split('\n');
    for (const p of ['$.actionErrors.NotInThisSpec', '$.actionFlags.AlsoMissing']) {
      const i = lines.findIndex((l) => l.startsWith('warning: ') && l.includes(` ${p}: `));
      expect(i, r.err).toBeGreaterThanOrEqual(0);
      expect(lines[i]).toContain(errorsFile);
      expect(lines[i]).toMatch(/unknown action "\w+"/);
      expect(lines[i + 1]).toMatch(/^ {4}hint: \S/);
    }
    expect(r.err).not.toContain('problem(s) found');
    const errors = readFileSync(path.join(out, 'demo/src/v20210101/errors.ts'), 'utf8');
    expect(errors).not.toContain('NotInThisSpec');
    expect(errors).toMatch(/DescribeWidgets: '[0-9a-z ]+',/); // its documented codes, as indices
  });

  it('still fails on a real problem in the same file, listing the warning too', () => {
    const specs = copyFixtures();
    editJson(path.join(specs, 'demo/v20210101/errors.json'), (j) => {
      j.actionErrors.NotInThisSpec = ['InternalError'];
      j.actionErrors.DescribeWidgets.push('Undeclared.Code');
    });
    const r = cli('generate', '--specs', specs, '--out', tempDir('warn'), '--no-progress');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^warning: .*\$\.actionErrors\.NotInThisSpec: unknown action/m);
    expect(r.err).toContain('1 problem(s) found, nothing was written');
    expect(r.err).toContain('$.actionErrors.DescribeWidgets[2]: error code "Undeclared.Code"');
  });

  // The real international-site corpus lives outside the repository (../shared); without it
  // the synthetic case above covers the behaviour.
  it.skipIf(!existsSync(INTL))(
    'generates the international-site cvm spec with the shared errors folder (skipped without ../shared/upstream-specs/tccli-intl-en)',
    () => {
      const errorsDir = path.join(UPSTREAM_DIR, 'errors');
      const api = readJson(path.join(INTL, 'cvm/v20170312/api.json'));
      const listed = Object.keys(
        readJson(path.join(errorsDir, 'cvm-2017-03-12.json')).actionErrors,
      );
      const missing = listed.filter((a) => !Object.hasOwn(api.actions, a));
      expect(missing.length).toBeGreaterThan(0);
      const out = tempDir('intl');
      const r = cli(
        'generate',
        '--tccli',
        INTL,
        '--errors',
        errorsDir,
        '--out',
        out,
        '--no-progress',
      );
      expect(r.code, r.err).toBe(0);
      const warnings = r.err.split('\n').filter((l) => l.startsWith('warning: '));
      expect(warnings).toHaveLength(missing.length);
      for (const a of missing) expect(r.err).toContain(`$.actionErrors.${a}: unknown action`);
      expect(existsSync(path.join(out, 'cvm/src/v20170312/client.ts'))).toBe(true);
    },
  );
});
