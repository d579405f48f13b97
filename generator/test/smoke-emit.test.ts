// The emitted smoke test: one case per callable action of every version, and it passes when run
// with vitest against the emulator (@scope/testing) on the fixture spec, whose actions cover
// the special cases: unsigned, deprecated, offline (left out), paginated and streaming.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATOR_DIR } from '../src/config.js';
import { copyFixtures, gen, readJson } from './helpers.js';

const OUT = path.join(GENERATOR_DIR, '.out/smoke'); // inside generator/ so @scope/* resolve
const PKG = path.join(OUT, 'demo');
let smoke: string;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  const r = await gen(copyFixtures(), OUT);
  expect(r.problems).toEqual([]);
  smoke = readFileSync(path.join(PKG, 'test/smoke.test.ts'), 'utf8');
});
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('test/smoke.test.ts', () => {
  it('names one case per callable action of each version, offline ones left out', () => {
    const cases = [...smoke.matchAll(/^ {2}it\('(\w+)'/gm)].map((m) => m[1]);
    expect(cases).toEqual([
      // 2020-01-01
      'DescribeWidgets',
      'OldAction',
      // 2021-01-01 (Delete is offline)
      'AssumeGuest',
      'CreateWidget',
      'DescribeWidgets',
      'ListThings',
      'RemoveWidget',
      'StreamChat',
    ]);
    expect(smoke).toContain("describe('demo 2021-01-01', () => {");
    expect(smoke).toContain(
      "const out: v20210101.CreateWidgetResponse = await v20210101.createWidget(client, input('CreateWidget'));",
    );
    expect(smoke).toContain("await v20210101.streamChatStream(client, input('StreamChat'))");
    expect(smoke).not.toContain('deleteAction');
  });

  it('leaves the harness to smokeHarness in @scope/testing and holds only the cases', () => {
    expect(smoke).toContain("import { smokeHarness } from '@scope/testing';");
    expect(smoke).toContain('const smoke = smokeHarness({');
    expect(smoke).toContain("const { input, expectAnswer } = smoke.forVersion('2020-01-01');");
    expect(smoke).toContain(
      "const { input, expectAnswer, streamOnce } = smoke.forVersion('2021-01-01');",
    );
    expect(smoke).toContain("const event = streamOnce('StreamChat');");
    expect(smoke).not.toMatch(/startEmulator|TEST_CREDENTIALS|function forVersion/);
  });

  it('adds a test script and the emulator to the package, and stub folders for node10', () => {
    const pkg = readJson(path.join(PKG, 'package.json'));
    expect(pkg.scripts.test).toBe('vitest run');
    expect(pkg.scripts['lint:package']).toBe('publint --strict && attw --pack .');
    expect(pkg.devDependencies['@scope/testing']).toBe('workspace:*');
    expect(pkg.files).toEqual(['dist', 'v20200101', 'v20210101', 'README.md', 'CHANGELOG.md']);
    expect(readJson(path.join(PKG, 'v20200101/package.json'))).toEqual({
      main: '../dist/cjs/v20200101/index.js',
      types: '../dist/cjs/v20200101/index.d.ts',
    });
    expect(readFileSync(path.join(PKG, 'tsconfig.json'), 'utf8')).toContain(
      '"include": ["src", "test"]',
    );
  });

  it('passes against the emulator', () => {
    const r = spawnSync(
      path.join(GENERATOR_DIR, 'node_modules/.bin/vitest'),
      ['run', '--root', PKG, '--reporter', 'verbose'],
      { cwd: PKG, encoding: 'utf8', env: { ...process.env, CI: '1', NO_COLOR: '1' } },
    );
    const log = `${r.stdout}\n${r.stderr}`;
    expect(log, log).toMatch(/Tests\s+8 passed \(8\)/);
    expect(r.status).toBe(0);
  }, 60_000);
});
