import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Core from '../src/index.js';

// The built CommonJS and ESM copies are two separate module instances with their own classes,
// exactly like two installed versions of core.
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
let cjs: typeof Core;
let esm: typeof Core;

beforeAll(async () => {
  // turbo builds before testing; a bare `vitest run` on a fresh clone builds here.
  if (!existsSync(`${pkgDir}dist/cjs/index.js`) || !existsSync(`${pkgDir}dist/esm/index.js`)) {
    execSync('pnpm run build', { cwd: pkgDir, stdio: 'ignore' });
  }
  cjs = createRequire(import.meta.url)(`${pkgDir}dist/cjs/index.js`);
  esm = await import(pathToFileURL(`${pkgDir}dist/esm/index.js`).href);
}, 120_000);

describe('built dual package', () => {
  it('CJS and ESM builds are distinct copies', () => {
    expect(cjs.TencentCloudError).not.toBe(esm.TencentCloudError);
  });

  it('instanceof works across the two copies', () => {
    const fromCjs = new cjs.TencentCloudError({ code: 'InternalError', message: 'x' });
    const fromEsm = new esm.ProtocolError('p', {
      httpStatus: 502,
      contentType: 'text/html',
      bodySnippet: '',
    });
    expect(fromCjs instanceof esm.TencentCloudError).toBe(true);
    expect(fromCjs instanceof esm.SdkError).toBe(true);
    expect(esm.isTencentCloudError(fromCjs)).toBe(true);
    expect(fromEsm instanceof cjs.ProtocolError).toBe(true);
    expect(fromEsm instanceof cjs.TencentCloudError).toBe(false);
    expect(cjs.isTencentCloudError(fromEsm)).toBe(false);
  });

  it('response metadata is readable across copies', () => {
    const r = {};
    Object.defineProperty(r, Symbol.for('tc-sdk.core.responseMetadata'), {
      value: { requestId: 'x' },
    });
    expect(cjs.getResponseMetadata(r)).toEqual(esm.getResponseMetadata(r));
  });
});
