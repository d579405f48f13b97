// Releases at catalogue scale: an upstream update that touches two of 258 services writes two
// changesets and nothing else, and a service code that moved into core's common codes is not a
// removal.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bumpOf, diffSnapshots } from '../src/diff/diff.js';
import { SNAPSHOT_FILE, snapshotOf } from '../src/diff/snapshot.js';
import { COMMON_ERROR_CODES } from '../src/spec/common-codes.js';
import { service, version } from './diff-fixtures.js';
import { editJson, gen, tempDir } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const REPO_SPECS = path.join(REPO, 'specs');

describe("error codes that moved into core's common codes", () => {
  const withCode = (code: string) =>
    snapshotOf('@scope/cam', service(version('2019-01-16', { errors: [{ code }] })));
  const without = snapshotOf('@scope/cam', service(version('2019-01-16')));

  it('cam RequestLimitExceeded.UinLimitExceeded leaving the service registry is a patch, not major', () => {
    const changes = diffSnapshots(withCode('RequestLimitExceeded.UinLimitExceeded'), without);
    expect(changes).toEqual([
      {
        level: 'patch',
        text: "Error code RequestLimitExceeded.UinLimitExceeded is now one of core's common codes",
      },
    ]);
  });

  it('any common code leaving a service is never major; any other code removed still is', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMMON_ERROR_CODES), (code) => {
        expect(bumpOf(diffSnapshots(withCode(code), without))).toBe('patch');
      }),
    );
    fc.assert(
      fc.property(
        fc
          .stringMatching(/^[A-Z][a-zA-Z]{2,12}\.[A-Z][a-zA-Z]{2,12}$/)
          .filter((c) => !COMMON_ERROR_CODES.includes(c)),
        (code) => {
          expect(bumpOf(diffSnapshots(withCode(code), without))).toBe('major');
        },
      ),
    );
  });
});

describe('an upstream catalogue update', () => {
  it('two services changed out of 258: exactly two changesets, with their bumps; none for the others', async () => {
    const root = tempDir('catalogue-update');
    const specs = path.join(root, 'specs');
    cpSync(REPO_SPECS, specs, { recursive: true });
    const services = readdirSync(specs).filter((d) => !d.startsWith('.'));
    expect(services.length).toBeGreaterThanOrEqual(258);
    const out = path.join(root, 'packages');
    // The released state: every package generated once (new packages get no changeset).
    const first = await gen(specs, out, { log: () => {} });
    expect(first.problems).toEqual([]);
    // The workspace's changeset folder (the generator writes where it finds config.json).
    const cs = path.join(root, '.changeset');
    mkdirSync(cs);
    cpSync(path.join(REPO, '.changeset/config.json'), path.join(cs, 'config.json'));
    expect(first.packages).toHaveLength(services.length);
    for (const p of first.packages)
      expect(existsSync(path.join(out, p.dir, SNAPSHOT_FILE)), p.dir).toBe(true);

    // tag gains an action (minor); sts loses one (major)
    editJson(path.join(specs, 'tag/v20180813/api.json'), (j) => {
      j.actions.DescribeCatalogueProbe = {
        input: 'DescribeCatalogueProbeRequest',
        output: 'DescribeCatalogueProbeResponse',
        status: 'online',
      };
      j.objects.DescribeCatalogueProbeRequest = { type: 'object', members: [], usage: 'in' };
      j.objects.DescribeCatalogueProbeResponse = {
        type: 'object',
        members: [{ name: 'RequestId', type: 'string', member: 'string', output_required: true }],
        usage: 'out',
      };
    });
    let removed = '';
    editJson(path.join(specs, 'sts/v20180813/api.json'), (j) => {
      removed = Object.keys(j.actions).sort().at(-1)!;
      delete j.actions[removed];
    });

    const lines: string[] = [];
    const second = await gen(specs, out, { log: (l) => lines.push(l) });
    expect(second.problems).toEqual([]);
    // only the two changed services were even parsed
    expect(second.parsed.sort()).toEqual(['sts', 'tag']);
    const written = readdirSync(cs)
      .filter((f) => f.endsWith('.md'))
      .sort();
    expect(written).toHaveLength(2);
    const texts = written.map((f) => readFileSync(path.join(cs, f), 'utf8'));
    const bumps = Object.fromEntries(
      texts.map((t) => {
        const m = /^---\n"(@scope\/[a-z0-9-]+)": (major|minor|patch)\n---\n/.exec(t);
        expect(m, t).not.toBeNull();
        return [m![1]!, m![2]!];
      }),
    );
    expect(bumps).toEqual({ '@scope/sts': 'major', '@scope/tag': 'minor' });
    expect(texts.join('\n')).toContain('- Added action DescribeCatalogueProbe\n');
    expect(texts.join('\n')).toContain(`- Removed action ${removed} (breaking)\n`);
    expect(lines.filter((l) => l.includes('changeset .changeset/'))).toHaveLength(2);
  }, 180_000);
});
