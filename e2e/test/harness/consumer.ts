// The user's side: a fresh folder that installs one package from the local registry, a local
// API server that answers every action, and small ESM and CommonJS programs calling it.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, run } from './run.js';

export function makeConsumer(registry: string, scope: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-consumer-'));
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'e2e-consumer', version: '1.0.0', private: true }),
  );
  // Both the scope and everything else resolve locally: an unexpected third-party dependency
  // fails the install instead of being fetched from the internet.
  writeFileSync(path.join(dir, '.npmrc'), `${scope}:registry=${registry}\nregistry=${registry}\n`);
  return dir;
}

export function npmInstall(dir: string, spec: string) {
  return run(
    'npm',
    ['install', spec, '--no-audit', '--no-fund', '--cache', path.join(dir, '.npm-cache')],
    { cwd: dir, env: cleanEnv() },
  );
}

/** Every installed package name (`@scope/x` or `x`), sorted. */
export function installedPackages(dir: string): string[] {
  const nm = path.join(dir, 'node_modules');
  const out: string[] = [];
  for (const e of readdirSync(nm)) {
    if (e.startsWith('.')) continue;
    if (e.startsWith('@')) for (const s of readdirSync(path.join(nm, e))) out.push(`${e}/${s}`);
    else out.push(e);
  }
  return out.sort();
}

export interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

export function installedManifest(dir: string, name: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8'));
}

export interface SeenRequest {
  action: string | undefined;
  version: string | undefined;
  signed: boolean;
}

/** A stand-in for the API endpoint: answers any action with an empty result. */
export async function startApiServer() {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({
        action: req.headers['x-tc-action'] as string | undefined,
        version: req.headers['x-tc-version'] as string | undefined,
        signed: String(req.headers.authorization ?? '').startsWith('TC3-HMAC-SHA256 '),
      });
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          Response: { TotalCount: 0, RegionSet: [], RequestId: `e2e-${seen.length}` },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Runs a program in the consumer folder with node and parses the JSON line it prints. */
export async function runProgram(dir: string, file: string, source: string, endpoint: string) {
  writeFileSync(path.join(dir, file), source);
  const { stdout } = await run(process.execPath, [file], {
    cwd: dir,
    env: cleanEnv({ E2E_ENDPOINT: endpoint }),
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}
