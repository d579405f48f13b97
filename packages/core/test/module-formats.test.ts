import { execFileSync, execSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Core from '../src/index.js';

// The JavaScript ships once, as ES modules; dist/cjs holds one-line entry points that require()
// them. So `require` and `import` give one instance, and a second installed version of core
// (here: a copy of the package in a temporary folder) is the only way to meet two.
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
let imported: typeof Core;
let other: typeof Core;
let copyDir = '';

beforeAll(async () => {
  // turbo builds before testing; a bare `vitest run` on a fresh clone builds here.
  if (!existsSync(`${pkgDir}dist/cjs/index.js`) || !existsSync(`${pkgDir}dist/esm/index.js`)) {
    execSync('pnpm run build', { cwd: pkgDir, stdio: 'ignore' });
  }
  imported = await import(pathToFileURL(`${pkgDir}dist/esm/index.js`).href);
  copyDir = mkdtempSync(join(tmpdir(), 'core-copy-'));
  cpSync(join(pkgDir, 'package.json'), join(copyDir, 'package.json'));
  cpSync(join(pkgDir, 'dist'), join(copyDir, 'dist'), { recursive: true });
  other = await import(pathToFileURL(join(copyDir, 'dist/esm/index.js')).href);
}, 120_000);

afterAll(() => {
  if (copyDir) rmSync(copyDir, { recursive: true, force: true });
});

/** Runs `code` as an ES module in a fresh Node process (vitest's own loader is not Node's). */
function inNode(code: string): unknown {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: pkgDir,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('built package: one copy of the JavaScript', () => {
  it('require() and import() give the same module instance, for both entry points', () => {
    const result = inNode(`
      import { createRequire } from "node:module";
      const require = createRequire(${JSON.stringify(`${pkgDir}package.json`)});
      const out = {};
      for (const entry of ['index', 'credentials/index']) {
        const r = require('./dist/cjs/' + entry + '.js');
        const i = await import('./dist/esm/' + entry + '.js');
        const keys = Object.keys(i);
        out[entry] = {
          exports: keys.length,
          same: keys.every((k) => r[k] === i[k]) && Object.keys(r).length === keys.length,
        };
      }
      console.log(JSON.stringify(out));`);
    expect(result).toEqual({
      index: { exports: expect.any(Number), same: true },
      'credentials/index': { exports: expect.any(Number), same: true },
    });
    const counts = result as Record<string, { exports: number }>;
    expect(counts.index?.exports).toBeGreaterThan(50);
    expect(counts['credentials/index']?.exports).toBeGreaterThan(5);
  });

  it('the CommonJS entry points are one line each, and nothing else is in dist/cjs', () => {
    for (const entry of ['index', 'credentials/index']) {
      const text = readFileSync(`${pkgDir}dist/cjs/${entry}.js`, 'utf8');
      expect(text).toMatch(
        /^"use strict";\nmodule\.exports = require\("(\.\.\/)+esm\/[\w/]+\.js"\);\n$/,
      );
    }
    const js = readdirSync(`${pkgDir}dist/cjs`, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.js'),
    );
    expect(js.sort()).toEqual(['credentials/index.js', 'index.js']);
  });

  it('the declarations are one file per public entry point plus shared chunks', () => {
    const types = readdirSync(`${pkgDir}dist`, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.d.ts'))
      .sort();
    const shipped = types.filter((f) => !/^cjs\/chunks\/types-[\w-]+\.d\.ts$/.test(f));
    expect(shipped).toEqual([
      'cjs/credentials/index.d.ts',
      'cjs/index.d.ts',
      'esm/credentials/index.d.ts',
      'esm/index.d.ts',
    ]);
    expect(types.length - shipped.length).toBeLessThanOrEqual(2);
    // What the public API reaches is there, an internal module's own types are not.
    const root = readFileSync(`${pkgDir}dist/cjs/index.d.ts`, 'utf8');
    expect(root).toMatch(/declare class BaseServiceClient\b/);
    expect(root).not.toMatch(
      /\bwithAttemptCredentials\b|\bobserverFor\b|interface Runtime\b|\bFileAccess\b/,
    );
  });

  it('a CommonJS caller gets a working client (require of the ES modules)', () => {
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `const { BaseServiceClient, RUNTIME_NAME } = require(${JSON.stringify(`${pkgDir}dist/cjs/index.js`)});
         const c = new BaseServiceClient({ service: 'cvm', version: '2017-03-12', endpoint: 'cvm.tencentcloudapi.com' }, { region: 'ap-guangzhou', credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'k' } });
         console.log(JSON.stringify({ runtime: RUNTIME_NAME, client: typeof c.call }));`,
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ runtime: 'node', client: 'function' });
  });
});

describe('two installed copies of core', () => {
  it('are distinct instances', () => {
    expect(other.TencentCloudError).not.toBe(imported.TencentCloudError);
  });

  it('instanceof works across the two copies', () => {
    const fromOther = new other.TencentCloudError({ code: 'InternalError', message: 'x' });
    const fromThis = new imported.ProtocolError('p', {
      httpStatus: 502,
      contentType: 'text/html',
      bodySnippet: '',
    });
    expect(fromOther instanceof imported.TencentCloudError).toBe(true);
    expect(fromOther instanceof imported.SdkError).toBe(true);
    expect(imported.isTencentCloudError(fromOther)).toBe(true);
    expect(fromThis instanceof other.ProtocolError).toBe(true);
    expect(fromThis instanceof other.TencentCloudError).toBe(false);
    expect(other.isTencentCloudError(fromThis)).toBe(false);
  });

  it('response metadata is readable across copies', () => {
    const r = {};
    Object.defineProperty(r, Symbol.for('tc-sdk.core.responseMetadata'), {
      value: { requestId: 'x' },
    });
    expect(other.getResponseMetadata(r)).toEqual(imported.getResponseMetadata(r));
  });
});
