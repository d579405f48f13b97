// `spec-diff <rev>:<path> <new>`: the old side read from git, e.g. `HEAD:specs/cvm` or the last
// release tag `@scope/cvm@0.2.0:specs/cvm`. The path is relative to the repository root, as in
// `git show`. The files are extracted into a temp folder (same relative path) and diffed like
// any other spec location, so a diff against the previous release's specs needs no snapshot.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface GitTarget {
  rev: string;
  path: string;
}

/** `<rev>:<path>` when `target` is not an existing file or folder; else undefined. */
export function parseGitTarget(target: string): GitTarget | undefined {
  if (existsSync(target)) return undefined;
  const m = /^([^:\s]+):([^:]*)$/.exec(target);
  if (!m || /^[a-zA-Z]$/.test(m[1]!)) return undefined; // a Windows drive letter, not a revision
  return { rev: m[1]!, path: m[2]!.replace(/^\.?\/+/, '') };
}

/** Extracts `path` at `rev` of the repository at `repo`; returns the folder and a cleanup. */
export function extractGitTarget(t: GitTarget, repo: string): { dir: string; cleanup(): void } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'spec-diff-git-'));
  const archive = spawnSync('git', ['archive', '--format=tar', t.rev, '--', t.path || '.'], {
    cwd: repo,
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (archive.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(
      `git archive ${t.rev} -- ${t.path} in ${repo} failed: ${archive.stderr.toString().trim()}`,
    );
  }
  const untar = spawnSync('tar', ['-x', '-C', tmp], { input: archive.stdout });
  if (untar.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`tar -x of ${t.rev}:${t.path} failed: ${untar.stderr.toString().trim()}`);
  }
  return {
    dir: path.join(tmp, t.path),
    cleanup: () => rmSync(tmp, { recursive: true, force: true }),
  };
}
