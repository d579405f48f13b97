import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's folder and the workspace root. */
export const PKG_DIR = fileURLToPath(new URL('..', import.meta.url));
export const ROOT = join(PKG_DIR, '..');

export interface WorkspacePackage {
  name: string;
  /** Folder relative to the workspace root, e.g. `packages/cvm`. */
  dir: string;
  private: boolean;
}

/**
 * The workspace's packages, from the `packages:` list of pnpm-workspace.yaml (plain folders
 * and `folder/*` globs, the only forms it uses).
 */
export function workspacePackages(root = ROOT): WorkspacePackage[] {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const block = /^packages:\n((?:[ \t]+-.*\n?)+)/m.exec(yaml)?.[1] ?? '';
  const patterns = [...block.matchAll(/-\s*['"]?([^'"\n#]+?)['"]?\s*(?:#.*)?$/gm)].map(
    (m) => m[1] ?? '',
  );
  const dirs = patterns.flatMap((p) =>
    p.endsWith('/*')
      ? readdirSync(join(root, p.slice(0, -2)), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => join(p.slice(0, -2), d.name))
      : [p],
  );
  return dirs
    .filter((d) => existsSync(join(root, d, 'package.json')))
    .sort()
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      return {
        name: String(pkg.name),
        dir: relative(root, join(root, dir)),
        private: !!pkg.private,
      };
    });
}

/** The published (non-private) packages that are generated service packages. */
export function servicePackages(root = ROOT): WorkspacePackage[] {
  return workspacePackages(root).filter(
    (p) =>
      !p.private &&
      p.dir.startsWith('packages/') &&
      !['packages/core', 'packages/testing'].includes(p.dir),
  );
}
