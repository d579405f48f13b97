// Scale: every service version of the committed catalogue (specs/, read in place) is generated
// into a temp folder by the real CLI, and everything written type-checks with tsc.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATOR_DIR, REPO_ROOT } from '../src/config.js';
import { SPECS_DIR } from './corpus.js';
import { tempDir } from './helpers.js';

const CORE_TYPES = path.join(REPO_ROOT, 'packages/core/dist/esm/index.d.ts');
const bin = (name: string) => path.join(GENERATOR_DIR, 'node_modules/.bin', name);

describe('the whole catalogue', () => {
  it('generates every service version without error and type-checks', () => {
    const out = tempDir('catalogue');
    const started = performance.now();
    const log = execFileSync(
      bin('tsx'),
      ['src/cli.ts', 'generate', '--specs', SPECS_DIR, '--out', out, '--no-progress'],
      { cwd: GENERATOR_DIR, encoding: 'utf8', env: { ...process.env, INIT_CWD: GENERATOR_DIR } },
    );
    const generateMs = performance.now() - started;
    const versions = readdirSync(SPECS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(path.join(SPECS_DIR, d.name)).filter((v) => /^v\d{8}$/.test(v)));
    expect(versions.length).toBe(296);
    expect(log).toMatch(/generated 258 package\(s\): 258 written/);
    // Folders only: PAGINATION.md sits beside the packages.
    const emittedVersions = readdirSync(out, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(path.join(out, d.name, 'src')).filter((v) => /^v\d{8}$/.test(v)));
    expect(log).toMatch(/^pagination: \d+ paginator\(s\)/m);
    expect(emittedVersions.length).toBe(296);

    // Resolve @scope/core to core's built types; only generated code is checked.
    writeFileSync(
      path.join(out, 'tsconfig.json'),
      JSON.stringify({
        extends: path.join(REPO_ROOT, 'tsconfig.base.json'),
        compilerOptions: {
          noEmit: true,
          skipLibCheck: true,
          typeRoots: [path.join(GENERATOR_DIR, 'node_modules/@types')],
          paths: { '@scope/core': [CORE_TYPES] },
        },
        include: ['*/src/**/*.ts'],
      }),
    );
    const checkStarted = performance.now();
    execFileSync(
      process.execPath,
      [
        '--max-old-space-size=4096',
        bin('tsc').replace(/\.bin\/tsc$/, 'typescript/bin/tsc'),
        '-p',
        out,
      ],
      {
        encoding: 'utf8',
        stdio: 'pipe',
      },
    );
    const checkMs = performance.now() - checkStarted;
    console.log(
      `catalogue: generate ${(generateMs / 1000).toFixed(1)} s, tsc --noEmit ${(checkMs / 1000).toFixed(1)} s`,
    );
  }, 600_000);
});
