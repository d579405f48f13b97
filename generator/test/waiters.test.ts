// Waiters: the waiters.json overlay is validated against the shapes (file + JSON path + what is
// wrong), and the generated waitUntil* functions and client methods reach success, failure and
// timeout against the emulator's scripted states (cvm from the committed specs).
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { EmulatedApiError, type Emulator, startEmulator, TEST_CREDENTIALS } from '@scope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATOR_DIR, REPO_ROOT } from '../src/config.js';
import { catalogueText } from '../src/emit/catalogue/render.js';
import { parseRow } from '../src/emit/catalogue/row.js';
import type { Problem } from '../src/spec/problems.js';
import { editJson, gen, readJson, tempDir, writeText } from './helpers.js';

const CVM_SPECS = path.join(REPO_ROOT, 'specs/cvm');
const FILE = 'cvm/v20170312/waiters.json';

/** A copy of specs/cvm whose waiters.json `edit` changes; the problems of generating it. */
// biome-ignore lint/suspicious/noExplicitAny: tests poke at arbitrary JSON
async function problemsOf(edit: (w: Record<string, any>) => void): Promise<Problem[]> {
  const specs = tempDir('waiter-specs');
  cpSync(CVM_SPECS, path.join(specs, 'cvm'), { recursive: true });
  editJson(path.join(specs, FILE), (j) => edit(j.waiters));
  const r = await gen(specs, tempDir('waiter-out'));
  return r.problems;
}

function expectProblem(problems: Problem[], jsonPath: string, message: RegExp) {
  const p = problems.find((x) => x.path === jsonPath && message.test(x.message));
  expect(p, `${jsonPath} ${message} in ${JSON.stringify(problems, null, 1)}`).toBeDefined();
  expect(p!.file.endsWith(FILE)).toBe(true);
  expect(p!.hint.length).toBeGreaterThan(0);
}

describe('waiters.json validation', () => {
  it('the committed overlays of cvm, cbs, clb, vpc, tke and cdb are valid and name real members', async () => {
    const specs = tempDir('waiter-all');
    for (const s of ['cvm', 'cbs', 'clb', 'vpc', 'tke', 'cdb']) {
      cpSync(path.join(REPO_ROOT, 'specs', s), path.join(specs, s), { recursive: true });
    }
    const r = await gen(specs, tempDir('waiter-all-out'));
    expect(r.problems).toEqual([]);
  }, 60_000);

  it('reports an unknown action, a path that is not in the output, a list read without [] and a scalar read with []', async () => {
    const problems = await problemsOf((w) => {
      w.InstanceRunning.action = 'DescribeInstancez';
      w.InstanceStopped.acceptors[0].path = 'InstanceSet[].InstanceStatus';
      w.InstanceStopped.acceptors[1].path = 'InstanceSet.InstanceState';
      w.InstanceTerminated.acceptors[0].path = 'TotalCount[]';
    });
    expectProblem(
      problems,
      '$.waiters.InstanceRunning.action',
      /unknown action "DescribeInstancez"/,
    );
    expectProblem(
      problems,
      '$.waiters.InstanceStopped.acceptors[0].path',
      /Instance has no member InstanceStatus/,
    );
    expectProblem(
      problems,
      '$.waiters.InstanceStopped.acceptors[1].path',
      /DescribeInstancesResponse.InstanceSet is a list/,
    );
    expectProblem(
      problems,
      '$.waiters.InstanceTerminated.acceptors[0].path',
      /TotalCount is not a list/,
    );
  }, 60_000);

  it('reports values of the wrong type, a path ending at an object, an undeclared code and bad timing', async () => {
    const problems = await problemsOf((w) => {
      w.InstanceRunning.acceptors[0].values = ['RUNNING', 1];
      w.InstanceTerminated.acceptors[0].values = ['0'];
      w.InstanceStopped.acceptors[0].path = 'InstanceSet[].Placement';
      w.InstanceStopped.acceptors.push({ state: 'retry', errors: ['NoSuchCode.Anywhere'] });
      w.ImageAvailable.delay = { minMs: 5000, maxMs: 100 };
      w.ImageAvailable.maxWaitMs = 0;
    });
    expectProblem(
      problems,
      '$.waiters.InstanceRunning.acceptors[0].values[1]',
      /1 is not a string/,
    );
    expectProblem(
      problems,
      '$.waiters.InstanceTerminated.acceptors[0].values[0]',
      /"0" is not an integer/,
    );
    expectProblem(
      problems,
      '$.waiters.InstanceStopped.acceptors[0].path',
      /ends at the object Placement/,
    );
    expectProblem(
      problems,
      '$.waiters.InstanceStopped.acceptors[2].errors[0]',
      /"NoSuchCode.Anywhere" is neither declared/,
    );
    expectProblem(problems, '$.waiters.ImageAvailable.delay.maxMs', /below minMs/);
    expectProblem(problems, '$.waiters.ImageAvailable.maxWaitMs', /positive integer/);
  }, 60_000);

  it('reports unknown keys, a bad state, no success acceptor, a missing source and a bad name', async () => {
    const problems = await problemsOf((w) => {
      w.InstanceRunning.acceptors[0].vaules = ['RUNNING'];
      w.InstanceRunning.acceptors[1].state = 'done';
      w.InstanceStopped.acceptors = [w.InstanceStopped.acceptors[1]];
      delete w.ImageAvailable.source;
      w.instance_gone = w.InstanceTerminated;
    });
    expectProblem(
      problems,
      '$.waiters.InstanceRunning.acceptors[0].vaules',
      /unknown key "vaules"/,
    );
    expectProblem(problems, '$.waiters.InstanceRunning.acceptors[1].state', /unknown state "done"/);
    expectProblem(problems, '$.waiters.InstanceStopped.acceptors', /no acceptor means success/);
    expectProblem(problems, '$.waiters.ImageAvailable.source', /missing or empty "source"/);
    expectProblem(problems, '$.waiters.instance_gone', /not PascalCase/);
  }, 60_000);
});

