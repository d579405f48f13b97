// Writes runtimes/results.json when the run ends: per runtime (one describe block each), what
// its suite recorded in .results/<id>.json (version printed by the binary, transport,
// credentials seen) and the state of each of its tests. Runtimes this run did not include
// (a filtered run) keep their previous entry, and so do tests a name filter (-t) skipped. src/table.mjs turns the file into the README table.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { RUNTIMES_DIR } from '../src/binaries.mjs';

const RESULTS = join(RUNTIMES_DIR, 'results.json');
const ORDER = ['node22', 'node24', 'node26', 'bun', 'deno', 'workerd', 'edge-light'];

interface Entry {
  id: string;
  label?: string;
  tests: Record<string, string>;
  passed: boolean;
  [k: string]: unknown;
}

export default class ResultsReporter implements Reporter {
  /** A run filtered by test name (`-t`) skips the other tests: they keep their recorded state. */
  #byName = false;

  onInit(vitest: Vitest): void {
    this.#byName = Boolean(vitest.config.testNamePattern);
  }

  /** What the suites write there is this run's only. */
  onTestRunStart(): void {
    rmSync(join(RUNTIMES_DIR, '.results'), { recursive: true, force: true });
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const ran = new Map<string, Record<string, string>>();
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const top = test.fullName.split(' > ')[0] ?? '';
        const tests = ran.get(top) ?? {};
        const state = test.result().state;
        if (this.#byName && state === 'skipped') continue;
        tests[test.name] = state;
        ran.set(top, tests);
      }
    }
    if (ran.size === 0) return;

    const previous: Entry[] = existsSync(RESULTS)
      ? (JSON.parse(readFileSync(RESULTS, 'utf8')).runtimes ?? [])
      : [];
    const byId = new Map(previous.map((e) => [e.id, e]));
    for (const [id, tests] of ran) {
      // A runtime's suites leave a file; other describe blocks (the table's own test) do not.
      const metaFile = join(RUNTIMES_DIR, '.results', `${id}.json`);
      const suitesFile = join(RUNTIMES_DIR, '.results', `${id}.suites.json`);
      if (!existsSync(metaFile) && !existsSync(suitesFile)) continue;
      const meta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : { id };
      if (existsSync(suitesFile)) meta.suites = JSON.parse(readFileSync(suitesFile, 'utf8'));
      // Keep the other file's tests of the same runtime (node22: scenarios + Node suites).
      const old = byId.get(id);
      const merged = { ...(old?.tests ?? {}), ...tests };
      const passed = Object.values(merged).every((s) => s === 'passed');
      byId.set(id, { ...(old ?? {}), ...meta, tests: merged, passed });
    }
    const runtimes = [...byId.values()].sort(
      (a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id),
    );
    const doc = {
      about:
        'Written by the runtimes/ test run (pnpm --filter @tc-sdk/runtimes test); src/table.mjs prints the README table.',
      runtimes,
    };
    writeFileSync(RESULTS, `${JSON.stringify(doc, null, 2)}\n`);
  }
}

function rank(id: string): number {
  const i = ORDER.indexOf(id);
  return i === -1 ? ORDER.length : i;
}
