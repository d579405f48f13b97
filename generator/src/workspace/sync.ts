// Keeps the hand-written packages in line with the one scope setting (sdk.config.json): the
// names of packages/core and packages/testing, the workspace dependencies that name them, and
// core's version.ts (name + version for User-Agent, read from core's package.json so that
// `changeset version && pnpm generate` updates it). Hand-written code is never rewritten; an
// import of another scope's workspace package is reported instead.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_HEADER, MANIFEST_FILE } from '../config.js';
import { coreModule, SMOKE_TEST_FILE } from '../ir/names.js';

/** Hand-written packages under packages/ whose name the scope decides. */
export const HAND_WRITTEN_PACKAGES = ['core', 'testing'] as const;
/** Other workspace folders whose package.json may depend on scoped packages. */
const OTHER_WORKSPACES = ['generator', 'bench', 'e2e', 'docs-test', 'scripts'];
/** Folders of hand-written code scanned for imports of another scope. */
const SCANNED = [
  'packages/core/src',
  'packages/core/test',
  'packages/testing/src',
  'packages/testing/test',
  'bench',
  'e2e',
];
const CODE = /\.(?:[cm]?ts|[cm]?js)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.turbo', '.out', 'coverage']);
const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
export const VERSION_FILE = 'packages/core/src/version.ts';

export interface StaleImport {
  /** Path relative to the workspace root. */
  file: string;
  line: number;
  specifier: string;
}

export interface WorkspaceSyncResult {
  /** Files written (or, with check, that would be), relative to the workspace root. */
  changed: string[];
  staleImports: StaleImport[];
}

export function syncWorkspace(root: string, scope: string, check: boolean): WorkspaceSyncResult {
  const packagesDir = path.join(root, 'packages');
  const generated = existsSync(packagesDir)
    ? readdirSync(packagesDir).filter((d) => existsSync(path.join(packagesDir, d, MANIFEST_FILE)))
    : [];
  const ours = new Set<string>([...HAND_WRITTEN_PACKAGES, ...generated]);
  const changed: string[] = [];
  const write = (rel: string, text: string) => {
    const file = path.join(root, rel);
    if (readOrUndefined(file) === text) return;
    changed.push(rel);
    if (!check) writeFileSync(file, text);
  };

  const external = new Set<string>();
  const manifests = [
    ...HAND_WRITTEN_PACKAGES.map((d) => `packages/${d}/package.json`),
    ...OTHER_WORKSPACES.map((d) => `${d}/package.json`),
  ].filter((rel) => existsSync(path.join(root, rel)));
  for (const rel of manifests) {
    const text = readFileSync(path.join(root, rel), 'utf8');
    const pkg = JSON.parse(text) as Record<string, unknown>;
    let edited = false;
    const own = /^packages\/([^/]+)\/package\.json$/.exec(rel)?.[1];
    if (own && typeof pkg.name === 'string' && pkg.name !== `${scope}/${own}`) {
      pkg.name = `${scope}/${own}`;
      edited = true;
    }
    for (const field of DEP_FIELDS) {
      const deps = pkg[field] as Record<string, string> | undefined;
      if (!deps) continue;
      const renamed = Object.entries(deps).map(([name, spec]): [string, string] => {
        const short = unscoped(name);
        if (!spec.startsWith('workspace:')) external.add(name);
        else if (short && ours.has(short) && name !== `${scope}/${short}`) {
          edited = true;
          return [`${scope}/${short}`, spec];
        }
        return [name, spec];
      });
      pkg[field] = Object.fromEntries(renamed);
    }
    // Unchanged files keep their exact bytes (formatting included).
    if (edited) write(rel, `${JSON.stringify(pkg, null, 2)}\n`);
  }

  const corePkg = path.join(root, 'packages/core/package.json');
  if (existsSync(corePkg)) {
    const { version } = JSON.parse(readFileSync(corePkg, 'utf8')) as { version: string };
    write(VERSION_FILE, versionFile(coreModule(scope), version));
  }

  return { changed, staleImports: findStaleImports(root, scope, ours, external, generated) };
}

/** packages/core/src/version.ts: what core sends in User-Agent. */
export function versionFile(name: string, version: string): string {
  return [
    GENERATED_HEADER,
    '// Name and version of core for User-Agent, from packages/core/package.json (`pnpm generate`).',
    `export const CORE_PACKAGE = '${name}';`,
    `export const CORE_VERSION = '${version}';`,
    '',
  ].join('\n');
}

const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])(@[a-z0-9._-]+)\/([a-z0-9._-]+)(?:\/[^'"]*)?\1/g;

/**
 * Imports such as `@old/core` in hand-written code: a workspace package under a scope that is
 * not the configured one (a declared third-party dependency of that name is not flagged).
 */
function findStaleImports(
  root: string,
  scope: string,
  ours: ReadonlySet<string>,
  external: ReadonlySet<string>,
  generated: readonly string[],
): StaleImport[] {
  const files: string[] = [];
  for (const dir of SCANNED) collect(root, dir, files);
  // Hand-written tests of generated packages: anything in test/ but the generated smoke test.
  for (const dir of generated) {
    collect(root, `packages/${dir}/test`, files);
    collect(root, `packages/${dir}/src/custom`, files);
  }
  const stale: StaleImport[] = [];
  for (const rel of files) {
    if (generated.some((d) => rel === `packages/${d}/${SMOKE_TEST_FILE}`)) continue;
    const text = readFileSync(path.join(root, rel), 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const [, , s, name] = m;
      const pkg = `${s}/${name}`;
      if (s === scope || !ours.has(name!) || external.has(pkg)) continue;
      const line = text.slice(0, m.index).split('\n').length;
      stale.push({ file: rel, line, specifier: m[0].slice(m[0].indexOf(m[1]!) + 1, -1) });
    }
  }
  return stale;
}

function collect(root: string, rel: string, out: string[]) {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return;
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const child = `${rel}/${entry.name}`;
    if (entry.isDirectory()) collect(root, child, out);
    else if (CODE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(child);
  }
}

function unscoped(name: string): string | undefined {
  return /^@[^/]+\/(.+)$/.exec(name)?.[1];
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
