// A user's build of a service package must be free of warnings with esbuild, Rollup, Vite and webpack,
// and the bundle must run. Core's dist once imported its shared chunks for their side effects
// while declaring `"sideEffects": false`: every esbuild build of @scope/cvm printed eight
// ignored-bare-import warnings. The one-action bundles run against the emulator.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator, TEST_CREDENTIALS } from '@scope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BundleResult,
  bundleWithEsbuild,
  bundleWithRollup,
  bundleWithVite,
  bundleWithWebpack,
} from '../src/bundlers.js';
import { linkWorkspacePackages } from '../src/link.js';
import { describeRun, run } from '../src/run.js';
import { PKG_DIR, ROOT, servicePackages } from '../src/workspace.js';

// The entry files live in this package so that imports resolve as in a user's project.
const SRC = join(PKG_DIR, '.tmp', 'bundlers');
const OUT = mkdtempSync(join(tmpdir(), 'docs-test-bundlers-'));

const ONE_ACTION = `import { createCvmClient, describeInstances } from '@scope/cvm';

const client = createCvmClient({
  endpoint: process.env.EMULATOR_URL,
  region: 'ap-guangzhou',
  credentials: { secretId: process.env.SECRET_ID, secretKey: process.env.SECRET_KEY },
});
describeInstances(client, { Limit: 1 }).then((out) => {
  console.log(JSON.stringify({ requestId: out.RequestId, instances: out.InstanceSet.length }));
});
`;

let emu: Emulator;
beforeAll(async () => {
  linkWorkspacePackages();
  mkdirSync(SRC, { recursive: true });
  writeFileSync(join(SRC, 'one-action.mjs'), ONE_ACTION);
  emu = await startEmulator({
    specs: [join(ROOT, 'specs/cvm')],
    credentials: [TEST_CREDENTIALS],
  });
});
afterAll(async () => {
  await emu?.close();
  rmSync(OUT, { recursive: true, force: true });
});

/** Runs a bundle with node against the emulator and returns what it printed. */
async function runBundle(main: string) {
  const r = await run(process.execPath, [main], {
    cwd: OUT, // no node_modules here: the bundle must hold everything but node:* built-ins
    env: {
      PATH: process.env.PATH,
      EMULATOR_URL: emu.url,
      SECRET_ID: TEST_CREDENTIALS.secretId,
      SECRET_KEY: TEST_CREDENTIALS.secretKey,
    },
  });
  expect(r.code, describeRun(r)).toBe(0);
  return JSON.parse(r.stdout) as { requestId: string; instances: number };
}

/** The output files' text, to check what the bundle holds. */
const text = (b: BundleResult, ...more: string[]) =>
  [b.main, ...more].map((f) => readFileSync(f, 'utf8')).join('\n');

describe('bundling one action of @scope/cvm (createCvmClient + describeInstances)', () => {
  const entry = () => join(SRC, 'one-action.mjs');

  it.each([
    ['one file', false],
    ['code splitting', true],
  ])('esbuild (%s): no warnings, and the bundle calls the emulator', async (_, splitting) => {
    const b = await bundleWithEsbuild(entry(), join(OUT, `esbuild-${splitting}`), splitting);
    expect(b.warnings).toEqual([]);
    const before = emu.requestsFor('DescribeInstances').length;
    const out = await runBundle(b.main);
    expect(out.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(emu.requestsFor('DescribeInstances').length).toBe(before + 1);
    expect(text(b)).not.toContain('TerminateInstances'); // other actions are tree-shaken
  });

  it('Rollup + @rollup/plugin-node-resolve: no warnings, and the bundle calls the emulator', async () => {
    const b = await bundleWithRollup(entry(), join(OUT, 'rollup'));
    expect(b.warnings).toEqual([]);
    expect((await runBundle(b.main)).instances).toBe(1);
    expect(text(b)).not.toContain('TerminateInstances');
  });

  it('Vite 8 (SSR build, dependencies bundled): no warnings, and the bundle calls the emulator', async () => {
    const b = await bundleWithVite(entry(), join(OUT, 'vite'));
    expect(b.warnings).toEqual([]);
    expect((await runBundle(b.main)).instances).toBe(1);
    expect(text(b)).not.toContain('TerminateInstances');
  });

  it('webpack (production, target node): no warnings, and the bundle calls the emulator', async () => {
    const b = await bundleWithWebpack(entry(), join(OUT, 'webpack'));
    expect(b.warnings).toEqual([]);
    expect((await runBundle(b.main)).instances).toBe(1);
    expect(text(b)).not.toContain('TerminateInstances');
  });
});

describe('bundling the whole root entry of every service package', () => {
  it.each(servicePackages().map((p) => [p.name]))(
    '%s: esbuild reports no warnings',
    async (name) => {
      const file = join(SRC, `${name.replace(/\W/g, '_')}.mjs`);
      writeFileSync(
        file,
        `import * as api from '${name}';\nconsole.log(Object.keys(api).length);\n`,
      );
      const b = await bundleWithEsbuild(file, join(OUT, name.replace(/\W/g, '_')), true);
      expect(b.warnings).toEqual([]);
    },
  );
});