// Generated inside generator/ so that @scope/core resolves (as in pagination-e2e.test.ts).
const ROOT = path.join(GENERATOR_DIR, '.out/waiters');
// biome-ignore lint/suspicious/noExplicitAny: generated modules are imported at run time
let cvm: any;
let emu: Emulator;

function fakeClock() {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}
const instances = (...states: string[]) => ({
  TotalCount: states.length,
  InstanceSet: states.map((s, i) => ({ InstanceId: `ins-${i}`, InstanceState: s })),
});

beforeAll(async () => {
  rmSync(ROOT, { recursive: true, force: true });
  cpSync(CVM_SPECS, path.join(ROOT, 'specs/cvm'), { recursive: true });
  // generated tsconfigs extend ../../tsconfig.base.json, as they would under packages/
  writeText(
    path.join(ROOT, 'tsconfig.base.json'),
    '{ "extends": "../../../tsconfig.base.json" }\n',
  );
  const r = await gen(path.join(ROOT, 'specs'), path.join(ROOT, 'pkgs'));
  expect(r.problems).toEqual([]);
  cvm = await import(path.join(ROOT, 'pkgs/cvm/src/index.ts'));
  emu = await startEmulator({ specs: [path.join(ROOT, 'specs')], credentials: [TEST_CREDENTIALS] });
}, 60_000);
afterAll(async () => {
  await emu?.close();
  rmSync(ROOT, { recursive: true, force: true });
});

const options = { credentials: TEST_CREDENTIALS, region: 'ap-guangzhou' };

