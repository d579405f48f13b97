// Determinism and regeneration: byte-identical output, --check, skipping unchanged services,
// removing files of removed actions/versions, and never touching hand-written files.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGenerate } from '../src/run.js';
import { SPECS_DIR } from './corpus.js';
import { copyFixtures, editJson, gen, tempDir, writeText } from './helpers.js';

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
    const abs = path.join(dir, rel);
    if (statSync(abs).isFile()) out[rel] = readFileSync(abs, 'utf8');
  }
  return out;
}

describe('regeneration', () => {
  it('gives byte-identical output for the same specs', async () => {
    const specs = copyFixtures();
    const a = tempDir('a');
    const b = tempDir('b');
    await gen(specs, a);
    await gen(specs, b, { force: true });
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('skips a service whose inputs did not change, and --check passes', async () => {
    const specs = copyFixtures();
    const out = tempDir('out');
    await gen(specs, out);
    const again = await gen(specs, out);
    expect(again.packages.map((p) => p.status)).toEqual(['skipped']);
    const check = await gen(specs, out, { check: true });
    expect(check.outOfDate).toEqual([]);
  });

  it('--check lists edited and missing files and writes nothing', async () => {
    const specs = copyFixtures();
    const out = tempDir('out');
    await gen(specs, out);
    writeText(path.join(out, 'demo/src/v20210101/client.ts'), '// edited by hand\n');
    rmSync(path.join(out, 'demo/README.md'));
    const check = await gen(specs, out, { check: true });
    expect(check.outOfDate.sort()).toEqual(['demo/README.md', 'demo/src/v20210101/client.ts']);
    expect(readFileSync(path.join(out, 'demo/src/v20210101/client.ts'), 'utf8')).toBe(
      '// edited by hand\n',
    );
    expect(existsSync(path.join(out, 'demo/README.md'))).toBe(false);
  });

  it('keeps version, changelog and hand-written files; removes what the spec dropped', async () => {
    const specs = copyFixtures();
    const out = tempDir('out');
    await gen(specs, out);
    const pkg = path.join(out, 'demo');
    editJson(path.join(pkg, 'package.json'), (j) => {
      j.version = '1.4.2';
    });
    writeText(path.join(pkg, 'CHANGELOG.md'), '# changelog\n');
    writeText(path.join(pkg, 'src/custom/extra.ts'), 'export const mine = 1;\n');
    // drop an action (and its shapes) and the whole older version
    editJson(path.join(specs, 'demo/v20210101/api.json'), (j) => {
      delete j.actions.StreamChat;
      delete j.objects.StreamChatRequest;
      delete j.objects.StreamChatResponse;
    });
    editJson(path.join(specs, 'demo/v20210101/errors.json'), (j) => {
      delete j.actionFlags.StreamChat;
    });
    rmSync(path.join(specs, 'demo/v20200101'), { recursive: true });
    const r = await gen(specs, out);
    expect(r.problems).toEqual([]);
    const report = r.packages[0]!;
    expect(report.removed.sort()).toContain('src/v20210101/streaming.ts');
    expect(report.removed).toContain('src/v20200101/models.ts');
    expect(existsSync(path.join(pkg, 'src/v20200101'))).toBe(false);
    expect(existsSync(path.join(pkg, 'src/v20210101/streaming.ts'))).toBe(false);
    expect(readFileSync(path.join(pkg, 'src/v20210101/client.ts'), 'utf8')).not.toContain(
      'streamChat',
    );
    expect(JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')).version).toBe('1.4.2');
    expect(readFileSync(path.join(pkg, 'src/v20210101/service.ts'), 'utf8')).toContain(
      "packageVersion: '1.4.2'",
    );
    expect(readFileSync(path.join(pkg, 'CHANGELOG.md'), 'utf8')).toBe('# changelog\n');
    expect(readFileSync(path.join(pkg, 'src/custom/extra.ts'), 'utf8')).toBe(
      'export const mine = 1;\n',
    );
  });

  it('rewrites only the files whose content changed', async () => {
    const specs = copyFixtures();
    const out = tempDir('out');
    await gen(specs, out);
    editJson(path.join(specs, 'demo/v20210101/docs.json'), (j) => {
      j.objects.Widget = 'A widget, described anew.';
    });
    const r = await gen(specs, out);
    const changed = r.packages[0]!.changed;
    expect(changed.filter((f) => f.startsWith('src/') || f.endsWith('.md'))).toEqual([
      'src/v20210101/models.ts',
    ]);
    expect(changed).toContain('.generated.json');
  });

  it('re-exports a hand-written src/custom/index.ts from the package root', async () => {
    const specs = copyFixtures();
    const out = tempDir('out');
    await gen(specs, out);
    const index = path.join(out, 'demo/src/index.ts');
    expect(readFileSync(index, 'utf8')).not.toContain('custom');
    writeText(path.join(out, 'demo/src/custom/index.ts'), 'export const extra = 1;\n');
    const r = await gen(specs, out);
    expect(r.packages[0]!.status).toBe('written');
    expect(readFileSync(index, 'utf8')).toContain("export * from './custom/index.js';");
    const manifest = JSON.parse(readFileSync(path.join(out, 'demo/.generated.json'), 'utf8'));
    expect(manifest.files.some((f: string) => f.startsWith('src/custom'))).toBe(false);
  });

  it('reports, and never deletes, a package whose spec is gone', async () => {
    const specs = copyFixtures();
    const out = tempDir('out');
    await gen(specs, out);
    rmSync(path.join(specs, 'demo'), { recursive: true });
    const r = await gen(specs, out);
    expect(r.orphans).toEqual(['demo']);
    expect(existsSync(path.join(out, 'demo/package.json'))).toBe(true);
  });

  it('writes the same bytes with worker threads as in one thread', async () => {
    const source = { apiDir: SPECS_DIR };
    const services = ['autoscaling', 'sts', 'tag'];
    const one = tempDir('one');
    const two = tempDir('two');
    const config = { scope: '@scope', defaultRegion: 'ap-guangzhou' };
    const a = await runGenerate({ source, outDir: one, config, services, jobs: 1 });
    const b = await runGenerate({ source, outDir: two, config, services, jobs: 2 });
    expect(a.problems).toEqual([]);
    expect(b.packages.map((p) => p.dir)).toEqual(['as', 'sts', 'tag']);
    expect(snapshot(two)).toEqual(snapshot(one));
  }, 60_000);
});
