// A throw-away workspace with copies of a few generated packages, for tests that build and
// type-check: their dependencies (node_modules, core, the tools) are links to the real ones.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedPackages, ROOT } from '../src/workspace.mjs';

/** The smallest generated packages by source size, `n` of them (fast to build). */
export function smallPackages(n: number) {
  const size = (dir: string): number =>
    readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true }).filter((e) => e.isFile())
      .length;
  return generatedPackages()
    .map((p) => ({ p, n: size(`${p.dir}/src`) }))
    .sort((a, b) => a.n - b.n || (a.p.dir < b.p.dir ? -1 : 1))
    .slice(0, n)
    .map((x) => x.p);
}

export function makeWorkspace(dirs: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'tc-scripts-ws-'));
  cpSync(join(ROOT, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  mkdirSync(join(root, 'scripts'), { recursive: true });
  symlinkSync(join(ROOT, 'scripts', 'node_modules'), join(root, 'scripts', 'node_modules'));
  mkdirSync(join(root, 'packages'));
  symlinkSync(join(ROOT, 'packages', 'core'), join(root, 'packages', 'core'));
  for (const dir of dirs) {
    const to = join(root, dir);
    mkdirSync(to);
    for (const f of readdirSync(join(ROOT, dir))) {
      if (f === 'node_modules') symlinkSync(join(ROOT, dir, f), join(to, f));
      else if (f !== 'dist') cpSync(join(ROOT, dir, f), join(to, f), { recursive: true });
    }
  }
  return root;
}

export function removeWorkspace(root: string) {
  if (existsSync(root)) rmSync(root, { recursive: true, force: true });
}
