// The generated service packages of the workspace, content hashes of their files, and the state
// of each whole-catalogue step (which package was last done with which input hash).
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's folder and the workspace root. */
export const SCRIPTS_DIR = fileURLToPath(new URL('..', import.meta.url));
export const ROOT = join(SCRIPTS_DIR, '..');
/** The generator's manifest: a package folder holding it is a generated service package. */
export const MANIFEST_FILE = '.generated.json';

/**
 * @typedef {object} GeneratedPackage
 * @property {string} dir folder relative to the workspace root, e.g. `packages/cvm`
 * @property {string} abs absolute folder
 * @property {string} name npm name
 * @property {string[]} versions version folders (`v20170312`, ...) that have a subpath export
 */

/**
 * Every generated service package (a folder under packages/ with the generator's manifest),
 * sorted by folder. `only` restricts the list to those folders (absolute or root-relative).
 * @param {string} [root]
 * @param {string[]} [only]
 * @returns {GeneratedPackage[]}
 */
export function generatedPackages(root = ROOT, only) {
  const packagesDir = join(root, 'packages');
  if (!existsSync(packagesDir)) return [];
  const wanted = only?.map((d) => relative(root, resolve(d)).split(sep).join('/'));
  const all = readdirSync(packagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(packagesDir, d.name, MANIFEST_FILE)))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const abs = join(packagesDir, name);
      const pkg = JSON.parse(readFileSync(join(abs, 'package.json'), 'utf8'));
      const versions = Object.keys(pkg.exports ?? {})
        .filter((k) => /^\.\/v\d{8}$/.test(k))
        .map((k) => k.slice(2));
      return { dir: `packages/${name}`, abs, name: String(pkg.name), versions };
    });
  if (!wanted) return all;
  const unknown = wanted.filter((w) => !all.some((p) => p.dir === w));
  if (unknown.length > 0)
    throw new Error(`not a generated package (no ${MANIFEST_FILE}): ${unknown.join(', ')}`);
  return all.filter((p) => wanted.includes(p.dir));
}

const SKIP = new Set(['node_modules', 'dist', '.turbo']);

/**
 * Files under `abs` (a file or a folder), as paths relative to `base` with `/`, sorted;
 * node_modules, dist and .turbo folders are skipped.
 * @param {string} base
 * @param {string} rel
 * @returns {string[]}
 */
export function listFiles(base, rel) {
  const abs = join(base, rel);
  if (!existsSync(abs)) return [];
  /** @type {string[]} */
  const out = [];
  const walk = (/** @type {string} */ r) => {
    const entries = readdirSync(join(base, r), { withFileTypes: true });
    for (const e of entries) {
      const child = r ? `${r}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) walk(child);
      } else if (e.isFile()) out.push(child);
    }
  };
  try {
    walk(rel);
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'ENOTDIR') throw err;
    out.push(rel);
  }
  return out.sort();
}

/**
 * One hash over the names and contents of the given paths (files or folders) under `base`.
 * Missing paths count as absent, so creating one changes the hash.
 * @param {string} base
 * @param {readonly string[]} paths
 * @param {readonly string[]} [extra] more strings that belong to the key (versions, options)
 */
export function hashPaths(base, paths, extra = []) {
  const h = createHash('sha256');
  for (const e of extra) h.update(`extra\0${e}\0`);
  for (const p of paths) {
    const files = listFiles(base, p);
    h.update(`path\0${p}\0${files.length}\0`);
    for (const f of files) {
      h.update(`${f}\0`);
      h.update(readFileSync(join(base, f)));
      h.update('\0');
    }
  }
  return h.digest('hex');
}

/** Version of an installed package, resolved from this package (part of a step's key). */
export function installedVersion(/** @type {string} */ name) {
  const file = join(SCRIPTS_DIR, 'node_modules', name, 'package.json');
  return `${name}@${JSON.parse(readFileSync(file, 'utf8')).version}`;
}

/**
 * The state of one step: package folder -> input hash it last succeeded with. Kept in
 * `scripts/.cache/<step>.json` (git-ignored; an output of the step's turbo task).
 */
export class StepState {
  /** @param {string} step @param {string} [root] */
  constructor(step, root = ROOT) {
    this.file = join(root, 'scripts', '.cache', `${step}.json`);
    /** @type {Record<string, string>} */
    this.done = {};
    try {
      this.done = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      // no state yet: everything is to do
    }
  }

  /** @param {string} dir @param {string} hash */
  isDone(dir, hash) {
    return this.done[dir] === hash;
  }

  /** @param {string} dir @param {string} hash */
  mark(dir, hash) {
    this.done[dir] = hash;
  }

  /** @param {string} dir */
  forget(dir) {
    delete this.done[dir];
  }

  save() {
    mkdirSync(join(this.file, '..'), { recursive: true });
    const sorted = Object.fromEntries(
      Object.entries(this.done).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    writeFileSync(`${this.file}.tmp`, `${JSON.stringify(sorted, null, 2)}\n`);
    renameSync(`${this.file}.tmp`, this.file);
  }
}

/**
 * Runs `fn` while holding a lock on `scripts/.cache/<name>.lock` (a folder, created
 * atomically), so that a per-package build started by turbo and the whole-catalogue build never
 * write the same dist folder at once. A lock whose owner process is gone is taken over.
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} fn
 * @param {string} [root]
 * @returns {Promise<T>}
 */
export async function withLock(name, fn, root = ROOT) {
  const dir = join(root, 'scripts', '.cache', `${name}.lock`);
  mkdirSync(join(dir, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
      let owner = 0;
      try {
        owner = Number(readFileSync(join(dir, 'pid'), 'utf8'));
      } catch {
        // being created or removed: try again shortly
      }
      if (owner && !alive(owner)) {
        renameSync(dir, `${dir}.stale-${process.pid}`);
        rmDir(`${dir}.stale-${process.pid}`);
        continue;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmDir(dir);
  }
}

function alive(/** @type {number} */ pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
}

function rmDir(/** @type {string} */ dir) {
  rmSync(dir, { recursive: true, force: true });
}
