// The committed generated packages: up to date with specs/, and (once built) loadable with
// both require and import, every version subpath included.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OUT_DIR, DEFAULT_SPECS_DIR, MANIFEST_FILE, readSdkConfig } from '../src/config.js';
import { runGenerate } from '../src/run.js';
import { readJson } from './helpers.js';

const generated = readdirSync(DEFAULT_OUT_DIR).filter((d) =>
  existsSync(path.join(DEFAULT_OUT_DIR, d, MANIFEST_FILE)),
);

describe('committed packages', () => {
  it('match what the generator writes from specs/ (generate --check)', async () => {
    const r = await runGenerate({
      source: { apiDir: DEFAULT_SPECS_DIR },
      outDir: DEFAULT_OUT_DIR,
      config: readSdkConfig(),
      check: true,
      jobs: 1,
    });
    expect(r.problems).toEqual([]);
    expect(r.outOfDate).toEqual([]);
  });

  const built = generated.filter((d) =>
    existsSync(path.join(DEFAULT_OUT_DIR, d, 'dist/cjs/index.js')),
  );
  it.each(built)('%s loads with require and import', (dir) => {
    const pkgDir = path.join(DEFAULT_OUT_DIR, dir);
    const pkg = readJson(path.join(pkgDir, 'package.json'));
    const entries = Object.keys(pkg.exports).filter((k) => k !== './package.json');
    const require = createRequire(path.join(pkgDir, 'package.json'));
    for (const entry of entries) {
      const spec = entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`;
      const cjs = require(spec);
      const esm = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(spec)}); console.log(Object.keys(m).length)`,
        ],
        { cwd: pkgDir, encoding: 'utf8' },
      );
      expect(Number(esm.trim())).toBe(Object.keys(cjs).length);
      expect(Object.keys(cjs).some((k) => k.endsWith('Client'))).toBe(true);
    }
  });
});
