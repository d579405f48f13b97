// The generated paginators of each shape, end to end: a synthetic spec is generated into a
// package, type-checked, and its paginators walk pages served by the emulator (@scope/testing).
// Also the report: pagination.json per package, PAGINATION.md for the folder, --check.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Emulator, startEmulator, TEST_CREDENTIALS } from '@scope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATOR_DIR, REPO_ROOT } from '../src/config.js';
import { REPORT_FILE } from '../src/emit/pagination/report.js';
import { gen, writeText } from './helpers.js';
import { apiSpec, writeSpec } from './paging-specs.js';

const ROOT = path.join(GENERATOR_DIR, '.out/paging'); // inside generator/ so @scope/core resolves
const SPECS = path.join(ROOT, 'specs');
const OUT = path.join(ROOT, 'pkgs');

const offset = ['Offset:int', 'Limit:int'];
const SPEC = apiSpec(
  'paged',
  '2024-01-01',
  {
    DescribeThings: { in: offset, out: ['Total:int', 'Things:Thing[]'] },
    DescribeNested: { in: offset, out: ['Data:PageData'] },
    DescribeL7Rules: { in: offset, out: ['TotalCount:int', 'Rules:Thing[]', 'Healths:Health[]'] },
    DescribePages: {
      in: ['PageNumber:int', 'PageSize:int'],
      out: ['TotalCount:int', 'List:Thing[]'],
    },
    QueryThings: { in: ['Cursor:str', 'Limit:int'], out: ['NextCursor:str', 'Things:Thing[]'] },
    DescribeProxies: { in: offset, out: ['GroupInfos:Thing[]', 'NodeInfos:Thing[]'] },
    CreateExportJob: { in: offset, out: ['JobId:str'] },
  },
  { Thing: ['Id:str'], Health: ['Ok:bool'], PageData: ['Total:int', 'List:Thing[]'] },
);

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ Id: `t${from + i}` }));
/** Up to `cap` items of `all` from `start`, whatever was asked. */
const slice = (all: number, start: number, asked: unknown, cap = 3) =>
  ids(Math.max(0, Math.min(Number(asked ?? cap), cap, all - start)), start);

// biome-ignore lint/suspicious/noExplicitAny: generated modules are imported at run time
let paged: any;
let emu: Emulator;
let client: unknown;
let firstRun: Awaited<ReturnType<typeof gen>>;

beforeAll(async () => {
  rmSync(ROOT, { recursive: true, force: true });
  writeSpec(SPECS, SPEC);
  // generated tsconfigs extend ../../tsconfig.base.json, as they would under packages/
  writeText(
    path.join(ROOT, 'tsconfig.base.json'),
    '{ "extends": "../../../tsconfig.base.json" }\n',
  );
  firstRun = await gen(SPECS, OUT);
  expect(firstRun.problems).toEqual([]);
  paged = await import(path.join(OUT, 'paged/src/index.ts'));
  emu = await startEmulator({ specs: [SPECS], credentials: [TEST_CREDENTIALS] });
  client = paged.createPagedClient({
    endpoint: emu.url,
    credentials: TEST_CREDENTIALS,
    region: 'ap-guangzhou',
  });
}, 60_000);

afterAll(async () => {
  await emu?.close();
});

const bodies = (action: string) =>
  emu.requestsFor(action).map((r) => r.body as Record<string, unknown>);

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('generated paginators against the emulator', () => {
  it('offset with Total: walks a capped server to the total', async () => {
    emu.stub('DescribeThings', (i: Record<string, unknown>) => ({
      Total: 7,
      Things: slice(7, Number(i.Offset), i.Limit),
    }));
    const items = await collect(paged.paginateDescribeThings(client, { Limit: 5 }));
    expect(items).toEqual(ids(7));
    expect(bodies('DescribeThings').map((b) => [b.Offset, b.Limit])).toEqual([
      [0, 5],
      [3, 5],
      [6, 5],
    ]);
  });

  it('list and total inside Data: Data.List up to Data.Total', async () => {
    emu.stub('DescribeNested', (i: Record<string, unknown>) => ({
      Data: { Total: 5, List: slice(5, Number(i.Offset), i.Limit, 2) },
    }));
    const pages = (await collect(paged.describeNestedPages(client, { Limit: 2 }))) as {
      Data: { List: unknown[] };
    }[];
    expect(pages.map((p) => p.Data.List.length)).toEqual([2, 2, 1]);
    expect(await collect(paged.paginateDescribeNested(client, { Limit: 2 }))).toEqual(ids(5));
  });

  it('several lists: iterates the one named like the action', async () => {
    emu.stub('DescribeL7Rules', (i: Record<string, unknown>) => ({
      TotalCount: 4,
      Rules: slice(4, Number(i.Offset), i.Limit, 2),
      Healths: [{ Ok: true }],
    }));
    expect(await collect(paged.paginateDescribeL7Rules(client))).toEqual(ids(4));
  });

  it('page numbers from 1 with PageSize, stopping at TotalCount', async () => {
    emu.stub('DescribePages', (i: Record<string, unknown>) => ({
      TotalCount: 5,
      // A server that caps PageSize at 3 counts pages in its own size.
      List: slice(5, (Number(i.PageNumber) - 1) * Math.min(Number(i.PageSize), 3), i.PageSize),
    }));
    expect(await collect(paged.paginateDescribePages(client, { PageSize: 2 }))).toEqual(ids(5));
    expect(bodies('DescribePages').map((b) => b.PageNumber)).toEqual([1, 2, 3]);
  });

  it('a Cursor answered by NextCursor, until the server sends none; maxPages bounds it', async () => {
    const pages: Record<string, { NextCursor?: string; Things: { Id: string }[] }> = {
      '': { NextCursor: 'c1', Things: ids(2) },
      c1: { NextCursor: 'c2', Things: ids(2, 2) },
      c2: { Things: ids(1, 4) },
    };
    emu.stub('QueryThings', (i: Record<string, unknown>) => pages[String(i.Cursor ?? '')]!);
    expect(await collect(paged.paginateQueryThings(client, { Limit: 2 }))).toEqual(ids(5));
    expect(bodies('QueryThings').map((b) => b.Cursor)).toEqual([undefined, 'c1', 'c2']);
    const two = await collect(paged.queryThingsPages(client, {}, { maxPages: 2 }));
    expect(two).toHaveLength(2);
  });

  it('the client class has the same paginators', async () => {
    const c = new paged.PagedClient({
      endpoint: emu.url,
      credentials: TEST_CREDENTIALS,
      region: 'ap-guangzhou',
    });
    expect(await collect(c.paginateDescribePages({ PageSize: 4 }))).toEqual(ids(5));
  });
});

