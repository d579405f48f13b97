// What `changeset version` does to 258 dependents when @scope/core changes, with the
// repository's own .changeset/config.json and manifests (every package.json of the workspace,
// nothing else: versioning reads only those). Changesets adds a dependent to a release only when
// core's new version leaves the range the dependent declares (`workspace:^` = ^<core version>);
// `updateInternalDependencies` only rewrites ranges of packages already in the release, and
// leaves `workspace:^` as it is. So from core 1.0.0 on, a feature release of core republishes
// nothing, and a major gives every dependent a patch release with the new range.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import semver from 'semver';
import { afterAll, describe, expect, it } from 'vitest';
import { readJson, readText } from './harness/json.js';
import { cleanEnv, REPO, run, SCOPE } from './harness/run.js';

const CORE = `${SCOPE}/core`;
const CHANGESET = path.join(REPO, 'node_modules/.bin/changeset');
const temps: string[] = [];

afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** Folders of the workspace's packages, from pnpm-workspace.yaml's globs (`dir` or `dir/*`). */
function workspaceDirs(): string[] {
  const yaml = readText(path.join(REPO, 'pnpm-workspace.yaml'));
  const globs = [...yaml.matchAll(/^ {2}- (\S+)$/gm)].map((m) => m[1]!);
  const dirs: string[] = [];
  for (const g of globs) {
    if (!g.endsWith('/*')) dirs.push(g);
    else {
      const base = g.slice(0, -2);
      for (const d of readdirSync(path.join(REPO, base)).sort()) dirs.push(`${base}/${d}`);
    }
  }
  return dirs.filter((d) => {
    try {
      readJson(path.join(REPO, d, 'package.json'));
      return true;
    } catch {
      return false;
    }
  });
}

/** The workspace's manifests and changeset config in a temp folder; core at `coreVersion`. */
function manifestsOnly(coreVersion?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-versioning-'));
  temps.push(dir);
  for (const f of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json']) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    copyFileSync(path.join(REPO, f), path.join(dir, f));
  }
  for (const d of workspaceDirs()) {
    mkdirSync(path.join(dir, d), { recursive: true });
    copyFileSync(path.join(REPO, d, 'package.json'), path.join(dir, d, 'package.json'));
  }
  if (coreVersion) {
    const file = path.join(dir, 'packages/core/package.json');
    writeFileSync(file, JSON.stringify({ ...readJson(file), version: coreVersion }, null, 2));
  }
  return dir;
}

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function manifests(dir: string): Map<string, Manifest> {
  const out = new Map<string, Manifest>();
  for (const d of workspaceDirs()) {
    const m = readJson(path.join(dir, d, 'package.json')) as unknown as Manifest;
    out.set(m.name, m);
  }
  return out;
}

async function version(dir: string, changesets: Record<string, string>) {
  for (const [name, text] of Object.entries(changesets))
    writeFileSync(path.join(dir, '.changeset', name), text);
  const before = manifests(dir);
  await run(CHANGESET, ['version'], { cwd: dir, env: cleanEnv() });
  return { before, after: manifests(dir) };
}

const coreChangeset = (bump: string) => ({
  'core-change.md': `---\n"${CORE}": ${bump}\n---\n\nA change of core.\n`,
});

/** Public packages whose runtime dependencies name core. */
const dependentsOfCore = (m: Map<string, Manifest>) =>
  [...m.values()].filter((p) => !p.private && p.dependencies?.[CORE] !== undefined);

describe('when @scope/core changes', () => {
  it('core 1.x minor or patch: changeset version bumps only core, no dependent is republished', async () => {
    for (const bump of ['minor', 'patch']) {
      const dir = manifestsOnly('1.0.0');
      const { before, after } = await version(dir, coreChangeset(bump));
      expect(after.get(CORE)!.version).toBe(semver.inc('1.0.0', bump as 'minor'));
      expect(dependentsOfCore(before).length).toBeGreaterThanOrEqual(9);
      for (const [name, m] of after) {
        if (name === CORE) continue;
        expect(m.version, `${name} after a core ${bump}`).toBe(before.get(name)!.version);
        expect(m.dependencies?.[CORE], name).toBe(before.get(name)!.dependencies?.[CORE]);
      }
      // only core got a CHANGELOG entry
      const logs = workspaceDirs().filter((d) =>
        readdirSync(path.join(dir, d)).includes('CHANGELOG.md'),
      );
      expect(logs).toEqual(['packages/core']);
    }
  });

  it('core major: every dependent gets a patch release (its range now admits only the new major)', async () => {
    const dir = manifestsOnly('1.4.2');
    const { before, after } = await version(dir, coreChangeset('major'));
    expect(after.get(CORE)!.version).toBe('2.0.0');
    const dependents = dependentsOfCore(before);
    for (const p of dependents) {
      const now = after.get(p.name)!;
      expect(now.version, p.name).toBe(semver.inc(p.version, 'patch'));
      // workspace:^ stays; at publish it becomes ^2.0.0, which 1.x no longer satisfies
      expect(now.dependencies![CORE], p.name).toBe('workspace:^');
      expect(semver.satisfies('1.4.2', '^2.0.0')).toBe(false);
    }
    // private packages never get a version
    for (const p of after.values()) if (p.private) expect(p.version, p.name).toBe('0.0.0');
  });

  it('in 0.x a core minor leaves ^0.y: every dependent is republished (why core is 1.0.0)', async () => {
    const dir = manifestsOnly('0.3.0');
    const { before, after } = await version(dir, coreChangeset('minor'));
    expect(after.get(CORE)!.version).toBe('0.4.0');
    for (const p of dependentsOfCore(before))
      expect(after.get(p.name)!.version, p.name).toBe(semver.inc(p.version, 'patch'));
  });

  it('the pending release in .changeset/ takes core to 1.0.0 and moves every service package', async () => {
    const dir = manifestsOnly();
    const pending = readdirSync(path.join(REPO, '.changeset')).filter(
      (f) => f.endsWith('.md') && f !== 'README.md',
    );
    expect(pending).toContain('core-1-0-0.md');
    const texts = Object.fromEntries(
      pending.map((f) => [f, readText(path.join(REPO, '.changeset', f))]),
    );
    const { before, after } = await version(dir, texts);
    expect(before.get(CORE)!.version).toMatch(/^0\./);
    expect(after.get(CORE)!.version).toBe('1.0.0');
    for (const p of dependentsOfCore(before)) {
      const now = after.get(p.name)!.version;
      expect(semver.gt(now, p.version), `${p.name} ${p.version} -> ${now}`).toBe(true);
    }
    // what each service package gets in 1.0.0's release: at least a minor (its own changeset)
    const services = readText(path.join(REPO, '.changeset/service-packages-core-1.md'))
      .split('---')[1]!
      .match(/"[^"]+"/g)!
      .map((s) => JSON.parse(s) as string);
    expect(services.length).toBeGreaterThanOrEqual(9);
    for (const name of services) {
      const old = before.get(name)!.version;
      expect(semver.gte(after.get(name)!.version, semver.inc(old, 'minor')!), name).toBe(true);
    }
  });
});
