// The release loop end to end, in a private small copy of the workspace (core, testing, cvm and
// tke: a few packages, not the catalogue), against a local registry: publish, install cvm and tke
// as a user would, then take a new upstream action through specs:import -> generate (changeset)
// -> version -> release and check that only that package moved, by a minor version, with the
// action in its CHANGELOG; last, core's 1.0.0 release and what a later core minor moves.
// Each step is one of README "Updating specs and releasing".
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  installedManifest,
  installedPackages,
  makeConsumer,
  npmInstall,
  runProgram,
  startApiServer,
} from './harness/consumer.js';
import { CACHE, CVM_SPEC, cleanEnv, REPO, run, SCOPE } from './harness/run.js';
import { installVerdaccio, type Registry, startVerdaccio } from './harness/verdaccio.js';
import { GIT_ENV, git, smallWorkspace } from './harness/workspace.js';

const CVM = `${SCOPE}/cvm`;
const TKE = `${SCOPE}/tke`;
const CORE = `${SCOPE}/core`;
/** The services of the small workspace the test releases from. */
const SERVICES = ['cvm', 'tke'];
const NEW_ACTION = 'DescribeReleaseProbe';

let registry: Registry | undefined;
let api: Awaited<ReturnType<typeof startApiServer>> | undefined;
let ws = '';
const temps: string[] = [];
let env: NodeJS.ProcessEnv = {};

const pnpm = (args: string[], cwd = ws) => run('pnpm', args, { cwd, env, timeoutMs: 240_000 });
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** Public packages of the workspace copy: name -> version. */
function publicPackages(): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of readdirSync(path.join(ws, 'packages')).sort()) {
    const file = path.join(ws, 'packages', d, 'package.json');
    if (!existsSync(file)) continue; // packages/README.md
    const pkg = readJson(file);
    if (pkg.private !== true) out.set(pkg.name, pkg.version);
  }
  return out;
}

/** What the registry holds: name -> published versions (empty when unknown to it). */
async function published(names: Iterable<string>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const name of names) {
    const r = await fetch(`${registry!.url}${name.replace('/', '%2f')}`);
    out.set(
      name,
      r.ok ? Object.keys(((await r.json()) as { versions: object }).versions).sort() : [],
    );
  }
  return out;
}

/**
 * The guard the toolchain notes call for: every registry setting pnpm, npm and changesets will
 * use must be the local registry, or nothing is published.
 */
async function assertLocalRegistry() {
  const get = async (tool: string, key: string) =>
    (await run(tool, ['config', 'get', key], { cwd: ws, env })).stdout.trim();
  const settings = {
    [`pnpm config get ${SCOPE}:registry`]: await get('pnpm', `${SCOPE}:registry`),
    'pnpm config get registry': await get('pnpm', 'registry'),
    [`npm config get ${SCOPE}:registry`]: await get('npm', `${SCOPE}:registry`),
    'npm config get registry': await get('npm', 'registry'),
  };
  for (const [k, v] of Object.entries(settings)) {
    if (v !== registry!.url)
      throw new Error(`aborting before publish: ${k} = ${v}, not ${registry!.url}`);
  }
  // and what the release script resolved for changesets (it hands the same value to all tools)
  const dry = await pnpm(['run', 'release:check']);
  expect(dry.stdout).toContain(`publishing ${SCOPE}/* to ${registry!.url}`);
}

beforeAll(async () => {
  const bin = await installVerdaccio();
  registry = await startVerdaccio(bin);
  env = cleanEnv({ ...GIT_ENV, TURBO_CACHE_DIR: path.join(CACHE, 'turbo') });
  // Third-party packages come from the pnpm store; the local registry has no uplinks.
  ws = await smallWorkspace(SERVICES, env);
  temps.push(ws);
  const host = registry.url.replace(/^http:/, '');
  const npmrc = path.join(ws, '.npmrc');
  writeFileSync(
    npmrc,
    `${readFileSync(npmrc, 'utf8').trimEnd()}\n${SCOPE}:registry=${registry.url}\nregistry=${registry.url}\n${host}:_authToken=release-e2e\n`,
  );
  env = { ...env, NPM_CONFIG_REGISTRY: registry.url };
  api = await startApiServer();
});

