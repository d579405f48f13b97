import { execFileSync, execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// What loading the built package reads (no timing here: bench/cold-load.mjs measures that).
// Each entry point is bundled; code used only by some clients stays in separate files loaded on
// first use, and node:http/https are loaded by the first request.
const pkgDir = fileURLToPath(new URL('..', import.meta.url));

const LAZY = [
  'credentials/chain.js',
  'credentials/cvm-role.js',
  'credentials/sts.js',
  'credentials/region.js',
  'call/hooks.js',
  'runtime/node/proxy-agent.js',
  'call/legacy-request.js',
];

/** Loads `entry` in a fresh process and lists core's files and whether node:https was loaded. */
function load(format: 'cjs' | 'esm'): { files: string[]; https: boolean } {
  const entry = `${pkgDir}dist/${format}/index.js`;
  const report = `console.log(JSON.stringify({
    files: ${format === 'cjs' ? 'Object.keys(require.cache)' : '[]'},
    https: process.moduleLoadList.includes('NativeModule https'),
  }))`;
  const code =
    format === 'cjs'
      ? `require(${JSON.stringify(entry)}); ${report}`
      : `import(${JSON.stringify(`file://${entry}`)}).then(() => { ${report} })`;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' }));
  return {
    files: out.files.map((f: string) => f.slice(`${pkgDir}dist/cjs/`.length)),
    https: out.https,
  };
}

beforeAll(() => {
  if (!existsSync(`${pkgDir}dist/cjs/index.js`))
    execSync('pnpm run build', { cwd: pkgDir, stdio: 'ignore' });
}, 120_000);

describe('loading the built package', () => {
  it('require() reads the entry, two shared chunks and the Node runtime, no lazy module', () => {
    const { files, https } = load('cjs');
    expect(files).toContain('index.js');
    // The entry, the chunk of pure code (errors, TC3 strings) the runtime files share with it,
    // the call-path chunk shared with ./credentials and the lazy modules, and the file
    // `#runtime` resolves to under the node condition, instead of one file per module. The pure
    // chunk is apart so that the runtime files and the call path do not import each other.
    expect(files).toContain('runtime/node/index.js');
    expect(files.length).toBeLessThanOrEqual(4);
    for (const f of files)
      expect(f === 'index.js' || f === 'runtime/node/index.js' || f.startsWith('chunks/')).toBe(
        true,
      );
    for (const m of LAZY) expect(files).not.toContain(m);
    expect(https).toBe(false);
  });

  it('import() does not load node:https either', () => {
    expect(load('esm').https).toBe(false);
  });

  it('the lazy modules exist as their own files in both formats', () => {
    for (const format of ['cjs', 'esm'])
      for (const m of LAZY) expect(existsSync(`${pkgDir}dist/${format}/${m}`)).toBe(true);
  });
});
