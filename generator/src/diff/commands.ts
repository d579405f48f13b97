// The release commands of the CLI: `spec-diff` (print an API diff) and `publish` (the guarded
// `changeset publish` behind `pnpm release`). Registered from cli.ts with one call.
import type { Command } from 'commander';
import { REPO_ROOT, readSdkConfig } from '../config.js';
import { formatProblems } from '../spec/problems.js';
import { extractGitTarget, parseGitTarget } from './git-target.js';
import { publishMain } from './publish.js';
import { diffSpecs, formatDiff } from './spec-diff.js';

export function registerReleaseCommands(program: Command, fromCaller: (p: string) => string) {
  program
    .command('spec-diff')
    .description('print the API changes (and semver bump) between two specs; writes nothing')
    .argument(
      '<old>',
      'api.json, version/service/specs folder, a package (api-snapshot.json), or <rev>:<path> from git',
    )
    .argument('<new>', 'api.json, version/service/specs folder, or a package (api-snapshot.json)')
    .option('--errors <dir>', "errors folder for Tencent's tccli layout (both sides)")
    .action((oldTarget: string, newTarget: string, o: { errors?: string }) => {
      const extracted: { cleanup(): void }[] = [];
      const resolve = (t: string) => {
        const git = parseGitTarget(fromCaller(t)) && parseGitTarget(t);
        if (!git) return fromCaller(t);
        const x = extractGitTarget(git, REPO_ROOT);
        extracted.push(x);
        return x.dir;
      };
      let result: ReturnType<typeof diffSpecs>;
      try {
        result = diffSpecs(
          resolve(oldTarget),
          resolve(newTarget),
          readSdkConfig(),
          o.errors ? fromCaller(o.errors) : undefined,
        );
      } finally {
        for (const x of extracted) x.cleanup();
      }
      const { problems, packages } = result;
      if (problems.length > 0) {
        console.error(formatProblems(problems).replace(', nothing was written', ''));
        process.exitCode = 1;
        return;
      }
      console.log(formatDiff(packages));
    });
  program
    .command('publish')
    .description('changeset publish to the one registry .npmrc or NPM_CONFIG_REGISTRY names')
    .option('--dry-run', 'print the registry settings each tool sees; publish nothing')
    .action((o: { dryRun?: boolean }) => {
      process.exitCode = publishMain({ dryRun: o.dryRun === true });
    });
}
