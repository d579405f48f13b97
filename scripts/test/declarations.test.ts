// The declarations ship once (src/build.mjs): full CommonJS-format .d.ts files in dist/cjs, and
// one-line ESM stubs at the ESM entry points, when core does the same. A consumer type-checks the packed files of
// @scope/cvm in each resolution mode attw checks, with skipLibCheck off (a declaration that
// cannot be imported in a mode shows up only then), and sees real types, not `any`.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreShipsTypesOnce, esmTypeStubs } from '../src/build.mjs';
import { listFiles, ROOT } from '../src/workspace.mjs';

const CVM = join(ROOT, 'packages', 'cvm');
const CORE = join(ROOT, 'packages', 'core');

/** Copies what npm would pack (package.json and its `files`) into `to`. */
function install(from: string, to: string) {
  const pkg = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
  mkdirSync(to, { recursive: true });
  cpSync(join(from, 'package.json'), join(to, 'package.json'));
  for (const f of pkg.files as string[])
    for (const rel of listFiles(from, f)) {
      mkdirSync(join(to, rel, '..'), { recursive: true });
      cpSync(join(from, rel), join(to, rel));
    }
}

const CONSUMER = `
import { CvmClient, isCvmError, type DescribeInstancesResponse } from '@scope/cvm';
import { CvmClient as VersionedClient } from '@scope/cvm/v20170312';
type IsAny<T> = 0 extends 1 & T ? true : false;
export const notAny: [IsAny<DescribeInstancesResponse>, IsAny<CvmClient>, IsAny<typeof CvmClient>] =
  [false, false, false];
export const client = new CvmClient({ region: 'ap-guangzhou' });
export const versioned: VersionedClient = client;
export async function call(err: unknown) {
  const out = await client.describeInstances({ Limit: 1 });
  // @ts-expect-error TotalCount is an Int64, not a string (fails if the output were any)
  const total: string = out.TotalCount;
  return isCvmError(err) ? err.code : total;
}
`;
/** cvm's classes are core's own (fails when cvm ships one set of declarations and core two). */
const WITH_CORE = `
import { BaseServiceClient, TencentCloudError } from '@scope/core';
export const base: BaseServiceClient = client;
export function same(err: unknown): TencentCloudError | undefined {
  return isCvmError(err) ? err : undefined;
}
`;

const MODES = {
  node10: {
    type: 'commonjs',
    file: 'a.ts',
    options: { module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0' },
  },
  'node16 (from CJS)': {
    type: 'commonjs',
    file: 'a.cts',
    options: { module: 'node16', moduleResolution: 'node16' },
  },
  'node16 (from ESM)': {
    type: 'module',
    file: 'a.mts',
    options: { module: 'node16', moduleResolution: 'node16' },
  },
  bundler: {
    type: 'module',
    file: 'a.ts',
    options: { module: 'esnext', moduleResolution: 'bundler' },
  },
} as const;

function typecheck(root: string, mode: keyof typeof MODES, source: string): string {
  const m = MODES[mode];
  const dir = join(root, mode.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: m.type }));
  writeFileSync(join(dir, m.file), source);
  const config = ts.parseJsonConfigFileContent(
    {
      compilerOptions: {
        ...m.options,
        target: 'es2022',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
      },
      files: [m.file],
    },
    ts.sys,
    dir,
  );
  // A fresh host per mode: source files cached across programs keep another mode's module
  // resolutions (measured: that hid a mismatch of core's classes).
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(program)];
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  });
}

describe('@scope/cvm packed, declarations once (this package built the catalogue first)', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(ROOT, 'scripts', '.cache', 'consumer-'));
    install(CVM, join(root, 'node_modules', '@scope', 'cvm'));
    install(CORE, join(root, 'node_modules', '@scope', 'core'));
    mkdirSync(join(root, 'node_modules', '@types'), { recursive: true });
    symlinkSync(
      join(ROOT, 'scripts', 'node_modules', '@types', 'node'),
      join(root, 'node_modules', '@types', 'node'),
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.skipIf(!coreShipsTypesOnce())(
    'dist/esm holds no declarations but the one-line stubs of the entry points (once core ships its own once)',
    () => {
      const esm = listFiles(join(CVM, 'dist', 'esm'), '').filter((f) => f.endsWith('.d.ts'));
      expect(esm).toEqual(['index.d.ts', 'v20170312/index.d.ts']);
      expect(readFileSync(join(CVM, 'dist/esm/v20170312/index.d.ts'), 'utf8')).toBe(
        "export * from '../../cjs/v20170312/index.js';\n",
      );
    },
  );

  for (const mode of Object.keys(MODES) as (keyof typeof MODES)[])
    it(`${mode}: the client class and DescribeInstances' output resolve to real types, lib check on`, () => {
      expect(typecheck(root, mode, CONSUMER)).toBe('');
    });

  it("every mode: cvm's client and errors are core's own classes, as the consumer imports core", () => {
    for (const mode of Object.keys(MODES) as (keyof typeof MODES)[])
      expect(typecheck(root, mode, CONSUMER + WITH_CORE), mode).toBe('');
  });
});

describe('esmTypeStubs', () => {
  const exportsOf = (esm: string, cjs: string) => ({
    exports: {
      '.': { import: { types: esm }, require: { types: cjs } },
      './package.json': './package.json',
    },
  });

  it('one stub per ESM entry, importing the CommonJS declaration beside it', () => {
    const pkg = {
      exports: {
        '.': {
          import: { types: './dist/esm/index.d.ts' },
          require: { types: './dist/cjs/index.d.ts' },
        },
        './v1': {
          import: { types: './dist/esm/v1/index.d.ts' },
          require: { types: './dist/cjs/v1/index.d.ts' },
        },
      },
    };
    const files = new Map([
      ['cjs/index.d.ts', "export * from './v1/index.js';\n"],
      ['cjs/v1/index.d.ts', 'export declare const a = 1;\n'],
    ]);
    expect([...esmTypeStubs(pkg, files)]).toEqual([
      ['esm/index.d.ts', "export * from '../cjs/index.js';\n"],
      ['esm/v1/index.d.ts', "export * from '../../cjs/v1/index.js';\n"],
    ]);
  });

  it('refuses an entry whose declaration has a default export (export * would drop it)', () => {
    for (const text of [
      'export default x;\n',
      'declare const x: 1;\nexport { x as default };\n',
      'export = x;\n',
    ])
      expect(() =>
        esmTypeStubs(
          exportsOf('./dist/esm/index.d.ts', './dist/cjs/index.d.ts'),
          new Map([['cjs/index.d.ts', text]]),
        ),
      ).toThrow(/default export/);
  });

  it('refuses require types that are not the same entry under dist/cjs, or a missing declaration', () => {
    const files = new Map([['cjs/index.d.ts', 'export {};\n']]);
    expect(() =>
      esmTypeStubs(exportsOf('./dist/esm/index.d.ts', './dist/cjs/other.d.ts'), files),
    ).toThrow(/require\.types is not \.\/dist\/cjs\/index\.d\.ts/);
    expect(() => esmTypeStubs(exportsOf('./dist/esm/x.d.ts', './dist/cjs/x.d.ts'), files)).toThrow(
      /no declaration cjs\/x\.d\.ts/,
    );
    expect(() =>
      esmTypeStubs(exportsOf('./types/index.d.ts', './dist/cjs/index.d.ts'), files),
    ).toThrow(/not \.\/dist\/esm/);
  });
});
