import { execFileSync, execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// What loading the built package reads (no timing here: bench/cold-load.mjs measures that).
// Each entry point is bundled; code used only by some clients stays in separate files loaded on
// first use, and node:http/https are loaded by the first request.
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const esmDir = join(pkgDir, 'dist/esm');

const LAZY = [
  'credentials/chain.js',
  'credentials/cvm-role.js',
  'credentials/sts.js',
  'credentials/region.js',
  'call/hooks.js',
  'runtime/node/proxy-agent.js',
  'call/legacy-request.js',
];

/** Whether node:https is loaded after `require`/`import` of the entry in a fresh process. */
function loadsHttps(format: 'cjs' | 'esm'): boolean {
  const entry = `${pkgDir}dist/${format}/index.js`;
  const report = `console.log(process.moduleLoadList.includes('NativeModule https'))`;
  const code =
    format === 'cjs'
      ? `require(${JSON.stringify(entry)}); ${report}`
      : `import(${JSON.stringify(`file://${entry}`)}).then(() => { ${report} })`;
  return JSON.parse(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' }));
}

/**
 * The files under dist/esm that loading `entry` evaluates: its static imports, followed, with
 * `#runtime` resolved as Node resolves it (package.json `imports`, node condition). `import()`
 * is not followed: that is what loads on first use.
 */
function staticGraph(entry: string): string[] {
  const imports = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).imports;
  const seen = new Set<string>();
  const visit = (file: string) => {
    const rel = relative(esmDir, file);
    if (seen.has(rel)) return;
    seen.add(rel);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /^(?:import|export)\b[^;]*?from\s*"([^"]+)";|^import\s*"([^"]+)";/gms,
    )) {
      const spec = m[1] ?? m[2] ?? '';
      if (spec === '#runtime') visit(join(pkgDir, imports['#runtime'].node));
      else if (spec.startsWith('.')) visit(join(dirname(file), spec));
    }
  };
  visit(join(esmDir, entry));
  return [...seen];
}

beforeAll(() => {
  if (!existsSync(`${pkgDir}dist/esm/index.js`))
    execSync('pnpm run build', { cwd: pkgDir, stdio: 'ignore' });
}, 120_000);

describe('loading the built package', () => {
  it('reads the entry, two shared chunks and the Node runtime, no lazy module', () => {
    const files = staticGraph('index.js');
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
  });

  it('neither require() nor import() loads node:https', () => {
    expect(loadsHttps('cjs')).toBe(false);
    expect(loadsHttps('esm')).toBe(false);
  });

  it('the lazy modules exist as their own files', () => {
    for (const m of LAZY) expect(existsSync(join(esmDir, m))).toBe(true);
  });
});