describe('generated pagination code and report', () => {
  it('type-checks the generated package', () => {
    writeFileSync(
      path.join(OUT, 'tsconfig.json'),
      JSON.stringify({
        extends: path.join(REPO_ROOT, 'tsconfig.base.json'),
        compilerOptions: {
          noEmit: true,
          skipLibCheck: true,
          typeRoots: [path.join(GENERATOR_DIR, 'node_modules/@types')],
          paths: { '@scope/core': [path.join(REPO_ROOT, 'packages/core/dist/esm/index.d.ts')] },
        },
        include: ['*/src/**/*.ts'],
      }),
    );
    execFileSync(
      process.execPath,
      [path.join(GENERATOR_DIR, 'node_modules/typescript/bin/tsc'), '-p', OUT],
      { encoding: 'utf8', stdio: 'pipe' },
    );
  }, 120_000);

  it('emits only non-default keys, so paginators of the old shape read as before', () => {
    const code = readFileSync(path.join(OUT, 'paged/src/v20240101/pagination.ts'), 'utf8');
    expect(code).toContain("{ listKey: 'Rules', action: 'paged DescribeL7Rules' }");
    expect(code).toContain(
      "{ listKey: 'Data.List', totalKey: 'Data.Total', action: 'paged DescribeNested' }",
    );
    expect(code).toContain(
      "{ listKey: 'Things', inputTokenKey: 'Cursor', outputTokenKey: 'NextCursor', action: 'paged QueryThings' }",
    );
    expect(code).toContain(
      "{ listKey: 'List', totalKey: 'TotalCount', action: 'paged DescribePages' }",
    );
    expect(code).not.toContain('DescribeProxies');
  });

  it('lists the actions that look paged but have none, with the reason', async () => {
    const report = JSON.parse(readFileSync(path.join(OUT, 'paged/pagination.json'), 'utf8'));
    expect(report.versions['2024-01-01'].unpaged).toEqual({
      CreateExportJob: 'a mutation (Create...): paging would repeat it once per page',
      DescribeProxies: '2 lists (GroupInfos, NodeInfos) and no rule picks one',
    });
    const md = readFileSync(path.join(OUT, REPORT_FILE), 'utf8');
    expect(md).toContain('## 5 paginators');
    expect(md).toContain('## 2 actions that look paged but have no paginator');
    expect(md).toContain(
      '| paged | 2024-01-01 | DescribeProxies | 2 lists (GroupInfos, NodeInfos) and no rule picks one |',
    );
    expect(firstRun.pagination).toMatchObject({
      paginators: 5,
      byKind: { offset: 3, page: 1, token: 1 },
    });
    // Deterministic: a second run (everything skipped) rewrites nothing, the report included.
    const again = await gen(SPECS, OUT);
    expect(again.pagination?.changed).toBe(false);
    expect(readFileSync(path.join(OUT, REPORT_FILE), 'utf8')).toBe(md);
    // A hand-edited report is out of date for --check and rewritten by a plain run.
    writeFileSync(path.join(OUT, REPORT_FILE), `${md}edited\n`);
    const check = await gen(SPECS, OUT, { check: true });
    expect(check.outOfDate).toContain(REPORT_FILE);
    await gen(SPECS, OUT);
    expect(readFileSync(path.join(OUT, REPORT_FILE), 'utf8')).toBe(md);
  });
});
