// Names a spec may hold that would compile wrong or reach Object.prototype. Each is either
// rejected (a problem with file + JSON path + hint, exit 1, nothing written) or renamed by the
// naming authority so that the generated code type-checks.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BaseServiceClient, ServiceClient } from '@scope/core';
import { describe, expect, it } from 'vitest';
import { GENERATOR_DIR, REPO_ROOT } from '../src/config.js';
import { CLIENT_MEMBERS, OBJECT_PROTOTYPE_NAMES } from '../src/ir/names.js';
import { copyFixtures, editJson, FIXTURE_SPECS, gen, readJson, tempDir } from './helpers.js';

const V = 'demo/v20210101';
const API = `${V}/api.json`;
// biome-ignore lint/suspicious/noExplicitAny: tests poke at arbitrary JSON
type Json = any;

/** An own, enumerable property, so that even `__proto__` is written out as a key. */
const put = (o: Json, key: string, value: unknown) =>
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
const emptyObject = { type: 'object', members: [] };

const REJECTED: { name: string; edit: (api: Json) => void; path: string; message: RegExp }[] = [
  {
    name: 'an object named `class` (reserved word)',
    edit: (j) => put(j.objects, 'class', emptyObject),
    path: '$.objects.class',
    message: /"class" is a JavaScript reserved word/,
  },
  {
    name: 'an object named `string` (TypeScript type keyword)',
    edit: (j) => put(j.objects, 'string', emptyObject),
    path: '$.objects.string',
    message: /"string" is a TypeScript keyword/,
  },
  {
    name: 'an object named `__proto__`',
    edit: (j) => put(j.objects, '__proto__', emptyObject),
    path: '$.objects.__proto__',
    message: /"__proto__" is a property of Object.prototype/,
  },
  {
    name: 'an object named `toString`',
    edit: (j) => put(j.objects, 'toString', emptyObject),
    path: '$.objects.toString',
    message: /"toString" is a property of Object.prototype/,
  },
  {
    name: 'a member typed as `hasOwnProperty` (no such object)',
    edit: (j) => {
      j.objects.Widget.members[0] = { name: 'Owner', type: 'object', member: 'hasOwnProperty' };
    },
    path: '$.objects.Widget.members[0].member',
    message: /unknown object "hasOwnProperty"/,
  },
  {
    name: 'a list member of `constructor` (no such object)',
    edit: (j) => {
      j.objects.Widget.members[0] = { name: 'Owners', type: 'list', member: 'constructor' };
    },
    path: '$.objects.Widget.members[0].member',
    message: /unknown object "constructor"/,
  },
  {
    name: 'a member named `constructor`',
    edit: (j) => {
      j.objects.Widget.members[0] = { name: 'constructor', type: 'string', member: 'string' };
    },
    path: '$.objects.Widget.members[0].name',
    message: /"constructor" is a property of Object.prototype/,
  },
  {
    name: 'a member named `__proto__`',
    edit: (j) => {
      j.objects.Widget.members[0] = { name: '__proto__', type: 'string', member: 'string' };
    },
    path: '$.objects.Widget.members[0].name',
    message: /"__proto__" is a property of Object.prototype/,
  },
  {
    name: 'an input named `toString` (no such object)',
    edit: (j) => {
      j.actions.CreateWidget.input = 'toString';
    },
    path: '$.actions.CreateWidget.input',
    message: /unknown object "toString"/,
  },
  {
    name: 'an output named `valueOf` (no such object)',
    edit: (j) => {
      j.actions.CreateWidget.output = 'valueOf';
    },
    path: '$.actions.CreateWidget.output',
    message: /unknown object "valueOf"/,
  },
];

