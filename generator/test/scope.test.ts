// The npm scope is one setting: changing it in a copy of sdk.config.json renames every
// generated package, import and dependency, the hand-written packages' names and their
// workspace dependencies, and core's version.ts; hand-written imports of the old scope are
// reported by --check, never rewritten.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENERATOR_DIR, REPO_ROOT } from '../src/config.js';
import { versionFile } from '../src/workspace/sync.js';
import { copyFixtures, editJson, readJson, tempDir, writeText } from './helpers.js';

function cli(...args: string[]) {
  const r = spawnSync(path.join(GENERATOR_DIR, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], {
    cwd: GENERATOR_DIR,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: GENERATOR_DIR },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A small workspace: config, core and testing manifests, a hand-written import, specs. */
function workspace(scope: string): string {
  const root = tempDir('scope');
  writeText(path.join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  writeText(
    path.join(root, 'sdk.config.json'),
    JSON.stringify({ scope, defaultRegion: 'ap-guangzhou' }),
  );
  for (const dir of ['core', 'testing']) {
    cpSync(
      path.join(REPO_ROOT, `packages/${dir}/package.json`),
      path.join(root, `packages/${dir}/package.json`),
    );
  }
  editJson(path.join(root, 'packages/core/package.json'), (p) => {
    p.version = '2.3.4';
  });
  writeText(path.join(root, 'packages/core/src/version.ts'), 'hand-edited\n');
  writeText(
    path.join(root, 'packages/testing/src/uses-core.ts'),
    "import { signTc3 } from '@scope/core';\nimport type { X } from '@babel/core';\nexport { signTc3 };\n",
  );
  editJson(path.join(root, 'packages/testing/package.json'), (p) => {
    p.devDependencies['@babel/core'] = '7.0.0'; // a third-party `<scope>/core` is not ours
  });
  cpSync(copyFixtures(), path.join(root, 'specs'), { recursive: true });
  return root;
}

const run = (root: string, ...extra: string[]) =>
  cli(
    'generate',
    '--specs',
    path.join(root, 'specs'),
    '--out',
    path.join(root, 'packages'),
    '--config',
    path.join(root, 'sdk.config.json'),
    ...extra,
  );

describe('one scope setting', () => {
  let root: string;
  let check: ReturnType<typeof cli>;
  let write: ReturnType<typeof cli>;
  let versionAfterCheck: string;
  const text = (rel: string) => readFileSync(path.join(root, rel), 'utf8');
  beforeAll(() => {
    root = workspace('@acme');
    check = run(root, '--check');
    versionAfterCheck = text('packages/core/src/version.ts');
    write = run(root);
  }, 60_000);

  it('--check lists the hand-written files the scope or version changes', () => {
    expect(check.code).toBe(1);
    expect(check.err).toContain('(workspace) packages/core/package.json');
    expect(check.err).toContain('(workspace) packages/testing/package.json');
    expect(check.err).toContain('(workspace) packages/core/src/version.ts');
    expect(versionAfterCheck).toBe('hand-edited\n'); // nothing written
  });

  it('renames the generated package, its imports, dependencies and smoke test', () => {
    expect(write.code).toBe(0);
    const pkg = readJson(path.join(root, 'packages/demo/package.json'));
    expect(pkg.name).toBe('@acme/demo');
    expect(pkg.dependencies).toEqual({ '@acme/core': 'workspace:^' });
    expect(pkg.devDependencies['@acme/testing']).toBe('workspace:*');
    expect(JSON.stringify(pkg)).not.toContain('@scope/');
    expect(text('packages/demo/src/v20210101/client.ts')).toContain("from '@acme/core';");
    expect(text('packages/demo/src/v20210101/service.ts')).toContain("packageName: '@acme/demo'");
    expect(text('packages/demo/test/smoke.test.ts')).toContain("from '@acme/testing';");
    expect(text('packages/demo/README.md')).not.toContain('@scope/');
  });

  it("renames core and testing and writes core's version.ts from its package.json", () => {
    expect(readJson(path.join(root, 'packages/core/package.json')).name).toBe('@acme/core');
    const testing = readJson(path.join(root, 'packages/testing/package.json'));
    expect(testing.name).toBe('@acme/testing');
    expect(testing.dependencies).toEqual({ '@acme/core': 'workspace:^' });
    expect(testing.devDependencies['@babel/core']).toBe('7.0.0');
    expect(text('packages/core/src/version.ts')).toBe(versionFile('@acme/core', '2.3.4'));
    expect(text('packages/core/src/version.ts')).toContain("CORE_VERSION = '2.3.4'");
  });

  it('reports a hand-written import of the old scope, and is clean once it is fixed', () => {
    expect(write.err).toContain(
      'packages/testing/src/uses-core.ts:1 imports @scope/core, but the scope is @acme',
    );
    expect(write.err).not.toContain('@babel/core');
    const stale = run(root, '--check');
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('1 import(s) of another scope');
    const file = path.join(root, 'packages/testing/src/uses-core.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('@scope/core', '@acme/core'));
    const clean = run(root, '--check');
    expect(clean.err).toBe('');
    expect(clean.code).toBe(0);
  });

  it('follows a core version bump (changeset version, then pnpm generate)', () => {
    editJson(path.join(root, 'packages/core/package.json'), (p) => {
      p.version = '2.4.0';
    });
    const bumped = run(root, '--check');
    expect(bumped.code).toBe(1);
    expect(bumped.err).toContain('(workspace) packages/core/src/version.ts');
    expect(run(root).code).toBe(0);
    expect(text('packages/core/src/version.ts')).toContain("CORE_VERSION = '2.4.0'");
  });
});