afterAll(async () => {
  await registry?.stop();
  await api?.close();
  // E2E_KEEP=1 leaves the workspace copy and consumer folders for a look.
  if (process.env.E2E_KEEP) console.log(`kept: ${temps.join(' ')}`);
  else for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe('release loop', () => {
  it('every registry setting points at the local registry before anything is published', async () => {
    expect(registry!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await assertLocalRegistry();
  });

  it('pnpm release publishes every public package with real semver ranges, no private one', async () => {
    // Packages follow the specs (regenerated if the generator changed; the API did not).
    await pnpm(['generate']);
    await git(ws, ['add', '-A']);
    await git(ws, ['commit', '-q', '--allow-empty', '-m', 'generate']);
    expect(readdirSync(path.join(ws, '.changeset')).filter((f) => f.endsWith('.md'))).toEqual([
      'README.md',
    ]);
    await assertLocalRegistry();
    await pnpm(['run', 'release']);
    const local = publicPackages();
    // a few packages, not the catalogue
    expect([...local.keys()].sort()).toEqual(
      [CORE, `${SCOPE}/testing`, ...SERVICES.map((s) => `${SCOPE}/${s}`)].sort(),
    );
    const remote = await published(local.keys());
    for (const [name, version] of local) {
      expect(remote.get(name), name).toEqual([version]);
      const r = await fetch(`${registry!.url}${name.replace('/', '%2f')}`);
      const manifest = ((await r.json()) as { versions: Record<string, Record<string, unknown>> })
        .versions[version];
      for (const field of [
        'dependencies',
        'peerDependencies',
        'optionalDependencies',
        'devDependencies',
      ]) {
        const deps = (manifest?.[field] ?? {}) as Record<string, string>;
        for (const [dep, range] of Object.entries(deps)) {
          expect(semver.validRange(range), `${name} ${field}.${dep} = ${range}`).not.toBeNull();
        }
      }
    }
    const privates = ['generator', 'e2e'].map(
      (d) => readJson(path.join(ws, d, 'package.json')).name as string,
    );
    for (const [name, versions] of await published(privates)) expect(versions, name).toEqual([]);
    const tags = (await git(ws, ['tag', '--list'])).stdout.split('\n').filter(Boolean);
    expect(tags).toContain(`${CVM}@${local.get(CVM)}`);
    for (const p of privates) expect(tags.some((t) => t.startsWith(`${p}@`))).toBe(false);
  });

  it(`npm install ${CVM} brings ${CORE} and nothing else; import and require both call the API`, async () => {
    const dir = makeConsumer(registry!.url, SCOPE);
    temps.push(dir);
    await npmInstall(dir, CVM);
    expect(installedPackages(dir)).toEqual([CORE, CVM].sort());
    const cvm = installedManifest(dir, CVM);
    const core = installedManifest(dir, CORE);
    expect(Object.keys(cvm.dependencies ?? {})).toEqual([CORE]);
    expect(semver.satisfies(core.version, cvm.dependencies![CORE]!)).toBe(true);

    const credentials = "{ secretId: 'AKIDreleasee2e', secretKey: 'release-e2e-key' }";
    const esm = await runProgram(
      dir,
      'esm.mjs',
      `import { CvmClient } from '${CVM}';
const client = new CvmClient({ endpoint: process.env.E2E_ENDPOINT, region: 'ap-guangzhou', credentials: ${credentials} });
const out = await client.describeRegions({});
console.log(JSON.stringify({ requestId: out.RequestId, total: out.TotalCount }));
`,
      api!.endpoint,
    );
    const cjs = await runProgram(
      dir,
      'cjs.cjs',
      `const { createCvmClient, describeRegions } = require('${CVM}');
const client = createCvmClient({ endpoint: process.env.E2E_ENDPOINT, region: 'ap-guangzhou', credentials: ${credentials} });
describeRegions(client, {}).then((out) => console.log(JSON.stringify({ requestId: out.RequestId, total: out.TotalCount })));
`,
      api!.endpoint,
    );
    expect(esm).toEqual({ requestId: 'e2e-1', total: 0 });
    expect(cjs).toEqual({ requestId: 'e2e-2', total: 0 });
    expect(api!.seen).toEqual([
      { action: 'DescribeRegions', version: '2017-03-12', signed: true },
      { action: 'DescribeRegions', version: '2017-03-12', signed: true },
    ]);
  });

  it(`npm install ${TKE} brings ${CORE} only; its root client is the 2018-05-25 API (most actions), 2022-05-01 at its subpath`, async () => {
    const dir = makeConsumer(registry!.url, SCOPE);
    temps.push(dir);
    await npmInstall(dir, TKE);
    expect(installedPackages(dir)).toEqual([CORE, TKE].sort());
    const actions = (v: string) =>
      Object.keys(readJson(path.join(ws, `specs/tke/${v}/api.json`)).actions as object);
    const seen = api!.seen.length;
    const out = await runProgram(
      dir,
      'tke.mjs',
      `import { TkeClient } from '${TKE}';
import { TkeClient as Tke2022 } from '${TKE}/v20220501';
import { TkeClient as Tke2018 } from '${TKE}/v20180525';
const options = { endpoint: process.env.E2E_ENDPOINT, region: 'ap-guangzhou', credentials: { secretId: 'AKIDreleasee2e', secretKey: 'release-e2e-key' } };
const methods = (C) => Object.getOwnPropertyNames(C.prototype).filter((m) => m !== 'constructor').sort();
const root = new TkeClient(options);
await root.acquireClusterAdminRole({ ClusterId: 'cls-1' });
await root.describeClusters({});
await new Tke2022(options).describeClusters({});
console.log(JSON.stringify({ root: methods(TkeClient), v2018: methods(Tke2018), v2022: methods(Tke2022) }));
`,
      api!.endpoint,
    );
    // the root client has exactly the 2018-05-25 methods: one per action (plus paging helpers)
    const lower = (a: string) => a[0]!.toLowerCase() + a.slice(1);
    expect(out.root).toEqual(out.v2018);
    expect(out.root).not.toEqual(out.v2022);
    expect(out.root).toEqual(expect.arrayContaining(actions('v20180525').map(lower)));
    expect(actions('v20180525').length).toBeGreaterThan(actions('v20220501').length);
    expect(api!.seen.slice(seen)).toEqual([
      { action: 'AcquireClusterAdminRole', version: '2018-05-25', signed: true },
      { action: 'DescribeClusters', version: '2018-05-25', signed: true },
      { action: 'DescribeClusters', version: '2022-05-01', signed: true },
    ]);
  });

  it('a new upstream action: import, generate, version, release -> only cvm, a minor, in the CHANGELOG', async () => {
    // 1. A new upstream spec in Tencent's layout: the cvm spec plus one action (with prose the
    //    importer must drop), in a folder of its own.
    const upstream = path.join(os.tmpdir(), `e2e-upstream-${process.pid}`);
    temps.push(upstream);
    const apiDir = path.join(upstream, 'tccli/cvm/v20170312');
    mkdirSync(apiDir, { recursive: true });
    mkdirSync(path.join(upstream, 'errors'));
    const spec = readJson(CVM_SPEC.api);
    spec.actions[NEW_ACTION] = {
      document: 'Answers with nothing; added by the release test.',
      input: `${NEW_ACTION}Request`,
      output: `${NEW_ACTION}Response`,
      name: 'Release probe',
      status: 'online',
    };
    spec.objects[`${NEW_ACTION}Request`] = { document: 'Input.', members: [], type: 'object' };
    spec.objects[`${NEW_ACTION}Response`] = {
      document: 'Output.',
      members: [
        {
          name: 'RequestId',
          type: 'string',
          member: 'string',
          output_required: true,
          document: 'Id.',
        },
      ],
      type: 'object',
    };
    writeFileSync(path.join(apiDir, 'api.json'), JSON.stringify(spec, null, 2));
    copyFileSync(CVM_SPEC.errors, path.join(upstream, 'errors/cvm-2017-03-12.json'));
    const before = publicPackages();
    const remoteBefore = await published(before.keys());

    // 2. pnpm specs:import <tccli> <errors> cvm
    await pnpm([
      'specs:import',
      path.join(upstream, 'tccli'),
      path.join(upstream, 'errors'),
      'cvm',
    ]);
    expect(
      readJson(path.join(ws, 'specs/cvm/v20170312/api.json')).actions[NEW_ACTION],
    ).toBeDefined();

    // 3. pnpm spec-diff packages/cvm specs/cvm: the preview, nothing written
    const preview = await pnpm(['spec-diff', 'packages/cvm', 'specs/cvm']);
    expect(preview.stdout).toContain(`${CVM}: minor (1 change)\n  - Added action ${NEW_ACTION}`);
    expect((await git(ws, ['status', '--porcelain', 'packages', '.changeset'])).stdout).toBe('');

    // 4. pnpm generate: code plus one changeset for exactly cvm
    const gen = await pnpm(['generate']);
    expect(gen.stdout).toMatch(
      new RegExp(`changeset \\.changeset/\\S+\\.md: ${CVM} minor \\(1 change\\)`),
    );
    const sets = readdirSync(path.join(ws, '.changeset')).filter(
      (f) => f.endsWith('.md') && f !== 'README.md',
    );
    expect(sets).toHaveLength(1);
    const changeset = readFileSync(path.join(ws, '.changeset', sets[0]!), 'utf8');
    expect(changeset).toMatch(new RegExp(`^---\\n"${CVM}": minor\\n---\\n`));
    expect(changeset).toContain(`- Added action ${NEW_ACTION}`);
    await git(ws, ['add', '-A']);
    await git(ws, ['commit', '-q', '-m', `cvm: ${NEW_ACTION}`]);

    // 5. pnpm run version-packages
    await pnpm(['run', 'version-packages']);
    const after = publicPackages();
    for (const [name, version] of before) {
      expect(after.get(name), name).toBe(name === CVM ? semver.inc(version, 'minor') : version);
    }
    const changelog = readFileSync(path.join(ws, 'packages/cvm/CHANGELOG.md'), 'utf8');
    expect(changelog).toContain(`## ${after.get(CVM)}`);
    expect(changelog).toContain('### Minor Changes');
    expect(changelog).toContain(`Added action ${NEW_ACTION}`);
    expect(readdirSync(path.join(ws, '.changeset')).filter((f) => f.endsWith('.md'))).toEqual([
      'README.md',
    ]);
    // the manifests are current again: generate --check is clean
    await pnpm(['generate', '--check']);

    // 6. pnpm release
    await assertLocalRegistry();
    await pnpm(['run', 'release']);
    const remoteAfter = await published(after.keys());
    for (const [name, versions] of remoteBefore) {
      const expected = name === CVM ? [...versions, after.get(CVM)!].sort() : versions;
      expect(remoteAfter.get(name), name).toEqual(expected);
    }

    // 7. users get the new action with an ordinary install
    const dir = makeConsumer(registry!.url, SCOPE);
    temps.push(dir);
    await npmInstall(dir, `${CVM}@^${after.get(CVM)}`);
    expect(installedManifest(dir, CVM).version).toBe(after.get(CVM));
    const probe = await runProgram(
      dir,
      'probe.mjs',
      `import { CvmClient } from '${CVM}';
const client = new CvmClient({ endpoint: process.env.E2E_ENDPOINT, region: 'ap-guangzhou', credentials: { secretId: 'AKIDreleasee2e', secretKey: 'release-e2e-key' } });
const out = await client.${NEW_ACTION[0]!.toLowerCase()}${NEW_ACTION.slice(1)}({});
console.log(JSON.stringify({ requestId: out.RequestId }));
`,
      api!.endpoint,
    );
    expect(probe.requestId).toMatch(/^e2e-/);
    expect(api!.seen.at(-1)).toEqual({ action: NEW_ACTION, version: '2017-03-12', signed: true });
  });

  it(`${CORE} 1.0.0 (the pending changeset) moves every dependent once; a later core minor publishes core alone`, async () => {
    // 1. The repository's own core 1.0.0 changeset: 1.0.0 leaves ^0.y, so each dependent gets a
    //    patch release that declares ^1.0.0.
    copyFileSync(
      path.join(REPO, '.changeset/core-1-0-0.md'),
      path.join(ws, '.changeset/core-1-0-0.md'),
    );
    const before = publicPackages();
    await pnpm(['run', 'version-packages']);
    const major = publicPackages();
    expect(major.get(CORE)).toBe('1.0.0');
    const dependents = [...before.keys()].filter((name) => {
      const pkg = readJson(path.join(ws, 'packages', name.slice(SCOPE.length + 1), 'package.json'));
      return pkg.dependencies?.[CORE] !== undefined;
    });
    expect(dependents).toEqual(expect.arrayContaining([CVM, TKE]));
    for (const name of dependents)
      expect(major.get(name), name).toBe(semver.inc(before.get(name)!, 'patch'));
    for (const d of ['generator', 'e2e'])
      expect(readJson(path.join(ws, d, 'package.json')).version).toBe('0.0.0');
    expect(readFileSync(path.join(ws, 'packages/cvm/CHANGELOG.md'), 'utf8')).toContain(
      `${CORE}@1.0.0`,
    );
    await git(ws, ['add', '-A']);
    await git(ws, ['commit', '-q', '-m', 'core 1.0.0']);
    await assertLocalRegistry();
    await pnpm(['run', 'release']);
    const cvmManifest = async (version: string) =>
      (
        (await (await fetch(`${registry!.url}${CVM.replace('/', '%2f')}`)).json()) as {
          versions: Record<string, { dependencies: Record<string, string> }>;
        }
      ).versions[version]!;
    expect((await cvmManifest(major.get(CVM)!)).dependencies).toEqual({ [CORE]: '^1.0.0' });

    // 2. What `pnpm changeset` writes for a core feature. ^1.0.0 already admits 1.1.0: changeset
    //    version bumps core alone, and the release publishes core alone.
    writeFileSync(
      path.join(ws, '.changeset/core-feature.md'),
      `---\n"${CORE}": minor\n---\n\nA new client option.\n`,
    );
    await pnpm(['run', 'version-packages']);
    const minor = publicPackages();
    for (const [name, version] of major)
      expect(minor.get(name), name).toBe(name === CORE ? '1.1.0' : version);
    await git(ws, ['add', '-A']);
    await git(ws, ['commit', '-q', '-m', 'core 1.1.0']);
    const remoteBefore = await published(minor.keys());
    await assertLocalRegistry();
    await pnpm(['run', 'release']);
    const remoteAfter = await published(minor.keys());
    for (const [name, versions] of remoteBefore)
      expect(remoteAfter.get(name), name).toEqual(
        name === CORE ? [...versions, '1.1.0'].sort() : versions,
      );

    // 3. A user installing cvm now gets core 1.1.0 under the cvm release that declared ^1.0.0.
    const dir = makeConsumer(registry!.url, SCOPE);
    temps.push(dir);
    await npmInstall(dir, CVM);
    expect(installedManifest(dir, CVM).version).toBe(major.get(CVM));
    expect(installedManifest(dir, CORE).version).toBe('1.1.0');
  });
});
