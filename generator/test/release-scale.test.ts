// Releases at catalogue scale: an upstream update that touches two of 258 services writes two
// changesets and nothing else, and a service code that moved into core's common codes is not a
// removal.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bumpOf, diffSnapshots } from '../src/diff/diff.js';
import { extractGitTarget, parseGitTarget } from '../src/diff/git-target.js';
import { SNAPSHOT_FILE, snapshotOf } from '../src/diff/snapshot.js';
import { diffSpecs } from '../src/diff/spec-diff.js';
import { COMMON_ERROR_CODES } from '../src/spec/common-codes.js';
import { service, version } from './diff-fixtures.js';
import { editJson, gen, readJson, TEST_CONFIG, tempDir } from './helpers.js';

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

describe('api-snapshot.json is committed; the diff from git history agrees with it', () => {
  const SERVICES = ['cam', 'cvm', 'sts', 'tag'];
  const gitEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@localhost',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@localhost',
  };
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' });

  /** A repository holding specs and generated packages of SERVICES, committed. */
  async function released() {
    const root = tempDir('snapshot-exact');
    for (const s of SERVICES)
      cpSync(path.join(REPO_SPECS, s), path.join(root, 'specs', s), { recursive: true });
    const r = await gen(path.join(root, 'specs'), path.join(root, 'packages'), { log: () => {} });
    expect(r.problems).toEqual([]);
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'release');
    return root;
  }

  /** spec-diff from `HEAD:specs/<service>` (the previous release's specs) to the working tree. */
  function fromGit(root: string, service: string) {
    const t = parseGitTarget(`HEAD:specs/${service}`)!;
    const x = extractGitTarget(t, root);
    try {
      return diffSpecs(x.dir, path.join(root, 'specs', service), TEST_CONFIG).packages;
    } finally {
      x.cleanup();
    }
  }

  it('after spec changes, the committed snapshot and HEAD:specs give the same changes, and the changesets list them', async () => {
    const root = await released();
    const specs = path.join(root, 'specs');
    editJson(path.join(specs, 'tag/v20180813/api.json'), (j) => {
      j.actions.DescribeExactProbe = {
        input: 'DescribeExactProbeRequest',
        output: 'DescribeExactProbeResponse',
        status: 'online',
      };
      j.objects.DescribeExactProbeRequest = { type: 'object', members: [], usage: 'in' };
      j.objects.DescribeExactProbeResponse = {
        type: 'object',
        members: [{ name: 'RequestId', type: 'string', member: 'string', output_required: true }],
        usage: 'out',
      };
    });
    editJson(path.join(specs, 'sts/v20180813/api.json'), (j) => {
      delete j.actions[Object.keys(j.actions).sort()[0]!];
    });
    // cvm: every optional input member of one request becomes required (major), and the
    // description overlay of the service changes (patch)
    editJson(path.join(specs, 'cvm/v20170312/api.json'), (j) => {
      for (const m of j.objects.DescribeInstancesRequest.members) m.required = true;
    });
    mkdirSync(path.join(root, '.changeset'));
    writeFileSync(path.join(root, '.changeset/config.json'), '{}');
    const byService = new Map<string, string[]>();
    for (const s of SERVICES) {
      const committed = diffSpecs(
        path.join(root, 'packages', s),
        path.join(specs, s),
        TEST_CONFIG,
      ).packages;
      expect(fromGit(root, s), s).toEqual(committed);
      expect(committed[0]!.bump, s).toBe(
        { cam: undefined, cvm: 'major', sts: 'major', tag: 'minor' }[s],
      );
      byService.set(
        s,
        committed[0]!.changes.map((c) => `- ${c.text}`),
      );
    }
    await gen(specs, path.join(root, 'packages'), { log: () => {} });
    const sets = readdirSync(path.join(root, '.changeset')).filter((f) => f.endsWith('.md'));
    expect(sets).toHaveLength(3);
    for (const s of ['cvm', 'sts', 'tag']) {
      const [file] = sets.filter((f) => f.includes(`-${s}-`));
      const lines = readFileSync(path.join(root, '.changeset', file!), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('- '));
      expect(lines, s).toEqual(byService.get(s));
    }
  });

  it('only the committed snapshot sees a change that comes from the generator, not the specs', async () => {
    const root = await released();
    // What the generator before core's newer common codes wrote for cam: the code in cam's own
    // registry. The specs are the same either side, so HEAD:specs sees nothing; the released
    // snapshot shows what users of the package will see change.
    const file = path.join(root, 'packages/cam', SNAPSHOT_FILE);
    const snap = readJson(file);
    for (const v of Object.values(snap.versions) as { errors: Record<string, string> }[])
      v.errors['RequestLimitExceeded.UinLimitExceeded'] = '';
    writeFileSync(file, `${JSON.stringify(snap, null, 2)}\n`);
    git(root, 'commit', '-q', '-am', 'the older generator');
    const committed = diffSpecs(
      path.join(root, 'packages/cam'),
      path.join(root, 'specs/cam'),
      TEST_CONFIG,
    ).packages;
    expect(committed[0]!.bump).toBe('patch');
    expect(fromGit(root, 'cam')[0]!.bump).toBeUndefined();
  });
});
