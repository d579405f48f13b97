// Targeted cases of the API diff, the changeset text and the spec-diff command on real specs.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  changesetName,
  changesetText,
  diffAndWriteChangeset,
  summary,
} from '../src/diff/changeset.js';
import { type ApiChange, bumpOf, diffSnapshots } from '../src/diff/diff.js';
import { apiSnapshotFile, SNAPSHOT_FILE, snapshotOf, snapshotText } from '../src/diff/snapshot.js';
import { diffSpecs, formatDiff } from '../src/diff/spec-diff.js';
import type { IrService } from '../src/ir/model.js';
import { hasCorpus, hasIntlCorpus, NEEDS_CORPUS, UPSTREAM_DIR as UPSTREAM } from './corpus.js';
import {
  action,
  clone,
  int,
  member,
  service,
  shape,
  str,
  version,
  withAction,
} from './diff-fixtures.js';
import { copyFixtures, editJson, gen, TEST_CONFIG, tempDir } from './helpers.js';

const REPO = path.resolve(import.meta.dirname, '../..');

const diff = (a: IrService, b: IrService) =>
  diffSnapshots(snapshotOf('@scope/cvm', a), snapshotOf('@scope/cvm', b));

/** cvm with DescribeInstances(InstanceIds?, Limit?) -> (TotalCount, InstanceSet). */
function base(): IrService {
  let v = version('2017-03-12', { errors: [{ code: 'InvalidInstanceId.Malformed', doc: 'bad' }] });
  v = withAction(v, 'DescribeInstances', [
    member('InstanceIds', { kind: 'list', of: str }),
    member('Limit', int),
  ]);
  v.shapes
    .find((s) => s.name === 'DescribeInstancesResponse')!
    .members.unshift(member('TotalCount', int, { optional: false }));
  v.actions[0]!.errorCodes = ['InvalidInstanceId.Malformed'];
  return service(v);
}
const shapeOf = (s: IrService, name: string) => s.versions[0]!.shapes.find((x) => x.name === name)!;
const req = (s: IrService) => shapeOf(s, 'DescribeInstancesRequest');
const res = (s: IrService) => shapeOf(s, 'DescribeInstancesResponse');

function changed(edit: (s: IrService) => void): ApiChange[] {
  const next = clone(base());
  edit(next);
  return diff(base(), next);
}

describe('api diff: the root version', () => {
  const v = (apiVersion: string, actions: number) =>
    Array.from({ length: actions }, (_, i) => `DescribeThing${i}`).reduce(
      (acc, name) => withAction(acc, name),
      version(apiVersion),
    );
  const rooted = (root: string, ...versions: ReturnType<typeof v>[]): IrService => ({
    ...service(...versions),
    rootVersion: root,
  });

  it('a change of the version the package root exports is major', () => {
    const before = rooted('2018-05-25', v('2018-05-25', 3), v('2022-05-01', 1));
    const after = rooted('2022-05-01', v('2018-05-25', 3), v('2022-05-01', 1));
    expect(diff(before, after)).toEqual([
      {
        level: 'major',
        text: 'Changed the API version the package root exports from 2018-05-25 to 2022-05-01 (breaking)',
      },
    ]);
    expect(bumpOf(diff(after, before))).toBe('major');
  });

  it('a newer, smaller version leaves the root alone: minor', () => {
    const before = rooted('2018-05-25', v('2018-05-25', 3));
    const after = rooted('2018-05-25', v('2018-05-25', 3), v('2022-05-01', 1));
    expect(diff(before, after)).toEqual([{ level: 'minor', text: 'Added API version 2022-05-01' }]);
  });

  it('a snapshot without a root (older format) exported the newest version', () => {
    const now = rooted('2018-05-25', v('2018-05-25', 3), v('2022-05-01', 1));
    const { root: _, ...old } = snapshotOf('@scope/tke', now);
    expect(diffSnapshots(old, snapshotOf('@scope/tke', now))).toEqual([
      {
        level: 'major',
        text: 'Changed the API version the package root exports from 2022-05-01 to 2018-05-25 (breaking)',
      },
    ]);
    const newestRoot = rooted('2022-05-01', v('2018-05-25', 3), v('2022-05-01', 1));
    const { root: __, ...older } = snapshotOf('@scope/tke', newestRoot);
    expect(diffSnapshots(older, snapshotOf('@scope/tke', newestRoot))).toEqual([]);
  });
});

