// ClientToken and call-by-name in generated code: `clientToken: true` in the ActionInfo of every
// action whose input has a ClientToken member, the token sent and kept across a retried attempt
// (emulator), the client's `call(name, input)` typed for known names (tsc over a file whose
// wrong calls are marked as expected errors) and sent with the generated facts, and the action table only in
// client.ts so per-action functions do not bundle it. cvm from the committed specs.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmulatedApiError, type Emulator, startEmulator, TEST_CREDENTIALS } from '@scope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATOR_DIR, REPO_ROOT } from '../src/config.js';
import { actionInfo } from '../src/emit/client/action-info.js';
import type { IrAction } from '../src/ir/model.js';
import { gen, readJson, writeText } from './helpers.js';

const ROOT = path.join(GENERATOR_DIR, '.out/call-by-name'); // inside generator/ so @scope/core resolves
const OUT = path.join(ROOT, 'pkgs');
const CVM = path.join(OUT, 'cvm/src/v20170312');
// biome-ignore lint/suspicious/noExplicitAny: generated modules are imported at run time
let cvm: any;
let emu: Emulator;

/** Actions of the committed cvm spec whose input declares ClientToken, from the spec itself. */
function specClientTokenActions(): string[] {
  const api = readJson(path.join(REPO_ROOT, 'specs/cvm/v20170312/api.json'));
  return Object.entries(api.actions as Record<string, { input: string }>)
    .filter(([, a]) =>
      (api.objects[a.input].members as { name: string }[]).some((m) => m.name === 'ClientToken'),
    )
    .map(([name]) => name)
    .sort();
}

beforeAll(async () => {
  rmSync(ROOT, { recursive: true, force: true });
  cpSync(path.join(REPO_ROOT, 'specs/cvm'), path.join(ROOT, 'specs/cvm'), { recursive: true });
  writeText(
    path.join(ROOT, 'tsconfig.base.json'),
    '{ "extends": "../../../tsconfig.base.json" }\n',
  );
  const r = await gen(path.join(ROOT, 'specs'), OUT);
  expect(r.problems).toEqual([]);
  cvm = await import(path.join(OUT, 'cvm/src/index.ts'));
  emu = await startEmulator({ specs: [path.join(ROOT, 'specs')], credentials: [TEST_CREDENTIALS] });
}, 60_000);
afterAll(async () => {
  await emu?.close();
  rmSync(ROOT, { recursive: true, force: true });
});

const options = { credentials: TEST_CREDENTIALS, region: 'ap-guangzhou' };
/**
 * The first call of `action` answers InternalError, the next ones the default answer. A stub
 * rather than fail(): the emulator keeps the body of requests that reach a stub (a fault answers
 * before the body is parsed), so both attempts' tokens can be read.
 */
function failOnce(action: string) {
  let calls = 0;
  emu.stub(action, (_input, ctx) => {
    calls += 1;
    if (calls === 1) throw new EmulatedApiError('InternalError');
    return emu.sample(ctx.service, action);
  });
}
const tokensOf = (action: string) =>
  emu.requestsFor(action).map((r) => (r.body as { ClientToken?: string }).ClientToken);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ClientToken in generated code', () => {
  it('actionInfo() adds clientToken: true only for actions the IR flags', () => {
    const base: IrAction = {
      name: 'RunThings',
      input: 'RunThingsRequest',
      output: 'RunThingsResponse',
      status: 'online',
      readOnly: false,
      errorCodes: [],
      skipSign: false,
      sse: false,
      rawBody: false,
      outputHasError: false,
    };
    expect(actionInfo(base)).toBe("{ name: 'RunThings' }");
    expect(actionInfo({ ...base, clientToken: true })).toBe(
      "{ name: 'RunThings', clientToken: true }",
    );
  });

  it('every cvm action whose input has ClientToken, and no other, is flagged in actions.ts, the table and the README', () => {
    const expected = specClientTokenActions();
    expect(expected).toContain('RunInstances');
    const flagged = (file: string) =>
      [
        ...readFileSync(path.join(CVM, file), 'utf8').matchAll(
          /name: '(\w+)'[^}]*clientToken: true/g,
        ),
      ]
        .map((m) => m[1])
        .sort();
    expect(flagged('actions.ts')).toEqual(expected);
    expect(flagged('client.ts')).toEqual(expected);
    const readme = readFileSync(path.join(OUT, 'cvm/README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Safe retries'));
    expect(section).toContain('these actions get a ClientToken automatically');
    for (const a of expected) expect(section).toContain(`[${a}](`);
    // The action's TSDoc says it too.
    const actions = readFileSync(path.join(CVM, 'actions.ts'), 'utf8');
    const doc = actions.slice(
      actions.lastIndexOf('/**', actions.indexOf('export function runInstances(')),
    );
    expect(doc).toMatch(/a fresh UUID is filled in, the same for every attempt/);
  });

  it('RunInstances sends one UUID ClientToken, the same on the attempt retried after InternalError', async () => {
    emu.reset();
    failOnce('RunInstances');
    const client = new cvm.CvmClient({ ...options, endpoint: emu.url });
    const out = await client.runInstances({ ImageId: 'img-1' });
    expect(out.RequestId).toEqual(expect.any(String));
    const [first, second, ...more] = tokensOf('RunInstances');
    expect(more).toEqual([]); // the mutation was retried once: it carries a token
    expect(first).toMatch(UUID);
    expect(second).toBe(first);
    // A new call, a new token; a token the caller passes is kept.
    await cvm.runInstances(cvm.createCvmClient({ ...options, endpoint: emu.url }), {
      ClientToken: 'mine',
    });
    const third = emu.requestsFor('RunInstances')[2]!.body as { ClientToken?: string };
    expect(third.ClientToken).toBe('mine');
  });

  it('a mutation without ClientToken is not retried after InternalError and gets no token', async () => {
    emu.reset();
    failOnce('StartInstances');
    const client = new cvm.CvmClient({ ...options, endpoint: emu.url });
    await expect(client.startInstances({ InstanceIds: ['ins-1'] })).rejects.toMatchObject({
      code: 'InternalError',
    });
    const sent = emu.requestsFor('StartInstances');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).not.toHaveProperty('ClientToken');
  });
});

