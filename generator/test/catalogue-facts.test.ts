// The whole-catalogue rules: the root version (most actions, ties: newest; sdk.config.json
// override, validated), package names (serviceShortName; reserved, unsafe and shared names
// refused with file + path), `Error` as output data, empty request types, and the catalogue page.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPECS_DIR, GENERATOR_DIR, REPO_ROOT, readSdkConfig } from '../src/config.js';
import { buildServices, rootByRule } from '../src/ir/build.js';
import { unusablePackageName } from '../src/ir/names.js';
import { listSpecs, loadSpec } from '../src/spec/load.js';
import type { Problem } from '../src/spec/problems.js';
import {
  copyFixtures,
  editJson,
  gen,
  readJson,
  TEST_CONFIG,
  tempDir,
  writeText,
} from './helpers.js';

/** The IR of one committed service (specs/<dir>). */
function irOf(dir: string, rootVersions: Record<string, string> = {}) {
  const source = { apiDir: DEFAULT_SPECS_DIR };
  const problems: Problem[] = [];
  const specs = listSpecs(source, [dir]).map((l) => loadSpec(l, source, problems));
  expect(problems).toEqual([]);
  return buildServices(specs, rootVersions)[0]!;
}

/** A temp workspace (pnpm-workspace.yaml + packages/) holding the fixture specs. */
function workspace() {
  const root = tempDir('catws');
  writeText(path.join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  cpSync(copyFixtures(), path.join(root, 'specs'), { recursive: true });
  return { root, specs: path.join(root, 'specs'), out: path.join(root, 'packages') };
}

describe('root version', () => {
  it.each([
    ['tke', '2018-05-25', '2022-05-01'],
    ['monitor', '2018-07-24', '2023-06-16'],
    ['vod', '2018-07-17', '2024-07-18'],
  ])('%s exports %s (most actions), not its newest version %s', (dir, root, newest) => {
    const svc = irOf(dir);
    expect(svc.versions.at(-1)!.apiVersion).toBe(newest);
    expect(svc.rootVersion).toBe(root);
    expect(svc.rootReason).toBe('most actions');
    const count = (v: string) => svc.versions.find((x) => x.apiVersion === v)!.actions.length;
    expect(count(root)).toBeGreaterThan(count(newest));
    if (dir === 'tke') expect(count(root)).toBe(272);
  });

  it('ties go to the newest version', () => {
    const v = (apiVersion: string, n: number) => ({
      apiVersion,
      actions: Array.from({ length: n }) as never[],
    });
    expect(rootByRule([v('2017-01-01', 2), v('2018-01-01', 2)])).toBe('2018-01-01');
    expect(rootByRule([v('2017-01-01', 3), v('2018-01-01', 2)])).toBe('2017-01-01');
    expect(rootByRule([v('2017-01-01', 1)])).toBe('2017-01-01');
  });

  it('sdk.config.json rootVersions overrides the rule', () => {
    const svc = irOf('tke', { tke: '2022-05-01' });
    expect(svc.rootVersion).toBe('2022-05-01');
    expect(svc.rootReason).toBe('config');
  });

  it('the override reaches src/index.ts, the README and the API snapshot', async () => {
    const out = tempDir('root-override');
    const config = { ...TEST_CONFIG, rootVersions: { demo: '2020-01-01' } };
    const r = await gen(copyFixtures(), out, { config });
    expect(r.problems).toEqual([]);
    const index = readFileSync(path.join(out, 'demo/src/index.ts'), 'utf8');
    expect(index).toContain("export * from './v20200101/index.js';");
    expect(index).toContain('set by rootVersions in sdk.config.json');
    const readme = readFileSync(path.join(out, 'demo/README.md'), 'utf8');
    expect(readme).toContain('The package root exports API 2020-01-01, set by `rootVersions`');
    expect(readJson(path.join(out, 'demo/api-snapshot.json')).root).toBe('2020-01-01');
    // Without the override the rule picks 2021-01-01 (7 actions against 2).
    const plain = tempDir('root-rule');
    await gen(copyFixtures(), plain);
    expect(readFileSync(path.join(plain, 'demo/src/index.ts'), 'utf8')).toContain('./v20210101/');
  });

  it('an unknown service or version in rootVersions is a problem naming the file and key', async () => {
    const out = tempDir('root-bad');
    const configFile = path.join(tempDir('cfg'), 'sdk.config.json');
    const config = { ...TEST_CONFIG, rootVersions: { nosuch: '2020-01-01', demo: '2019-01-01' } };
    const r = await gen(copyFixtures(), out, { config, configFile });
    expect(r.problems).toEqual([
      expect.objectContaining({
        file: configFile,
        path: '$.rootVersions.nosuch',
        message: 'unknown service "nosuch": there is no spec folder of that name',
      }),
      expect.objectContaining({
        file: configFile,
        path: '$.rootVersions.demo',
        message: 'demo has no API version 2019-01-01',
        hint: 'one of 2020-01-01, 2021-01-01',
      }),
    ]);
    expect(r.packages).toEqual([]); // nothing written
  });

  it('readSdkConfig refuses a malformed rootVersions entry with the file and key', () => {
    const file = path.join(tempDir('cfg'), 'sdk.config.json');
    writeFileSync(file, JSON.stringify({ scope: '@x', rootVersions: { tke: '20180525' } }));
    expect(() => readSdkConfig(file)).toThrow(
      `${file}: $.rootVersions.tke must be an API version like "2018-05-25", got "20180525"`,
    );
    writeFileSync(file, JSON.stringify({ scope: '@x', rootVersions: { tke: '2018-05-25' } }));
    expect(readSdkConfig(file).rootVersions).toEqual({ tke: '2018-05-25' });
  });

  it("the repository's sdk.config.json overrides are valid for specs/", async () => {
    const config = readSdkConfig();
    const problems: Problem[] = [];
    const { validateRootVersions } = await import('../src/spec/validate.js');
    validateRootVersions(
      config.rootVersions,
      'sdk.config.json',
      listSpecs({ apiDir: DEFAULT_SPECS_DIR }),
      problems,
    );
    expect(problems).toEqual([]);
  });
});

describe('package names', () => {
  it('follow serviceShortName: tccli autoscaling is packages/as, @scope/as', async () => {
    const svc = irOf('autoscaling');
    expect(svc.specDir).toBe('autoscaling');
    expect(svc.serviceShortName).toBe('as');
  });

  it('every committed spec makes a distinct, usable package name', () => {
    const source = { apiDir: DEFAULT_SPECS_DIR };
    const owners = new Map<string, string>();
    for (const loc of listSpecs(source)) {
      const api = JSON.parse(readFileSync(loc.apiFile, 'utf8'));
      const short = api.metadata.serviceShortName as string;
      expect(unusablePackageName('@scope', short), loc.apiFile).toBeUndefined();
      expect(owners.get(short) ?? loc.serviceDir, short).toBe(loc.serviceDir);
      owners.set(short, loc.serviceDir);
    }
    expect(owners.size).toBe(258);
  });

  it('refuses reserved, npm-unsafe and over-long names', () => {
    expect(unusablePackageName('@scope', 'core')).toMatch(/hand-written package @scope\/core/);
    expect(unusablePackageName('@scope', 'testing')).toMatch(/hand-written/);
    expect(unusablePackageName('@scope', 'Cvm')).toMatch(/not npm-safe/);
    expect(unusablePackageName('@scope', 'node_modules')).toMatch(/not npm-safe/);
    expect(unusablePackageName('@scope', 'con')).toMatch(/refuses/);
    expect(unusablePackageName('@scope', 'a'.repeat(210))).toMatch(/longer than npm allows/);
    expect(unusablePackageName('@scope', 'tem-x')).toBeUndefined();
  });

  it('a service named core is a problem with the api.json file and JSON path', async () => {
    const specs = copyFixtures();
    for (const v of ['v20200101', 'v20210101'])
      editJson(path.join(specs, 'demo', v, 'api.json'), (j) => {
        j.metadata.serviceShortName = 'core';
      });
    const r = await gen(specs, tempDir('named-core'));
    expect(r.problems).toEqual([
      expect.objectContaining({
        file: path.join(specs, 'demo/v20210101/api.json'),
        path: '$.metadata.serviceShortName',
        message: expect.stringContaining('@scope/core, which is the hand-written package'),
      }),
    ]);
  });

  it('two services with one short name are a problem with the api.json file', async () => {
    const specs = copyFixtures();
    cpSync(path.join(specs, 'demo'), path.join(specs, 'demo2'), { recursive: true });
    const r = await gen(specs, tempDir('dup'));
    expect(r.problems).toEqual([
      expect.objectContaining({
        file: path.join(specs, 'demo2/v20210101/api.json'),
        path: '$.metadata.serviceShortName',
        message: 'duplicate service name: folders demo and demo2 both become packages/demo',
      }),
    ]);
  });

  it('versions of one service that disagree on the short name are a problem', async () => {
    const specs = copyFixtures();
    editJson(path.join(specs, 'demo/v20200101/api.json'), (j) => {
      j.metadata.serviceShortName = 'olddemo';
    });
    const r = await gen(specs, tempDir('disagree'));
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        file: path.join(specs, 'demo/v20200101/api.json'),
        path: '$.metadata.serviceShortName',
        message: expect.stringContaining('differs from "demo" of v20210101'),
      }),
    );
  });
});

