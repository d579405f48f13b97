// Where the Bun and Deno executables are, and which version each is. They are npm packages
// (devDependencies of runtimes/): the wrapper's postinstall, which pnpm does not run here, would
// only copy the binary of the platform package next to it, so the platform package's binary is
// run directly (as runtimes/src/binaries.mjs does). BENCH_BUN / BENCH_DENO override the path.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BENCH_DIR, REPO_ROOT } from './common.mjs';

const PLATFORM = `${process.platform}-${process.arch}`;
const PACKAGES = {
  bun: {
    env: 'BENCH_BUN',
    file: 'bin/bun',
    platform: { 'linux-x64': '@oven/bun-linux-x64', 'linux-arm64': '@oven/bun-linux-aarch64' },
  },
  deno: {
    env: 'BENCH_DENO',
    file: 'deno',
    platform: { 'linux-x64': '@deno/linux-x64-glibc', 'linux-arm64': '@deno/linux-arm64-glibc' },
  },
};

/** The platform binary from the first package folder (bench/, runtimes/) that installed it. */
function installedBinary(name) {
  const { platform, file } = PACKAGES[name];
  const pkg = platform[PLATFORM];
  if (!pkg) return { error: `no ${name} platform package is known for ${PLATFORM}` };
  for (const dir of [BENCH_DIR, path.join(REPO_ROOT, 'runtimes')]) {
    try {
      const wrapper = createRequire(path.join(dir, 'package.json')).resolve(`${name}/package.json`);
      // The platform package is the wrapper's optional dependency: resolve it from there.
      const fromWrapper = createRequire(fs.realpathSync(wrapper));
      return { path: path.join(path.dirname(fromWrapper.resolve(`${pkg}/package.json`)), file) };
    } catch {}
  }
  return { error: `${name} is not installed (devDependency of runtimes/, package ${pkg})` };
}

/**
 * `{ name, path, version }` of a runtime that starts, or `{ name, error }` saying why not.
 * Node is the process running the bench.
 */
export function locateRuntime(name) {
  if (name === 'node') return { name, path: process.execPath, version: process.versions.node };
  const override = process.env[PACKAGES[name].env];
  const found = override ? { path: override } : installedBinary(name);
  if (found.error) return { name, error: found.error };
  if (!fs.existsSync(found.path)) return { name, error: `${found.path} does not exist` };
  const r = spawnSync(found.path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) {
    const why = (r.error?.message ?? r.stderr ?? '').trim().split('\n')[0];
    return { name, error: `${found.path} --version failed (${why || `exit ${r.status}`})` };
  }
  // `bun --version`: 1.4.5; `deno --version`: deno 2.9.6 (stable, ...) on the first line.
  const version = r.stdout
    .trim()
    .split('\n')[0]
    .replace(/^deno /, '')
    .split(' ')[0];
  return { name, path: found.path, version };
}

/** argv to run a script file as a user would in the runtime (Deno: with the permissions it needs). */
export function runArgs(name, file, args) {
  if (name === 'deno') {
    return ['run', '--no-lock', '--allow-net', '--allow-read', '--allow-env', file, ...args];
  }
  return [file, ...args];
}
