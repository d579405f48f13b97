// Every TypeScript block of every README is a test: type-checked strictly against the built
// packages, and run against the emulator when marked `runnable` (markers: src/readmes.ts;
// how examples without an endpoint reach the emulator: src/api-proxy.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator, TEST_CREDENTIALS } from '@scope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProxy, startApiProxy } from '../src/api-proxy.js';
import { runProgram, typecheck, type WrittenProgram, where, writePrograms } from '../src/check.js';
import { LINKS_DIR, linkWorkspacePackages } from '../src/link.js';
import { allBlocks, toPrograms } from '../src/readmes.js';
import { describeRun } from '../src/run.js';
import { PKG_DIR, ROOT, workspacePackages } from '../src/workspace.js';

const WORK = join(PKG_DIR, '.tmp', 'readmes');
const linked = linkWorkspacePackages();
const blocks = allBlocks();
const written = writePrograms(toPrograms(blocks), WORK);
const fragments = blocks.filter((b) => b.fragment !== undefined);

let diagnostics: Map<WrittenProgram, string[]>;
beforeAll(async () => {
  diagnostics = await typecheck(written, WORK);
}, 180_000);

describe('README TypeScript blocks type-check', () => {
  it.each(written.map((w) => [where(w.program), w] as const))('%s', (_, w) => {
    expect(diagnostics.get(w)?.join('\n')).toBe('');
  });

  for (const f of fragments) it.skip(`${f.file}:${f.line} is a fragment: ${f.fragment}`, () => {});
});

describe('runnable README blocks run against the emulator', () => {
  let emu: Emulator;
  let proxy: ApiProxy;
  let home: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    emu = await startEmulator({ specs: [join(ROOT, 'specs')], credentials: [TEST_CREDENTIALS] });
    proxy = await startApiProxy(emu.url, join(PKG_DIR, '.tmp', 'proxy'));
    home = mkdtempSync(join(tmpdir(), 'docs-test-home-')); // no profile file of this machine
    env = {
      PATH: process.env.PATH,
      HOME: home,
      TENCENTCLOUD_SECRET_ID: TEST_CREDENTIALS.secretId,
      TENCENTCLOUD_SECRET_KEY: TEST_CREDENTIALS.secretKey,
      HTTPS_PROXY: proxy.url,
      HTTP_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1,localhost',
      NODE_EXTRA_CA_CERTS: proxy.caFile,
    };
  });
  afterAll(async () => {
    await proxy?.close();
    await emu?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const runnable = written.filter((w) => w.program.runnable);
  it.each(runnable.map((w) => [where(w.program), w] as const))('%s', async (_, w) => {
    const refusedBefore = proxy.refused.length;
    const sentBefore = emu.requests.length;
    const r = await runProgram(w, WORK, ROOT, env);
    expect(r.code, `${where(w.program)}: ${describeRun(r)}`).toBe(0);
    expect(proxy.refused.slice(refusedBefore), 'hosts the example tried to reach').toEqual([]);
    // What it sent to the real endpoints passed the emulator's checks (signature, parameters).
    const answers = emu.requests
      .slice(sentBefore)
      .map((q) => `${q.service} ${q.action}: ${q.response?.code ?? q.response?.kind}`);
    expect(answers.filter((a) => !/: (ok|stream)$/.test(a))).toEqual([]);
  });
});

describe('what the check depends on', () => {
  it('finds the blocks of the root README and of the package READMEs', () => {
    const files = new Set(blocks.map((b) => b.file));
    for (const f of ['README.md', 'packages/core/README.md', 'packages/testing/README.md'])
      expect(files).toContain(f);
    expect(written.some((w) => w.program.runnable)).toBe(true);
  });

  it('every published workspace package resolves from the programs, through .tmp/node_modules', () => {
    const names = workspacePackages()
      .filter((p) => !p.private)
      .map((p) => p.name);
    expect(linked.map((p) => p.name)).toEqual(names);
    for (const p of linked) {
      const manifest = join(LINKS_DIR, p.name, 'package.json');
      expect(JSON.parse(readFileSync(manifest, 'utf8')).name, manifest).toBe(p.name);
    }
  });

  it('turbo builds every package it imports first: core, testing and (through @tc-sdk/scripts) every generated one', () => {
    const deps = Object.keys(
      JSON.parse(readFileSync(join(PKG_DIR, 'package.json'), 'utf8')).devDependencies,
    );
    const handWritten = workspacePackages()
      .filter((p) => !p.private && !existsSync(join(ROOT, p.dir, '.generated.json')))
      .map((p) => p.name);
    expect(
      handWritten.filter((n) => !deps.includes(n)),
      'add to devDependencies',
    ).toEqual([]);
    expect(deps).toContain('@tc-sdk/scripts');
  });
});