describe('generated waiters against the emulator', () => {
  it('waitUntilInstanceRunning(client, input) polls DescribeInstances with the input until RUNNING', async () => {
    emu.reset();
    emu.script('DescribeInstances', [
      instances('PENDING'),
      instances('PENDING'),
      instances('RUNNING'),
    ]);
    const client = cvm.createCvmClient({ ...options, endpoint: emu.url });
    const clock = fakeClock();
    const res = await cvm.waitUntilInstanceRunning(
      client,
      { InstanceIds: ['ins-0'] },
      { ...clock, random: () => 0 },
    );
    expect(res.state).toBe('success');
    expect(clock.t).toBe(10_000); // the overlay's minMs (5 s) twice: no jitter with random 0
    expect(res.attempts).toBe(3);
    expect(res.output.InstanceSet[0].InstanceState).toBe('RUNNING');
    expect(emu.requestsFor('DescribeInstances').map((r) => r.body)).toEqual([
      { InstanceIds: ['ins-0'] },
      { InstanceIds: ['ins-0'] },
      { InstanceIds: ['ins-0'] },
    ]);
  });

  it('the client method fails with WaiterFailureError (re-exported by the package) on LAUNCH_FAILED', async () => {
    emu.reset();
    emu.script('DescribeInstances', [instances('PENDING'), instances('RUNNING', 'LAUNCH_FAILED')]);
    const client = new cvm.CvmClient({ ...options, endpoint: emu.url });
    const err = await client.waitUntilInstanceRunning({}, fakeClock()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cvm.WaiterFailureError);
    expect(err.waiter).toBe('cvm InstanceRunning');
    expect(err.lastState).toEqual(['RUNNING', 'LAUNCH_FAILED']);
    expect(err.attempts).toBe(2);
  });

  it('times out with WaiterTimeoutError after maxWaitMs of PENDING, polls and waits counted', async () => {
    emu.reset();
    emu.script('DescribeInstances', [instances('PENDING')]);
    const client = new cvm.CvmClient({ ...options, endpoint: emu.url });
    const clock = fakeClock();
    const err = await client
      .waitUntilInstanceRunning({}, { ...clock, maxWaitMs: 60_000 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cvm.WaiterTimeoutError);
    expect(err.lastState).toEqual(['PENDING']);
    expect(clock.t).toBe(60_000);
    expect(emu.requestsFor('DescribeInstances')).toHaveLength(err.attempts);
  });

  it('an API error from a poll rejects as that TencentCloudError; InstanceTerminated succeeds once nothing is listed', async () => {
    emu.reset();
    emu.script('DescribeInstances', [
      instances('RUNNING'),
      new EmulatedApiError('UnauthorizedOperation'),
    ]);
    const client = new cvm.CvmClient({ ...options, endpoint: emu.url });
    const err = await client.waitUntilInstanceStopped({}, fakeClock()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cvm.TencentCloudError);
    expect(err.code).toBe('UnauthorizedOperation');
    emu.reset();
    emu.script('DescribeInstances', [instances('TERMINATING'), instances()]);
    const done = await client.waitUntilInstanceTerminated({ InstanceIds: ['ins-0'] }, fakeClock());
    expect(done.attempts).toBe(2);
  });

  it('every overlay waiter becomes a function and a client method; its definition holds the delays and maximum wait', () => {
    const overlay = readJson(path.join(CVM_SPECS, 'v20170312/waiters.json')).waiters;
    const text = readFileSync(path.join(ROOT, 'pkgs/cvm/src/v20170312/waiters.ts'), 'utf8');
    expect(Object.keys(overlay).sort()).toEqual([
      'ImageAvailable',
      'InstanceRunning',
      'InstanceStopped',
      'InstanceTerminated',
    ]);
    for (const [name, w] of Object.entries<{ delay: Record<string, number>; maxWaitMs: number }>(
      overlay,
    )) {
      expect(typeof cvm[`waitUntil${name}`]).toBe('function');
      expect(typeof cvm.CvmClient.prototype[`waitUntil${name}`]).toBe('function');
      const block = text.slice(text.indexOf(`const ${name}Waiter`));
      expect(block.slice(0, block.indexOf('};'))).toContain(
        `minDelayMs: ${w.delay.minMs},\n  maxDelayMs: ${w.delay.maxMs},\n  maxWaitMs: ${w.maxWaitMs},`,
      );
    }
  });

  it('the package README has a Waiters section listing every waiter, and the catalogue page a waiters column', () => {
    const readme = readFileSync(path.join(ROOT, 'pkgs/cvm/README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Waiters (2017-03-12)'));
    expect(section.length).toBeLessThan(readme.length);
    for (const name of [
      'ImageAvailable',
      'InstanceRunning',
      'InstanceStopped',
      'InstanceTerminated',
    ])
      expect(section).toContain(`| \`waitUntil${name}\` |`);
    expect(section).toMatch(
      /\| `waitUntilInstanceRunning` \| DescribeInstances \| `InstanceSet\[\]\.InstanceState`/,
    );
    // The catalogue page is written with a workspace; render it from the row the manifest keeps.
    const row0 = parseRow(readJson(path.join(ROOT, 'pkgs/cvm/.generated.json')).catalogue)!;
    const catalogue = catalogueText([row0], '@scope');
    expect(catalogue).toContain('| paginated | streaming | waiters |');
    const row = catalogue.split('\n').find((l) => l.startsWith('| [`@scope/cvm`]'))!;
    expect(
      row.endsWith(
        '| `waitUntilImageAvailable`, `waitUntilInstanceRunning`, `waitUntilInstanceStopped`, `waitUntilInstanceTerminated` |',
      ),
    ).toBe(true);
  });
});
