// Core's own test suite and cvm's generated smoke tests, run by Node 22, 24 and 26 (vitest
// itself runs on that Node, and so does anything the tests spawn as `node`).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_ALIASES, nodeBinary, ROOT, RUNTIMES_DIR } from '../src/binaries.mjs';
import { run } from './harness.js';

// What each package's own `test` script runs (core: its suite with the Node runtime, then the
// call path again with the web one).
const SUITES = [
  { name: 'core suite (packages/core)', dir: 'packages/core', key: 'core', args: [], min: 100 },
  {
    name: 'core suite with the web runtime (packages/core, vitest.web.config.ts)',
    dir: 'packages/core',
    key: 'core-web',
    args: ['-c', 'vitest.web.config.ts'],
    min: 50,
  },
  { name: 'cvm smoke tests (packages/cvm)', dir: 'packages/cvm', key: 'cvm', args: [], min: 50 },
];

interface VitestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; status: string; message?: string }[];
}

const tmp = mkdtempSync(join(tmpdir(), 'tc-runtimes-suites-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

for (const alias of NODE_ALIASES) {
  describe(alias, () => {
    const counts: Record<string, { passed: number; failed: number; total: number }> = {};
    afterAll(() => {
      mkdirSync(join(RUNTIMES_DIR, '.results'), { recursive: true });
      const file = join(RUNTIMES_DIR, '.results', `${alias}.suites.json`);
      writeFileSync(file, `${JSON.stringify(counts, null, 2)}\n`);
    });

    for (const suite of SUITES) {
      it(suite.name, async () => {
        const node = nodeBinary(alias);
        const report = join(tmp, `${alias}-${suite.key}.json`);
        const env = {
          ...process.env,
          PATH: `${dirname(node)}:${process.env.PATH ?? ''}`,
          NO_COLOR: '1',
        };
        const out = await run(
          node,
          [
            'node_modules/vitest/vitest.mjs',
            'run',
            ...suite.args,
            '--reporter=dot',
            '--reporter=json',
            `--outputFile.json=${report}`,
          ],
          { cwd: join(ROOT, suite.dir), env, limitMs: 170_000 },
        );
        const json = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
        counts[suite.key] = {
          passed: json.numPassedTests,
          failed: json.numFailedTests,
          total: json.numTotalTests,
        };
        const failed = json.testResults
          .filter((r) => r.status !== 'passed')
          .map((r) => `${r.name}: ${(r.message ?? '').slice(0, 500)}`);
        expect(failed, out.stdout.slice(-4000)).toEqual([]);
        expect(out.code).toBe(0);
        expect(json.numPassedTests).toBeGreaterThan(suite.min);
      });
    }
  });
}