describe('client.call(name, input) in generated clients', () => {
  it('a known name is sent with its generated facts: RunInstances gets a token kept across the retry', async () => {
    emu.reset();
    failOnce('RunInstances');
    const client = new cvm.CvmClient({ ...options, endpoint: emu.url });
    await client.call('RunInstances', { ImageId: 'img-1' });
    const tokens = tokensOf('RunInstances');
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toMatch(UUID);
    expect(tokens[1]).toBe(tokens[0]);
  });

  it('a known read-only name answers typed data; an unknown name still goes out by name', async () => {
    emu.reset();
    const client = new cvm.CvmClient({ ...options, endpoint: emu.url });
    const zones = await client.call('DescribeZones');
    expect(zones.RequestId).toEqual(expect.any(String));
    expect(emu.requestsFor('DescribeZones')).toHaveLength(1);
    // Not in the spec: the emulator answers with its unknown-action error, so the name was sent.
    await expect(client.call('DescribeNotYetGenerated', {})).rejects.toMatchObject({
      code: expect.stringMatching(/^(InvalidAction|UnsupportedOperation|InvalidParameter)/),
    });
    expect(emu.requests.at(-1)?.action).toBe('DescribeNotYetGenerated');
  });

  it('the action table lives only in client.ts: actions.ts and waiters.ts do not import it', () => {
    const client = readFileSync(path.join(CVM, 'client.ts'), 'utf8');
    expect(client).toContain('const ACTION_INFO: Readonly<Record<string, ActionInfo>>');
    expect(client).toContain('protected override actionInfo(name: string): ActionInfo');
    for (const f of ['actions.ts', 'waiters.ts', 'pagination.ts', 'service.ts']) {
      const text = readFileSync(path.join(CVM, f), 'utf8');
      expect(text, f).not.toContain('ACTION_INFO');
      expect(text, f).not.toContain("from './client.js'");
    }
  });

  it('type-checks: known names take their model input and give their model output; wrong ones are errors', () => {
    writeFileSync(
      path.join(OUT, 'call-types.ts'),
      `import { CvmClient, type CvmActionMap, type DescribeZonesResponse } from './cvm/src/index.js';
declare const cvm: CvmClient;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(_: T) => {};
export async function check() {
  const zones = await cvm.call('DescribeZones');
  assert<Equal<typeof zones, DescribeZonesResponse & { RequestId: string }>>(true);
  const zone: string | undefined = zones.ZoneSet?.[0]?.Zone;
  const ins = await cvm.call('DescribeInstances', { Limit: 10 });
  const id: string | undefined = ins.InstanceSet?.[0]?.InstanceId;
  assert<Equal<CvmActionMap['RunInstances']['input'], import('./cvm/src/index.js').RunInstancesRequest>>(true);
  // @ts-expect-error Limit is a number
  await cvm.call('DescribeInstances', { Limit: '10' });
  // @ts-expect-error no such member of DescribeInstancesRequest
  await cvm.call('DescribeInstances', { NoSuchMember: 1 });
  // @ts-expect-error StartInstances requires InstanceIds
  await cvm.call('StartInstances');
  // @ts-expect-error the output of a known name is its model, not any
  (await cvm.call('DescribeZones')).NoSuchOutput;
  // Unknown names: any object in, an untyped record (or the type you give) out.
  const raw = await cvm.call('DescribeSomethingNew', { Anything: [1] });
  assert<Equal<typeof raw, Record<string, unknown> & { RequestId: string }>>(true);
  const typed = await cvm.call<{ Count: number }>('DescribeSomethingNew');
  const c: number = typed.Count;
  const name: string = 'Describe' + 'Dynamic';
  await cvm.call(name, {});
  return [zone, id, c];
}
`,
    );
    writeFileSync(
      path.join(OUT, 'tsconfig.json'),
      JSON.stringify({
        extends: path.join(REPO_ROOT, 'tsconfig.base.json'),
        compilerOptions: {
          noEmit: true,
          skipLibCheck: true,
          typeRoots: [path.join(GENERATOR_DIR, 'node_modules/@types')],
          paths: { '@scope/core': [path.join(REPO_ROOT, 'packages/core/dist/esm/index.d.ts')] },
        },
        include: ['call-types.ts', 'cvm/src/**/*.ts'],
      }),
    );
    const tsc = path.join(GENERATOR_DIR, 'node_modules/typescript/bin/tsc');
    let out = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', OUT], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(out).toBe('');
  }, 120_000);
});
