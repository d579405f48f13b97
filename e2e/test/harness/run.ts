// Child processes for the release test: a clean environment (no registry or pnpm/turbo settings
// inherited from whatever started the test) and asynchronous runs, so that servers living in
// the test process keep answering while a child is busy.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../../..');
/**
 * The cvm spec the release test extends with a new action, in Tencent's layout: the committed
 * facts, since a clone has no Tencent files (the importer passes facts through unchanged).
 */
export const CVM_SPEC = {
  api: path.join(REPO, 'specs/cvm/v20170312/api.json'),
  errors: path.join(REPO, 'specs/cvm/v20170312/errors.json'),
};
/** Reused between runs (git-ignored): the verdaccio install and turbo's cache. */
export const CACHE = path.join(REPO, '.tmp/e2e-cache');

/** The npm scope, read from the one place that sets it. */
export const SCOPE = (
  JSON.parse(readFileSync(path.join(REPO, 'sdk.config.json'), 'utf8')) as { scope: string }
).scope;

const INHERITED = /^(npm_|pnpm_(?!home$)|turbo_|vitest|init_cwd$|node_options$)/i;

/** process.env without anything that could point a tool at another registry or workspace. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!INHERITED.test(k)) env[k] = v;
  return {
    ...env,
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    NO_UPDATE_NOTIFIER: '1',
    npm_config_update_notifier: 'false',
    FORCE_COLOR: '0',
    ...extra,
  };
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a command; rejects with its output when it fails. */
export function run(
  cmd: string,
  args: readonly string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      {
        cwd: opts.cwd,
        env: opts.env ?? cleanEnv(),
        timeout: opts.timeoutMs ?? 180_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        if (err) {
          const tail = (s: string) => s.split('\n').slice(-40).join('\n');
          reject(
            new Error(
              `${cmd} ${args.join(' ')} failed in ${opts.cwd}: ${err.message}\n--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}`,
            ),
          );
        } else resolve({ stdout, stderr });
      },
    );
    child.stdin?.end(); // not a terminal: changesets skips its 2FA prompt
  });
}
