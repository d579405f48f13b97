import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

// What a script calling one action costs once bundled: generated code (a ServiceInfo, one
// action function) plus core, minified with esbuild.
const pkgDir = fileURLToPath(new URL('..', import.meta.url));

const script = (clientClass: string) => `
import { ${clientClass} } from '${pkgDir}dist/esm/index.js';
const CVM = { service: 'cvm', version: '2017-03-12', packageName: '@scope/cvm', packageVersion: '0.1.0' };
export function describeInstances(client, input, options) {
  return client.request({ name: 'DescribeInstances', readOnly: true }, input, options);
}
const client = new ${clientClass}(CVM, { region: 'ap-guangzhou', credentials: { secretId: 'a', secretKey: 'b' } });
describeInstances(client, { Limit: 1 }).then((r) => console.log(r.TotalCount));
`;

async function bundle(clientClass: string): Promise<string> {
  const out = await build({
    stdin: { contents: script(clientClass), resolveDir: pkgDir, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

beforeAll(() => {
  if (!existsSync(`${pkgDir}dist/esm/index.js`))
    execSync('pnpm run build', { cwd: pkgDir, stdio: 'ignore' });
}, 120_000);

describe('one-action bundle size', () => {
  it('stays within 15 KB minified with BaseServiceClient', async () => {
    const code = await bundle('BaseServiceClient');
    expect(code.length).toBeLessThanOrEqual(15 * 1024);
    // Neither the event-stream code nor the error descriptions are pulled in.
    expect(code).not.toContain('text/event-stream');
    expect(code).not.toContain('The service hit an internal error');
  });

  it('ServiceClient adds only the streaming code', async () => {
    const base = await bundle('BaseServiceClient');
    const full = await bundle('ServiceClient');
    expect(full).toContain('text/event-stream');
    expect(full.length - base.length).toBeLessThan(5 * 1024);
  });
});
