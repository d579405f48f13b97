/**
 * Keeps the benchmark scripts from rotting: every part runs with tiny counts (--quick) and must
 * produce well-formed rows. Nothing here measures or compares speed; numbers are only checked
 * to be numbers.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MARK = '@@bench-json ';
const PARTS = ['cold-load', 'sign', 'calls', 'size', 'memory', 'generation'] as const;

interface Row {
  part: string;
  label: string;
  unit: string;
  ours: number;
  ref?: number;
  better: 'lower' | 'higher';
}

function node(args: string[]) {
  return spawnSync(process.execPath, args, {
    cwd: BENCH_DIR,
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
  });
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
