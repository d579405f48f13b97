// A throw-away npm registry: verdaccio 6.8.0 (the last that runs on Node 20; node-fetch pinned
// because 6.8.0's range resolves to a tag that does not exist), installed once into the cache,
// started on 127.0.0.1 with its storage in a temp folder and no uplinks (nothing leaves the
// machine, nothing is fetched), and stopped by its own process id.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CACHE, cleanEnv, run } from './run.js';

const VERSION = '6.8.0';
const INSTALL_DIR = path.join(CACHE, `verdaccio-${VERSION}`);
const BIN = path.join(INSTALL_DIR, 'node_modules/verdaccio/bin/verdaccio');

/** Installs verdaccio into the cache unless a previous run did (about 25 s cold). */
export async function installVerdaccio(): Promise<string> {
  if (existsSync(BIN)) return BIN;
  mkdirSync(CACHE, { recursive: true });
  const tmp = mkdtempSync(path.join(CACHE, 'verdaccio-install-'));
  writeFileSync(
    path.join(tmp, 'package.json'),
    JSON.stringify({
      name: 'e2e-verdaccio',
      private: true,
      dependencies: { verdaccio: VERSION },
      overrides: { 'node-fetch': '2.7.0' },
    }),
  );
  // The public registry, explicitly: this install is the only thing that uses it.
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--registry=https://registry.npmjs.org/'],
    { cwd: tmp, timeoutMs: 300_000 },
  );
  if (existsSync(BIN)) rmSync(tmp, { recursive: true, force: true });
  else renameSync(tmp, INSTALL_DIR); // atomic: a half-done install is never picked up
  return BIN;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Registry {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startVerdaccio(bin: string): Promise<Registry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-registry-'));
  const port = await freePort();
  const config = path.join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(path.join(dir, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(path.join(dir, 'htpasswd'))}`,
      '    max_users: -1',
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $all',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: pretty, level: warn }',
      `listen: 127.0.0.1:${port}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(process.execPath, [bin, '--config', config], {
    cwd: dir,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  // If the test process dies without afterAll, do not leave the registry running.
  const orphanGuard = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', orphanGuard);
  const url = `http://127.0.0.1:${port}/`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid!, 'SIGTERM');
      const t = setTimeout(
        () => child.exitCode === null && process.kill(child.pid!, 'SIGKILL'),
        5000,
      );
      await exited;
      clearTimeout(t);
    }
    process.off('exit', orphanGuard);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited early:\n${output}`);
    try {
      const r = await fetch(`${url}-/ping`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`verdaccio did not answer on ${url} within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: child.pid!, stop };
}
