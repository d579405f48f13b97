import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CRED, call, errorCode, repoRoot, repoSpecs, upstreamLayout } from './helpers.js';

const cli = resolve(repoRoot, 'packages/testing/dist/esm/cli.js');
let child: ChildProcess | undefined;
// cvm in Tencent's layout (tccli/ + errors/), made from specs/; tag from a specs/ service folder.
const upstream = upstreamLayout(['cvm']);
afterAll(() => {
  child?.kill('SIGTERM');
  rmSync(upstream, { recursive: true, force: true });
});

/** Starts the built CLI and resolves with its port once it prints its listening line. */
function startCli(args: string[]): Promise<{ port: number; line: string }> {
  return new Promise((resolvePort, reject) => {
    const started = performance.now();
    child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        const ms = (performance.now() - started).toFixed(0);
        resolvePort({
          port: Number(m[1]),
          line: `${out.trim()} (process spawn to ready: ${ms} ms)`,
        });
      }
    });
    child.stderr?.on('data', (c: Buffer) => reject(new Error(c.toString())));
    child.on('exit', (code) => reject(new Error(`tc-emulator exited with ${code}: ${out}`)));
  });
}

describe('tc-emulator command line', () => {
  it('serves both spec layouts and checks signatures for the given credentials', async () => {
    expect(existsSync(cli), 'build @scope/testing first (turbo runs build before test)').toBe(true);
    const { port, line } = await startCli([
      '--port',
      '0',
      '--specs',
      upstream,
      '--specs',
      resolve(repoSpecs, 'tag'),
      '--credentials',
      `${CRED.secretId}:${CRED.secretKey}`,
    ]);
    console.log(line);
    expect(line).toContain(': 2 service versions (2 services)');
    expect(line).not.toContain(CRED.secretKey);
    const ok = await call(port, {
      service: 'cvm',
      version: '2017-03-12',
      action: 'DescribeRegions',
    });
    expect(errorCode(ok)).toBeUndefined();
    const tag = await call(port, {
      service: 'tag',
      version: '2018-08-13',
      action: 'DescribeTags',
      cred: { secretId: CRED.secretId, secretKey: 'wrong' },
    });
    expect(errorCode(tag)).toBe('AuthFailure.SignatureFailure');
  });
});