function cli(...args: string[]) {
  const r = spawnSync(path.join(GENERATOR_DIR, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], {
    cwd: GENERATOR_DIR,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: GENERATOR_DIR },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('unsafe names in a spec', () => {
  it.each(REJECTED)('rejects $name: file + JSON path + hint, exit 1, nothing written', (c) => {
    const specs = copyFixtures();
    editJson(path.join(specs, API), c.edit);
    const out = tempDir('unsafe');
    const r = cli('generate', '--specs', specs, '--out', out, '--no-progress');
    expect(r.err).not.toMatch(/TypeError|is not a function|at .*\.ts:\d+/);
    expect(r.code).toBe(1);
    expect(r.err).toContain('problem(s) found, nothing was written');
    const line = r.err.split('\n').find((l) => l.includes(` ${c.path}: `));
    expect(line, r.err).toBeDefined();
    expect(line).toContain(API);
    expect(line).toMatch(c.message);
    const hint = r.err.split('\n')[r.err.split('\n').indexOf(line!) + 1];
    expect(hint).toMatch(/^ {4}hint: \S/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('renames actions that would shadow client members, and re-exports that meet models', async () => {
    const specs = copyFixtures();
    const page = { input: 'DescribeWidgetsRequest', output: 'DescribeWidgetsResponse' };
    const clashing = [
      'Ready',
      'Request',
      'RequestStream',
      'Policy',
      'Config',
      'Service',
      'Attempt',
      'AttemptStream',
      'Prepare',
      'Endpoint',
      'ToJSON',
      'Constructor',
      'ToString',
      'ValueOf',
      'HasOwnProperty',
      'Items', // paginateItems: pagination.ts imports core's helper of that name
      'Offset',
      'Common', // CommonErrorCode: errors.ts imports core's type of that name
    ];
    editJson(path.join(specs, API), (j) => {
      for (const a of clashing) j.actions[a] = page;
      // Models named like what the package re-exports from core
      for (const o of ['Credentials', 'SdkError', 'Int64', 'TencentCloudError', 'CoreInt64'])
        j.objects[o] = {
          type: 'object',
          members: [{ name: 'Id', type: 'string', member: 'string' }],
        };
      j.objects.Widget.members.push({ name: 'Big', type: 'int', member: 'int64' });
    });
    // A service whose client would be core's `ServiceClient`
    cpSync(path.join(FIXTURE_SPECS, V), path.join(specs, 'service/v20210101'), { recursive: true });
    editJson(path.join(specs, 'service/v20210101/api.json'), (j) => {
      j.metadata.serviceShortName = 'service';
    });
    const out = tempDir('renamed');
    const r = await gen(specs, out);
    expect(r.problems).toEqual([]);

    const client = readFileSync(path.join(out, 'demo/src/v20210101/client.ts'), 'utf8');
    for (const a of clashing.slice(0, 15)) {
      const camel = a[0]!.toLowerCase() + a.slice(1);
      expect(client).toContain(`  ${camel}Action(input: M.DescribeWidgetsRequest = {}`);
    }
    const paging = readFileSync(path.join(out, 'demo/src/v20210101/pagination.ts'), 'utf8');
    expect(paging).toContain('export function paginateItems_(');
    expect(paging).toContain('export function paginateOffset_(');
    const errors = readFileSync(path.join(out, 'demo/src/v20210101/errors.ts'), 'utf8');
    expect(errors).toContain('export type CommonErrorCode_ = CommonErrorCode');
    const index = readFileSync(path.join(out, 'demo/src/v20210101/index.ts'), 'utf8');
    expect(index).toContain('SdkError as CoreSdkError');
    expect(index).toContain('TencentCloudError as CoreTencentCloudError');
    expect(index).toContain('Credentials as CoreCredentials');
    expect(index).toContain('Int64 as CoreInt64_');
    const models = readFileSync(path.join(out, 'demo/src/v20210101/models.ts'), 'utf8');
    expect(models).toContain("import type { Int64 as CoreInt64_ } from '@scope/core';");
    const service = readFileSync(path.join(out, 'service/src/v20210101/client.ts'), 'utf8');
    expect(service).toContain('export class ServiceClient_ extends ServiceClient');

    typeCheck(out);
  });

  it("knows every member of core's client classes", () => {
    const info = {
      service: 'demo',
      version: '2021-01-01',
      packageName: '@scope/demo',
      packageVersion: '0.1.0',
    };
    const client = new ServiceClient(info, {
      region: 'ap-guangzhou',
      credentials: { secretId: 'AKIDx', secretKey: 'x' },
    });
    const members = [
      ...Object.keys(client),
      ...Object.getOwnPropertyNames(BaseServiceClient.prototype),
      ...Object.getOwnPropertyNames(ServiceClient.prototype),
    ];
    const unknown = members.filter((m) => !CLIENT_MEMBERS.has(m) && !OBJECT_PROTOTYPE_NAMES.has(m));
    expect(unknown).toEqual([]);
    // The protected members TypeScript knows of (not all are on the prototype or the instance)
    for (const m of ['ready', 'policy', 'config', 'attempt', 'prepare', 'endpoint', 'toJSON'])
      expect(CLIENT_MEMBERS.has(m)).toBe(true);
  });
});

const CORE_TYPES = path.join(REPO_ROOT, 'packages/core/dist/esm/index.d.ts');

/** tsc --noEmit over every generated source file, @scope/core resolved to core's built types. */
function typeCheck(out: string) {
  expect(existsSync(CORE_TYPES), `build core first: ${CORE_TYPES}`).toBe(true);
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
  const tsc = path.join(GENERATOR_DIR, 'node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', out], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    throw new Error(`generated code does not type-check:\n${(e as { stdout?: string }).stdout}`);
  }
  expect(readJson(path.join(out, 'demo/.generated.json')).files.length).toBeGreaterThan(0);
}
