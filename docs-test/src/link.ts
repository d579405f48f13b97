/**
 * Makes every published workspace package importable from this package's `.tmp/` folder, where
 * the README programs and the bundler entries are written: `.tmp/node_modules/<name>` is a link
 * to the package's folder. Node, tsc and the bundlers follow the link to the package's real
 * folder, so its own dependencies (`@scope/core`) resolve from there, as after an install.
 *
 * This replaces one `"@scope/x": "workspace:*"` devDependency per package: with 258 generated
 * packages, a hand-kept list falls behind, and each entry would make turbo run that package's
 * own build before this test. Build order comes from the devDependency on `@tc-sdk/scripts`,
 * whose build task builds every generated package (core and testing are devDependencies).
 */
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PKG_DIR, ROOT, type WorkspacePackage, workspacePackages } from './workspace.js';

export const LINKS_DIR = join(PKG_DIR, '.tmp', 'node_modules');

/** Links every published workspace package; returns the packages linked. */
export function linkWorkspacePackages(root = ROOT, dir = LINKS_DIR): WorkspacePackage[] {
  const published = workspacePackages(root).filter((p) => !p.private);
  rmSync(dir, { recursive: true, force: true }); // links only; also drops removed packages
  for (const p of published) {
    const link = join(dir, p.name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), join(root, p.dir)), link, 'dir');
  }
  return published;
}