describe('api diff: the rules of the issue', () => {
  it('major: action, member, version removed', () => {
    expect(changed((s) => s.versions[0]!.actions.splice(0, 1))).toContainEqual({
      level: 'major',
      text: 'Removed action DescribeInstances (breaking)',
    });
    expect(changed((s) => req(s).members.splice(0, 1))).toEqual([
      { level: 'major', text: 'Removed member InstanceIds of DescribeInstancesRequest (breaking)' },
    ]);
    const two = service(version('2017-03-12'), version('2021-01-11'));
    expect(diff(two, service(version('2021-01-11')))).toEqual([
      { level: 'major', text: 'Removed API version 2017-03-12 (breaking)' },
    ]);
  });

  it("major: a member's type changed, input became required, output optional or nullable", () => {
    expect(changed((s) => (req(s).members[1]!.type = str))).toEqual([
      {
        level: 'major',
        text: 'Changed the type of member Limit of DescribeInstancesRequest from Int64 to string (breaking)',
      },
    ]);
    expect(changed((s) => (req(s).members[0]!.optional = false))).toEqual([
      {
        level: 'major',
        text: 'Member InstanceIds of DescribeInstancesRequest became required (breaking)',
      },
    ]);
    expect(bumpOf(changed((s) => (res(s).members[0]!.optional = true)))).toBe('major');
    expect(changed((s) => (res(s).members[0]!.nullable = true))).toEqual([
      {
        level: 'major',
        text: 'Member TotalCount of DescribeInstancesResponse became nullable (breaking)',
      },
    ]);
    expect(
      bumpOf(changed((s) => req(s).members.push(member('Zone', str, { optional: false })))),
    ).toBe('major');
  });

  it('minor: action, API version, optional input member, output member, error code added', () => {
    expect(changed((s) => (s.versions[0] = withAction(s.versions[0]!, 'DescribeFoo')))).toEqual([
      { level: 'minor', text: 'Added action DescribeFoo' },
    ]);
    const next = clone(base());
    next.versions.push(version('2021-01-11'));
    expect(diff(base(), next)).toEqual([{ level: 'minor', text: 'Added API version 2021-01-11' }]);
    expect(changed((s) => req(s).members.push(member('Zone')))).toEqual([
      { level: 'minor', text: 'Added optional member Zone of DescribeInstancesRequest' },
    ]);
    expect(changed((s) => res(s).members.push(member('Extra', str, { nullable: true })))).toEqual([
      { level: 'minor', text: 'Added member Extra of DescribeInstancesResponse' },
    ]);
    expect(changed((s) => s.versions[0]!.errors.push({ code: 'ResourceNotFound.Foo' }))).toEqual([
      { level: 'minor', text: 'Added error code ResourceNotFound.Foo' },
    ]);
    expect(changed((s) => s.versions[0]!.actions[0]!.errorCodes.push('LimitExceeded.X'))).toEqual([
      { level: 'minor', text: 'Added error code LimitExceeded.X to action DescribeInstances' },
    ]);
  });

  it('patch: descriptions only; nothing public: no change', () => {
    const docs = changed((s) => {
      s.versions[0]!.actions[0]!.doc = 'Lists instances.';
      req(s).members[0]!.doc = 'IDs.';
      s.versions[0]!.errors[0]!.doc = 'Malformed ID.';
    });
    expect(docs.map((c) => c.level)).toEqual(['patch', 'patch', 'patch']);
    expect(docs.map((c) => c.text)).toContain(
      'Updated the description of member InstanceIds of DescribeInstancesRequest',
    );
    // int64 -> uint64 is the same TypeScript type; order, hashes and transport flags are private
    expect(
      changed((s) => {
        req(s).members[1]!.type = { kind: 'primitive', name: 'uint64' };
        req(s).members.reverse();
        s.versions[0]!.inputHash = 'other';
        s.versions[0]!.actions[0]!.skipSign = true;
        s.versions[0]!.actions[0]!.readOnly = false;
      }),
    ).toEqual([]);
  });

  it('names the version when the package has several', () => {
    const a = service(version('2019-07-11'), withAction(version('2021-01-11'), 'SendSms'));
    const b = clone(a);
    b.versions[0] = withAction(b.versions[0]!, 'SendSms');
    expect(diff(a, b)).toEqual([{ level: 'minor', text: 'Added action SendSms in 2019-07-11' }]);
  });

  it('lists breaking changes first', () => {
    const changes = changed((s) => {
      s.versions[0] = withAction(s.versions[0]!, 'DescribeFoo');
      s.versions[0]!.actions[0]!.doc = 'x';
      req(s).members.splice(1, 1);
    });
    expect(changes.map((c) => c.level)).toEqual(['major', 'minor', 'patch']);
  });

  it('a type shared by inputs and outputs must stay compatible both ways', () => {
    const a = service(version('2017-03-12', { shapes: [shape('Tag', 'both', [member('Key')])] }));
    const b = clone(a);
    b.versions[0]!.shapes[0]!.members[0]!.optional = false;
    expect(bumpOf(diff(a, b))).toBe('major');
    expect(bumpOf(diff(b, a))).toBe('major');
  });

  it('paginators and streaming variants: added is minor, removed is major', () => {
    const a = service(version('2017-03-12', { actions: [action('ChatCompletions')] }));
    const b = clone(a);
    b.versions[0]!.actions[0]!.sse = true;
    expect(diff(a, b)).toEqual([
      { level: 'minor', text: 'Added a streaming variant of action ChatCompletions' },
    ]);
    expect(bumpOf(diff(b, a))).toBe('major');
  });
});