describe('Error as output data', () => {
  it('outputHasError marks exactly the lkeap actions whose output declares Error', () => {
    const svc = irOf('lkeap');
    const flagged = svc.versions.flatMap((v) =>
      v.actions.filter((a) => a.outputHasError).map((a) => a.name),
    );
    expect(flagged).toEqual(['GetReconstructDocumentResult', 'GetSplitDocumentResult']);
  });

  it('the ActionInfo says errorIsData: true for those actions only', async () => {
    const out = tempDir('lkeap');
    const r = await gen(DEFAULT_SPECS_DIR, out, { services: ['lkeap'] });
    expect(r.problems).toEqual([]);
    const actions = readFileSync(path.join(out, 'lkeap/src/v20240522/actions.ts'), 'utf8');
    const infos = actions.match(/client\.request\(\{[^}]*\}/g) ?? [];
    expect(infos.filter((i) => i.includes('errorIsData')).sort()).toEqual([
      "client.request({ name: 'GetReconstructDocumentResult', readOnly: true, errorIsData: true }",
      "client.request({ name: 'GetSplitDocumentResult', readOnly: true, errorIsData: true }",
    ]);
    expect(infos.length).toBeGreaterThan(10);
  });
});

describe('empty shapes', () => {
  it('are Record types, not empty interfaces, and lint clean under biome', async () => {
    const plain = tempDir('empty');
    expect((await gen(copyFixtures(), plain)).problems).toEqual([]);
    const specs = copyFixtures();
    // A model named Record must not shadow the global one.
    editJson(path.join(specs, 'demo/v20210101/api.json'), (j) => {
      j.objects.Record = { members: [{ name: 'Id', type: 'string', member: 'string' }] };
    });
    const out = tempDir('empty-record');
    expect((await gen(specs, out)).problems).toEqual([]);
    const old = readFileSync(path.join(plain, 'demo/src/v20210101/models.ts'), 'utf8');
    const now = readFileSync(path.join(out, 'demo/src/v20210101/models.ts'), 'utf8');
    expect(old).toContain('export type DeleteRequest = Record<string, never>;');
    expect(now).toContain('export type DeleteRequest = { [key: string]: never };');
    expect(`${old}\n${now}`).not.toMatch(/interface \w+ \{\}/);
    // biome with the repository's rules (vcs off: the folder is not in the repository)
    const dir = tempDir('lint');
    const config = readJson(path.join(REPO_ROOT, 'biome.json'));
    config.vcs.enabled = false;
    writeFileSync(path.join(dir, 'biome.json'), JSON.stringify(config));
    writeFileSync(path.join(dir, 'a.ts'), old);
    writeFileSync(path.join(dir, 'b.ts'), now);
    writeFileSync(path.join(dir, 'c.ts'), 'export interface Empty {}\n'); // what it was
    const lint = spawnSync(
      path.join(REPO_ROOT, 'node_modules/.bin/biome'),
      ['lint', '--max-diagnostics=50', 'a.ts', 'b.ts', 'c.ts'],
      { cwd: dir, encoding: 'utf8' },
    );
    const text = lint.stdout + lint.stderr;
    expect(text).toContain('c.ts:1:8 lint/suspicious/noEmptyInterface');
    expect(text).not.toMatch(/[ab]\.ts:\d+/);
    rmSync(path.join(dir, 'c.ts'));
  });
});

