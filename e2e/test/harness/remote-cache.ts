// A real turbo remote cache: turborepo-remote-cache (a devDependency of this package) on
// 127.0.0.1 with a static token and its artifacts in a temp folder, stopped by its own process
// id. Turbo reaches it through TURBO_API, TURBO_TOKEN and TURBO_TEAM.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv } from './run.js';
import { freePort } from './verdaccio.js';

const require = createRequire(import.meta.url);
const BIN = path.join(
  path.dirname(require.resolve('turborepo-remote-cache/package.json')),
  'dist/cli.js',
);

export interface RemoteCache {
  /** What a CI runner sets to share the cache. */
  env: { TURBO_API: string; TURBO_TOKEN: string; TURBO_TEAM: string };
  /** Artifacts stored so far (one file per task hash). */
  artifacts(): string[];
  stop(): Promise<void>;
}

export async function startRemoteCache(): Promise<RemoteCache> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-remote-cache-'));
  const port = await freePort();
  const token = 'e2e-remote-cache-token';
  const team = 'e2e';
  const child: ChildProcess = spawn(process.execPath, [BIN], {
    cwd: dir,
    env: cleanEnv({
      HOST: '127.0.0.1',
      PORT: String(port),
      TURBO_TOKEN: token,
      STORAGE_PROVIDER: 'local',
      STORAGE_PATH: path.join(dir, 'storage'),
      STORAGE_PATH_USE_TMP_FOLDER: 'false',
      LOG_LEVEL: 'warn',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const orphanGuard = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', orphanGuard);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid!, 'SIGTERM');
      await exited;
    }
    process.off('exit', orphanGuard);
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`turborepo-remote-cache exited early:\n${output}`);
    try {
      const r = await fetch(`${url}/v8/artifacts/status`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`turborepo-remote-cache did not answer on ${url} within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const storage = path.join(dir, 'storage', team);
  return {
    env: { TURBO_API: url, TURBO_TOKEN: token, TURBO_TEAM: team },
    artifacts: () => {
      try {
        return readdirSync(storage).sort();
      } catch {
        return [];
      }
    },
    stop,
  };
}
