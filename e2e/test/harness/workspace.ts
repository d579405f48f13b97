// A private copy of the workspace to release from: the working tree's files (tracked and
// untracked, minus what .gitignore excludes) in a temp folder with its own git repository,
// so versioning, tags and publishing never touch the real checkout.
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

export async function copyWorkspace(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-workspace-'));
  const { stdout } = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: REPO },
  );
  for (const rel of new Set(stdout.split('\0').filter(Boolean))) {
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