describe('catalogue page (packages/README.md)', () => {
  it('lists every package with versions, root, actions, paginators and streaming actions', async () => {
    const ws = workspace();
    const r = await gen(ws.specs, ws.out, { workspaceRoot: ws.root });
    expect(r.problems).toEqual([]);
    expect(r.workspace).toContain('packages/README.md');
    const page = readFileSync(path.join(ws.out, 'README.md'), 'utf8');
    expect(page.split('\n')[0]).toBe('<!-- Code generated by @tc-sdk/generator. DO NOT EDIT. -->');
    expect(page).toContain(
      '| [`@scope/demo`](demo/README.md) | demo | 2020-01-01 (2), 2021-01-01 (7) | 2021-01-01 | 7 | 2 | `StreamChat` |',
    );
    expect(page).toContain('| **1 packages** | | 2 versions, 9 actions | | 7 | 2 | 1 |');
  });

  it('is rewritten identically when packages are skipped, and --check catches an edit', async () => {
    const ws = workspace();
    await gen(ws.specs, ws.out, { workspaceRoot: ws.root });
    const file = path.join(ws.out, 'README.md');
    const first = readFileSync(file, 'utf8');
    const again = await gen(ws.specs, ws.out, { workspaceRoot: ws.root });
    expect(again.packages.map((p) => p.status)).toEqual(['skipped']);
    expect(again.workspace).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(first);
    writeFileSync(file, `${first}edited\n`);
    const check = await gen(ws.specs, ws.out, { workspaceRoot: ws.root, check: true });
    expect(check.workspace).toEqual(['packages/README.md']);
    expect(readFileSync(file, 'utf8')).toBe(`${first}edited\n`); // check writes nothing
    const fixed = await gen(ws.specs, ws.out, { workspaceRoot: ws.root });
    expect(fixed.workspace).toEqual(['packages/README.md']);
    expect(readFileSync(file, 'utf8')).toBe(first);
  });

  it('generating one service keeps the other rows (from their manifests)', async () => {
    const ws = workspace();
    cpSync(path.join(ws.specs, 'demo'), path.join(ws.specs, 'other'), { recursive: true });
    for (const v of ['v20200101', 'v20210101'])
      editJson(path.join(ws.specs, 'other', v, 'api.json'), (j) => {
        j.metadata.serviceShortName = 'other';
      });
    await gen(ws.specs, ws.out, { workspaceRoot: ws.root });
    const all = readFileSync(path.join(ws.out, 'README.md'), 'utf8');
    expect(all).toContain('`@scope/other`');
    await gen(ws.specs, ws.out, { workspaceRoot: ws.root, services: ['demo'], force: true });
    expect(readFileSync(path.join(ws.out, 'README.md'), 'utf8')).toBe(all);
  });
});

describe('the generator CLI', () => {
  it('reports a bad rootVersions key with the config file', () => {
    const dir = tempDir('cli-cfg');
    const configFile = path.join(dir, 'sdk.config.json');
    writeFileSync(
      configFile,
      JSON.stringify({ scope: '@scope', rootVersions: { demo: '1999-01-01' } }),
    );
    const r = spawnSync(
      path.join(GENERATOR_DIR, 'node_modules/.bin/tsx'),
      [
        'src/cli.ts',
        'generate',
        '--specs',
        copyFixtures(),
        '--out',
        tempDir('cli-out'),
        '--config',
        configFile,
      ],
      { cwd: GENERATOR_DIR, encoding: 'utf8', env: { ...process.env, INIT_CWD: GENERATOR_DIR } },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(configFile);
    expect(r.stderr).toContain('$.rootVersions.demo');
    expect(r.stderr).toContain('demo has no API version 1999-01-01');
  });
});