describe('api diff: waiters', () => {
  const waiter = (name: string, action = 'DescribeInstances', maxWaitMs = 600_000) => ({
    name,
    action,
    source: 'test',
    minDelayMs: 1000,
    maxDelayMs: 10_000,
    maxWaitMs,
    acceptors: [
      { state: 'success' as const, path: 'InstanceSet[].InstanceState', values: ['RUNNING'] },
    ],
  });
  const withWaiters = (...ws: ReturnType<typeof waiter>[]) => {
    const s = clone(base());
    s.versions[0]!.waiters = ws;
    return s;
  };

  it('the snapshot records waiters (action and definition hash), and none when a version has none', () => {
    expect(snapshotOf('@scope/cvm', base()).versions['2017-03-12']!.waiters).toBeUndefined();
    const w = snapshotOf('@scope/cvm', withWaiters(waiter('InstanceRunning'))).versions[
      '2017-03-12'
    ]!.waiters;
    expect(w).toEqual({
      InstanceRunning: expect.stringMatching(/^DescribeInstances def:[0-9a-f]{10}$/),
    });
  });

  it('added is minor, removed or polling another action is major, new states or timing are a patch', () => {
    expect(diff(base(), withWaiters(waiter('InstanceRunning')))).toEqual([
      { level: 'minor', text: 'Added waiter InstanceRunning' },
    ]);
    expect(diff(withWaiters(waiter('InstanceRunning')), base())).toEqual([
      { level: 'major', text: 'Removed waiter InstanceRunning (breaking)' },
    ]);
    expect(
      bumpOf(diff(withWaiters(waiter('A')), withWaiters(waiter('A', 'DescribeInstancesStatus')))),
    ).toBe('major');
    expect(
      diff(withWaiters(waiter('A')), withWaiters(waiter('A', 'DescribeInstances', 1_000))),
    ).toEqual([{ level: 'patch', text: 'Updated the states or timing of waiter A' }]);
    expect(diff(withWaiters(waiter('A')), withWaiters(waiter('A')))).toEqual([]);
  });

  it('adding a waiter writes a minor changeset, removing it a major one', () => {
    const root = tempDir('changeset-waiters');
    mkdirSync(path.join(root, '.changeset'));
    writeFileSync(path.join(root, '.changeset/config.json'), '{}');
    const pkgDir = path.join(root, 'packages/cvm');
    mkdirSync(pkgDir, { recursive: true });
    const files = (s: IrService) => [apiSnapshotFile('@scope/cvm', s)];
    writeFileSync(path.join(pkgDir, SNAPSHOT_FILE), files(base())[0]!.content);
    const added = diffAndWriteChangeset({
      pkgDir,
      files: files(withWaiters(waiter('InstanceRunning'))),
      log: () => {},
    });
    expect(added?.bump).toBe('minor');
    expect(readFileSync(added!.file, 'utf8')).toContain('- Added waiter InstanceRunning');
    writeFileSync(
      path.join(pkgDir, SNAPSHOT_FILE),
      files(withWaiters(waiter('InstanceRunning')))[0]!.content,
    );
    const removed = diffAndWriteChangeset({ pkgDir, files: files(base()), log: () => {} });
    expect(removed?.bump).toBe('major');
    expect(readFileSync(removed!.file, 'utf8')).toContain('"@scope/cvm": major');
  });
});

