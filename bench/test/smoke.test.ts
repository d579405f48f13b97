/**
 * Keeps the benchmark scripts from rotting: every part runs with tiny counts (--quick) and must
 * produce well-formed rows. Nothing here measures or compares speed; numbers are only checked
 * to be numbers.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MARK = '@@bench-json ';
const PARTS = ['cold-load', 'sign', 'calls', 'runtimes', 'size', 'memory', 'generation'] as const;

interface Row {
  part: string;
  label: string;
  unit: string;
  ours: number;
  ref?: number;
  better: 'lower' | 'higher';
}

function node(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, args, {
    cwd: BENCH_DIR,
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
    env,
  });
}

function partRows(stdout: string): Row[] {
  const line = stdout.split('\n').find((l) => l.startsWith(MARK));
  expect(line).toBeDefined();
  return (JSON.parse((line as string).slice(MARK.length)) as { rows: Row[] }).rows;
}

describe('bench parts run with tiny counts', () => {
  for (const part of PARTS) {
    it(`${part} produces well-formed rows`, { timeout: 180_000 }, () => {
      const r = node([`${part}.mjs`, '--json', '--quick']);
      expect(r.stderr).not.toMatch(/Error/);
      expect(r.status).toBe(0);
      const line = r.stdout.split('\n').find((l) => l.startsWith(MARK));
      expect(line).toBeDefined();
      const { rows } = JSON.parse((line as string).slice(MARK.length)) as { rows: Row[] };
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.part).toBe(part);
        expect(row.label).not.toBe('');
        expect(['lower', 'higher']).toContain(row.better);
        expect(Number.isFinite(row.ours)).toBe(true);
        if (row.ref !== undefined) expect(Number.isFinite(row.ref)).toBe(true);
      }
    });
  }
});

describe('runtimes part without a usable Bun or Deno', () => {
  it('prints a row saying why for each runtime and still measures Node', {
    timeout: 60_000,
  }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rt-'));
    try {
      // Starts (answers --version) but fails whatever it is asked to run.
      const broken = path.join(dir, 'broken-deno');
      fs.writeFileSync(
        broken,
        '#!/bin/sh\n[ "$1" = --version ] && { echo "deno 0.0.0"; exit 0; }\necho "boom: cannot run" >&2\nexit 3\n',
        { mode: 0o755 },
      );
      const env = { ...process.env, BENCH_BUN: path.join(dir, 'missing-bun'), BENCH_DENO: broken };
      const r = node(['runtimes.mjs', '--json', '--quick'], env);
      expect(r.status).toBe(0);
      const labels = partRows(r.stdout).map((row) => row.label);
      expect(labels).toContain(`bun: not run, ${path.join(dir, 'missing-bun')} does not exist`);
      expect(labels).toContain('deno 0.0.0: calls FAILED, deno run failed: boom: cannot run');
      expect(labels).toContain('deno 0.0.0: cold start FAILED, deno run failed: boom: cannot run');
      const nodeRows = partRows(r.stdout).filter((row) => row.label.startsWith('node '));
      expect(nodeRows).toHaveLength(4);
      for (const row of nodeRows) expect(Number.isFinite(row.ours)).toBe(true);
      // The table renders rows without figures.
      const text = node(['runtimes.mjs', '--quick'], env);
      expect(text.status).toBe(0);
      expect(text.stdout).toMatch(/^\| runtimes \| bun: not run, .+ \| — \| — \| — \|/m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('run.mjs', () => {
  it('prints the machine and a table for --only, and writes nothing with --quick', () => {
    const r = node(['run.mjs', '--only', 'sign', '--quick']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Machine: .+ cores, .+Node v\d+/m);
    expect(r.stdout).toMatch(/^\| Part \| Measure \| Ours \|/m);
    expect(r.stdout).toMatch(/^\| sign \| TC3 sign/m);
    expect(r.stderr).not.toMatch(/wrote bench\/RESULTS\.md/);
  });

  it('rejects an unknown part', () => {
    const r = node(['run.mjs', '--only', 'nope', '--quick']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown part "nope"/);
  });
});
