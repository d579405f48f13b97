// Unchanged services are skipped on their raw bytes, before parsing (src/unchanged.ts); any
// one-byte change to a spec, errors or docs file, or to the package's version, is regenerated.
import { appendFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGenerate } from '../src/run.js';
import { guessShortName } from '../src/spec/load.js';
import { upstreamLayoutFromSpecs } from './corpus.js';
import { copyFixtures, editJson, gen, TEST_CONFIG, tempDir } from './helpers.js';

describe('skipping unchanged services before parsing', () => {
  it('parses nothing when nothing changed, and a one-byte change regenerates the service', async () => {
    const specs = copyFixtures();
    const out = tempDir('out');
    const first = await gen(specs, out);
    expect(first.parsed).toEqual(['demo']);
    const again = await gen(specs, out);
    expect(again.parsed).toEqual([]);
    expect(again.packages.map((p) => [p.dir, p.status])).toEqual([['demo', 'skipped']]);
    for (const file of ['v20200101/api.json', 'v20210101/errors.json', 'v20210101/docs.json']) {
      appendFileSync(path.join(specs, 'demo', file), ' ');
      const changed = await gen(specs, out);
      expect(changed.problems).toEqual([]);
      expect(changed.parsed).toEqual(['demo']);
      expect(changed.packages[0]?.changed).toContain('.generated.json');
      expect((await gen(specs, out)).parsed).toEqual([]);
    }
  });

  it('regenerates when the package version changes', async () => {
    const specs = copyFixtures();
    const out = tempDir('out');
    await gen(specs, out);
    editJson(path.join(out, 'demo/package.json'), (j) => {
      j.version = '2.0.0';
    });
    const next = await gen(specs, out);
    expect(next.parsed).toEqual(['demo']);
    expect(next.packages[0]?.changed).toContain('.generated.json');
  });

  it('--check and --force still parse, build and compare every service', async () => {
    const specs = copyFixtures();
    const out = tempDir('out');
    await gen(specs, out);
    const check = await gen(specs, out, { check: true });
    expect(check.parsed).toEqual(['demo']);
    expect(check.outOfDate).toEqual([]);
    expect((await gen(specs, out, { force: true })).parsed).toEqual(['demo']);
  });

  it("works in Tencent's layout, where the package and errors file use the short name", async () => {
    // The committed autoscaling facts laid out as Tencent publishes them (errors file `as-*`).
    const { apiDir, errorsDir } = upstreamLayoutFromSpecs(['autoscaling']);
    const errorFiles = readdirSync(errorsDir).filter((f) => f.startsWith('as-'));
    const out = tempDir('out');
    const run = () =>
      runGenerate({ source: { apiDir, errorsDir }, outDir: out, config: TEST_CONFIG });
    const first = await run();
    expect(first.problems).toEqual([]);
    expect(first.packages.map((p) => p.dir)).toEqual(['as']);
    expect((await run()).parsed).toEqual([]);
    expect(errorFiles.length).toBeGreaterThan(0);
    appendFileSync(path.join(errorsDir, errorFiles[0]!), ' ');
    expect((await run()).parsed).toEqual(['autoscaling']);
    expect((await run()).parsed).toEqual([]);
  }, 60_000);

  it('guesses the short name from the first serviceShortName in the text', () => {
    const guess = (text: string) => guessShortName(Buffer.from(text));
    expect(guess('{"metadata": {"serviceShortName" : "as", "x": 1}}')).toBe('as');
    expect(guess('{"metadata": {}}')).toBeUndefined();
  });
});