describe('changesets', () => {
  const changes: ApiChange[] = [
    { level: 'minor', text: 'Added action DescribeFoo' },
    { level: 'patch', text: 'Updated the description of action DescribeBar' },
  ];

  it('names exactly one package with its bump, the change list as the summary', () => {
    expect(changesetText('@scope/cvm', 'minor', changes)).toBe(
      [
        '---',
        '"@scope/cvm": minor',
        '---',
        '',
        'API update from the spec: 1 added, 1 description update.',
        '',
        '- Added action DescribeFoo',
        '- Updated the description of action DescribeBar',
        '',
      ].join('\n'),
    );
  });

  it('sums up long runs of description updates, never breaking changes', () => {
    const many: ApiChange[] = [
      ...Array.from({ length: 30 }, (_, i) => ({ level: 'major' as const, text: `M${i}` })),
      ...Array.from({ length: 30 }, (_, i) => ({ level: 'patch' as const, text: `P${i}` })),
    ];
    const text = summary(many);
    expect(text).toContain('- M29\n');
    expect(text).toContain('- P19\n');
    expect(text).not.toContain('- P20\n');
    expect(text).toContain('…and 10 more description updates');
  });

  it('has a deterministic name per (old, new) pair', () => {
    expect(changesetName('@scope/cvm', 'a', 'b')).toBe(changesetName('@scope/cvm', 'a', 'b'));
    expect(changesetName('@scope/cvm', 'a', 'b')).not.toBe(changesetName('@scope/cvm', 'a', 'c'));
    expect(changesetName('@scope/cvm', 'a', 'b')).toMatch(/^api-scope-cvm-[0-9a-f]{8}\.md$/);
  });

  it('diffAndWriteChangeset: none for a new package or an unchanged API, one otherwise', () => {
    const root = tempDir('changeset');
    mkdirSync(path.join(root, '.changeset'));
    writeFileSync(path.join(root, '.changeset/config.json'), '{}');
    const pkgDir = path.join(root, 'packages/cvm');
    mkdirSync(pkgDir, { recursive: true });
    const files = (s: IrService) => [apiSnapshotFile('@scope/cvm', s)];
    const listed = () =>
      readdirSync(path.join(root, '.changeset')).filter((f) => f !== 'config.json');

    expect(diffAndWriteChangeset({ pkgDir, files: files(base()) })).toBeUndefined();
    writeFileSync(path.join(pkgDir, SNAPSHOT_FILE), files(base())[0]!.content);
    const reordered = clone(base());
    req(reordered).members.reverse();
    expect(diffAndWriteChangeset({ pkgDir, files: files(reordered) })).toBeUndefined();
    expect(listed()).toEqual([]);

    const next = clone(base());
    next.versions[0] = withAction(next.versions[0]!, 'DescribeFoo');
    const r = diffAndWriteChangeset({ pkgDir, files: files(next), log: () => {} });
    expect(r?.bump).toBe('minor');
    expect(listed()).toEqual([path.basename(r!.file)]);
    expect(readFileSync(r!.file, 'utf8')).toContain('"@scope/cvm": minor');
    // the same change again: the same file, not a second one
    diffAndWriteChangeset({ pkgDir, files: files(next), log: () => {} });
    expect(listed()).toHaveLength(1);
  });

  it('writes nothing when no .changeset folder is above the package', () => {
    const pkgDir = tempDir('nochangeset');
    writeFileSync(path.join(pkgDir, SNAPSHOT_FILE), snapshotText(snapshotOf('@scope/cvm', base())));
    const next = clone(base());
    next.versions[0] = withAction(next.versions[0]!, 'DescribeFoo');
    expect(
      diffAndWriteChangeset({ pkgDir, files: [apiSnapshotFile('@scope/cvm', next)] }),
    ).toBeUndefined();
  });

  it('the snapshot file is already formatted the way biome formats it', () => {
    const text = snapshotText(snapshotOf('@scope/cvm', base()));
    const r = spawnSync(
      path.join(REPO, 'node_modules/.bin/biome'),
      ['format', `--stdin-file-path=packages/cvm/${SNAPSHOT_FILE}`],
      { cwd: REPO, input: text, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(text);
  });
});

describe('spec-diff on real specs', () => {
  it.skipIf(!hasCorpus)(
    `the repository cvm spec has the same API as upstream: descriptions only ${NEEDS_CORPUS}`,
    () => {
      const r = diffSpecs(
        path.join(REPO, 'specs/cvm'),
        path.join(UPSTREAM, 'tccli/cvm'),
        TEST_CONFIG,
        path.join(UPSTREAM, 'errors'),
      );
      expect(r.problems).toEqual([]);
      expect(r.packages).toHaveLength(1);
      // Our waiters.json overlay is not in tccli's files: its waiters read as removed. Every
      // other change is a description.
      const changes = r.packages[0]!.changes;
      const ours = changes.filter((c) => /^Removed waiter \w+ \(breaking\)$/.test(c.text));
      expect(ours.map((c) => c.text)).toContain('Removed waiter InstanceRunning (breaking)');
      expect(bumpOf(changes.filter((c) => !ours.includes(c)))).toBe('patch');
    },
  );

  it('a cvm subset that removes actions is major, named in plain words', () => {
    // specs/cvm with two actions (and their Request/Response shapes) taken out.
    const subset = tempDir('cvm-subset');
    cpSync(path.join(REPO, 'specs/cvm/v20170312'), subset, { recursive: true });
    editJson(path.join(subset, 'api.json'), (api) => {
      for (const name of ['DescribeAccountQuota', 'AllocateHosts']) {
        delete api.actions[name];
        delete api.objects[`${name}Request`];
        delete api.objects[`${name}Response`];
      }
    });
    const r = diffSpecs(path.join(REPO, 'specs/cvm/v20170312/api.json'), subset, TEST_CONFIG);
    expect(r.problems).toEqual([]);
    const text = formatDiff(r.packages);
    expect(text).toMatch(/^@scope\/cvm: major \(2 changes\)/);
    expect(text).toContain('  - Removed action DescribeAccountQuota (breaking)');
    expect(text).toContain('  - Removed action AllocateHosts (breaking)');
  });

  it.skipIf(!hasIntlCorpus)(
    `the international cvm subset removes actions: major, named in plain words ${NEEDS_CORPUS}`,
    () => {
      const r = diffSpecs(
        path.join(UPSTREAM, 'tccli/cvm/v20170312/api.json'),
        path.join(UPSTREAM, 'tccli-intl-en/cvm/v20170312/api.json'),
        TEST_CONFIG,
      );
      expect(r.problems).toEqual([]);
      const text = formatDiff(r.packages);
      expect(text).toMatch(/^@scope\/cvm: major \(\d+ changes\)/);
      expect(text).toContain('  - Removed action DescribeAccountQuota (breaking)');
    },
  );

  it('a new API version of sms with more actions becomes the root: major', () => {
    const r = diffSpecs(
      path.join(REPO, 'specs/sms/v20190711'),
      path.join(REPO, 'specs/sms'),
      TEST_CONFIG,
    );
    expect(formatDiff(r.packages)).toBe(
      '@scope/sms: major (2 changes)\n' +
        '  - Changed the API version the package root exports from 2019-07-11 to 2021-01-11 (breaking)\n' +
        '  - Added API version 2021-01-11',
    );
  });

  it('a whole specs folder against itself: no change anywhere', () => {
    const r = diffSpecs(path.join(REPO, 'specs'), path.join(REPO, 'specs'), TEST_CONFIG);
    expect(r.problems).toEqual([]);
    expect(r.packages.length).toBeGreaterThan(5);
    expect(r.packages.every((p) => p.bump === undefined)).toBe(true);
  });
});

describe('pnpm generate writes changesets', () => {
  const changesets = (root: string) =>
    readdirSync(path.join(root, '.changeset')).filter((f) => f.endsWith('.md'));

  it('one changeset for exactly the changed package, with the bump and the change list', async () => {
    const specs = copyFixtures();
    const root = tempDir('gen-changeset');
    mkdirSync(path.join(root, '.changeset'));
    writeFileSync(path.join(root, '.changeset/config.json'), '{}');
    const out = path.join(root, 'packages');
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    await gen(specs, out, { log });
    // a new package is published at its initial version: no changeset
    expect(readFileSync(path.join(out, 'demo', SNAPSHOT_FILE), 'utf8')).toContain('"@scope/demo"');
    expect(changesets(root)).toEqual([]);

    editJson(path.join(specs, 'demo/v20210101/api.json'), (j) => {
      j.actions.DescribeGadgets = {
        input: 'DescribeGadgetsRequest',
        output: 'DescribeGadgetsResponse',
        status: 'online',
      };
      j.objects.DescribeGadgetsRequest = { type: 'object', members: [] };
      j.objects.DescribeGadgetsResponse = {
        type: 'object',
        members: [{ name: 'RequestId', type: 'string', member: 'string', output_required: true }],
      };
    });
    const check = await gen(specs, out, { check: true, log });
    expect(check.outOfDate).toContain(path.join('demo', SNAPSHOT_FILE));
    expect(changesets(root)).toEqual([]); // --check writes nothing
    await gen(specs, out, { log });
    const [name] = changesets(root);
    expect(changesets(root)).toHaveLength(1);
    expect(readFileSync(path.join(root, '.changeset', name!), 'utf8')).toBe(
      [
        '---',
        '"@scope/demo": minor',
        '---',
        '',
        'API update from the spec: 1 added.',
        '',
        '- Added action DescribeGadgets in 2021-01-01',
        '',
      ].join('\n'),
    );
    expect(lines.join('\n')).toContain(
      `changeset .changeset/${name}: @scope/demo minor (1 change)`,
    );
    // regenerating the same specs adds nothing
    await gen(specs, out, { force: true, log });
    expect(changesets(root)).toHaveLength(1);
    // the package's snapshot against the specs: what generate diffed, now nothing left
    expect(formatDiff(diffSpecs(path.join(out, 'demo'), specs, TEST_CONFIG).packages)).toBe(
      '@scope/demo: no public API change',
    );
  });
});
