// Shared test helpers: fixture paths, temp folders and a generate() wrapper.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { type RunOptions, runGenerate } from '../src/run.js';

export const FIXTURE_SPECS = path.join(import.meta.dirname, 'fixtures/specs');
export const GOLDEN = path.join(import.meta.dirname, 'fixtures/golden');
export const TEST_CONFIG = { scope: '@scope', defaultRegion: 'ap-guangzhou' };

const created: string[] = [];
// Each test file imports this module afresh, so this removes that file's temp folders.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tcgen-${prefix}-`));
  created.push(dir);
  return dir;
}

/** A writable copy of the fixture specs, to mutate in a test. */
export function copyFixtures(): string {
  const dir = tempDir('specs');
  cpSync(FIXTURE_SPECS, dir, { recursive: true });
  return dir;
}

export function gen(specsDir: string, outDir: string, extra: Partial<RunOptions> = {}) {
  return runGenerate({
    source: { apiDir: specsDir },
    outDir,
    config: TEST_CONFIG,
    jobs: 1,
    ...extra,
  });
}

// biome-ignore lint/suspicious/noExplicitAny: tests poke at arbitrary JSON
export function readJson(file: string): any {
  return JSON.parse(readFileSync(file, 'utf8'));
}

// biome-ignore lint/suspicious/noExplicitAny: tests poke at arbitrary JSON
export function editJson(file: string, edit: (json: any) => void) {
  const json = readJson(file);
  edit(json);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

export function writeText(file: string, text: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
