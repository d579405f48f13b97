// A private copy of the workspace to release from: the working tree's files (tracked and
// untracked, minus what .gitignore excludes) in a temp folder with its own git repository,
// so versioning, tags and publishing never touch the real checkout. With `services`, a small
// workspace: core, testing and those services only (specs and packages), without bench,
// docs-test and runtimes (they depend on other packages and, for runtimes, ~800 MB of runtime
// binaries), so a test builds a few packages, not 258.
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, REPO, run } from './run.js';

/** A committer for the copy (and for the tags changesets creates there), whatever git is set up with. */
export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'release-e2e',
  GIT_AUTHOR_EMAIL: 'release-e2e@localhost',
  GIT_COMMITTER_NAME: 'release-e2e',
  GIT_COMMITTER_EMAIL: 'release-e2e@localhost',
};

/** Hand-written packages every small workspace keeps. */
const KEPT_PACKAGES = ['core', 'testing'];

function inSmallWorkspace(rel: string, services: readonly string[]): boolean {
  const [top, sub] = rel.split('/');
  if (top === 'bench' || top === 'docs-test' || top === 'runtimes') return false;
  if (top === 'specs' && sub !== undefined && rel !== `specs/${sub}`) return services.includes(sub);
  // packages/README.md (a catalogue page) and other loose files stay
  if (top === 'packages' && sub !== undefined && rel !== `packages/${sub}`)
    return KEPT_PACKAGES.includes(sub) || services.includes(sub);
  return true;
}

export async function copyWorkspace(opts: { services?: readonly string[] } = {}): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-workspace-'));
  const { stdout } = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: REPO },
  );
  for (const rel of new Set(stdout.split('\0').filter(Boolean))) {
    if (opts.services && !inSmallWorkspace(rel, opts.services)) continue;
    const src = path.join(REPO, rel);
    let isFile = false;
    try {
      isFile = lstatSync(src).isFile();
    } catch {
      // deleted in the working tree
    }
    if (!isFile) continue;
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    copyFileSync(src, path.join(dir, rel));
  }
  // Start from the released state: changesets pending in the checkout are not this test's.
  const cs = path.join(dir, '.changeset');
  for (const f of readdirSync(cs))
    if (f.endsWith('.md') && f !== 'README.md') rmSync(path.join(cs, f));
  await git(dir, ['init', '-q', '-b', 'main']);
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-q', '-m', 'workspace snapshot for the release test']);
  return dir;
}

export function git(cwd: string, args: string[]) {
  return run('git', args, { cwd, env: cleanEnv(GIT_ENV) });
}

/**
 * A small workspace (core, testing, `services`) ready to build: its lockfile narrowed to those
 * packages (offline, from the pnpm store), the service packages generated from their specs (so a
 * service that has a spec but no committed package yet is there too), all committed.
 */
export async function smallWorkspace(
  services: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const dir = await copyWorkspace({ services });
  // not frozen: the lockfile still lists the packages left out (CI would default to frozen)
  const install = () =>
    run('pnpm', ['install', '--offline', '--no-frozen-lockfile'], { cwd: dir, env });
  await install();
  await run('pnpm', ['generate'], { cwd: dir, env, timeoutMs: 240_000 });
  await install();
  await git(dir, ['add', '-A']);
  await git(dir, [
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    `small workspace: ${services.join(', ')}`,
  ]);
  return dir;
}
