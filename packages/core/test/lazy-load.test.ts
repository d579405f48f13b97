import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// What loading the built package reads (no timing here: bench/cold-load.mjs measures that).
// Each entry point is bundled; code used only by some clients stays in separate files loaded on
// first use; node:http/https are loaded by the first request and node:crypto by the first
// signature.
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

/**
 * The built-in modules a fresh process has loaded after `require`/`import` of the entry (and
 * `then`, code run with the entry as `m`). A script file, not `node -e`: -e loads node:crypto
 * before the script runs.
 */
function builtinsAfterLoad(format: 'cjs' | 'esm', then = ''): string[] {
  const entry = `${pkgDir}dist/${format}/index.js`;
  const report = `${then}; console.log(JSON.stringify(process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13))));`;
  const code =
    format === 'cjs'
      ? `const m = require(${JSON.stringify(entry)}); ${report}`
      : `const m = await import(${JSON.stringify(`file://${entry}`)}); ${report}`;
  const dir = mkdtempSync(join(tmpdir(), 'tc-lazy-'));
  try {
    const file = join(dir, format === 'cjs' ? 'load.cjs' : 'load.mjs');
    writeFileSync(file, code);
    return JSON.parse(execFileSync(process.execPath, [file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

  it('neither require() nor import() loads node:https or node:crypto; the first signature loads node:crypto', () => {
    for (const format of ['cjs', 'esm'] as const) {
      const loaded = builtinsAfterLoad(format);
      expect(loaded, format).toContain('url'); // the list is read as it should be
      expect(loaded, format).not.toContain('https');
      expect(loaded, format).not.toContain('crypto');
    }
    const sign = `m.signTc3({ secretId: 'AKIDexample', secretKey: 'key', service: 'cvm', host: 'cvm.tencentcloudapi.com', contentType: 'application/json', body: '{}', timestamp: 1700000000 })`;
    expect(builtinsAfterLoad('esm', sign)).toContain('crypto');
  });

  it('the lazy modules exist as their own files', () => {
    for (const m of LAZY) expect(existsSync(join(esmDir, m))).toBe(true);
  });
});
