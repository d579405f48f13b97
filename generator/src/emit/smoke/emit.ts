// test/smoke.test.ts: one vitest case per action of every version. Each case calls the action's
// tree-shakable function against the local emulator with the action's minimal valid input and
// checks the typed result against the emulator's deterministic answer; actions flagged `sse` also
// stream one stubbed event through their `...Stream` function. The harness (emulator lifecycle,
// client options, input/answer helpers, the answer check) is smokeHarness in @scope/testing, so
// the emitted file holds only the cases.
import type { IrAction, IrVersion } from '../../ir/model.js';
import { SMOKE_TEST_FILE, testingModule, VersionNames, versionFolder } from '../../ir/names.js';
import type { GeneratedFile, PackageContext } from '../context.js';
import { str, type TsEmitter, writeDoc } from '../ts.js';

export function emitSmokeTest(ctx: PackageContext, ts: TsEmitter): GeneratedFile {
  const { svc } = ctx;
  const service = svc.serviceShortName;
  const sse = svc.versions.some((v) => callable(v).some((a) => a.sse));
  const content = ts.emit(SMOKE_TEST_FILE, (w) => {
    writeDoc(
      w,
      [
        `Smoke test of ${ctx.packageName}: every action of every API version, called through its`,
        'function against the local emulator with its minimal valid input. The typed result must',
        "be the emulator's deterministic answer plus a RequestId.",
      ].join('\n'),
    );
    w.writeLine(`import { fileURLToPath } from 'node:url';`);
    w.writeLine(`import { smokeHarness } from '${testingModule(ctx.scope)}';`);
    w.writeLine(
      `import { afterAll, beforeAll, describe, ${sse ? 'expect, ' : ''}it } from 'vitest';`,
    );
    for (const v of svc.versions) {
      const folder = versionFolder(v.apiVersion);
      w.writeLine(`import * as ${folder} from '../src/${folder}/index.js';`);
    }
    w.blankLine();
    w.write('const smoke = smokeHarness(').inlineBlock(() => {
      w.writeLine(`service: ${str(service)},`);
      w.writeLine(`specs: fileURLToPath(new URL(${str(`../${ctx.specsPath}`)}, import.meta.url)),`);
      w.writeLine(`region: ${str(ctx.defaultRegion)},`);
    });
    w.write(');').newLine();
    w.writeLine('beforeAll(() => smoke.start());');
    w.writeLine('afterAll(() => smoke.stop());');
    for (const v of svc.versions) writeVersion(w, ctx, v);
  });
  return { path: SMOKE_TEST_FILE, content };
}

/** Actions with a smoke case: offline ones cannot be called, raw-body ones take no JSON input. */
function callable(v: IrVersion): IrAction[] {
  return v.actions.filter((a) => a.status !== 'offline' && !a.rawBody);
}

type W = Parameters<Parameters<TsEmitter['emit']>[1]>[0];

function writeVersion(w: W, ctx: PackageContext, v: IrVersion) {
  const names = new VersionNames(ctx.svc, v);
  const ns = versionFolder(v.apiVersion);
  w.blankLine();
  w.write(`describe(${str(`${ctx.svc.serviceShortName} ${v.apiVersion}`)}, () => `).inlineBlock(
    () => {
      const online = callable(v);
      const helpers = online.some((a) => a.sse)
        ? 'input, expectAnswer, streamOnce'
        : 'input, expectAnswer';
      w.writeLine(`const { ${helpers} } = smoke.forVersion(${str(v.apiVersion)});`);
      w.writeLine(`let client: ReturnType<typeof ${ns}.${names.createClient}>;`);
      w.write('beforeAll(() => ').inlineBlock(() => {
        w.writeLine(`client = ${ns}.${names.createClient}(smoke.options());`);
      });
      w.write(');').newLine();
      for (const a of online) writeAction(w, ns, names, a);
      if (online.length === 0) w.writeLine("it.skip('has no callable action', () => {});");
    },
  );
  w.write(');').newLine();
}

function writeAction(w: W, ns: string, names: VersionNames, a: IrAction) {
  const n = names.action(a.name);
  const name = str(a.name);
  w.blankLine();
  w.write(`it(${name}, async () => `).inlineBlock(() => {
    w.writeLine(`const out: ${ns}.${a.output} = await ${ns}.${n.fn}(client, input(${name}));`);
    w.writeLine(`expectAnswer(${name}, out);`);
    if (a.sse) {
      w.writeLine(`const event = streamOnce(${name});`);
      w.writeLine(`const events: Omit<${ns}.${a.output}, 'RequestId'>[] = [];`);
      w.writeLine(
        `for await (const e of await ${ns}.${n.stream}(client, input(${name}))) events.push(e);`,
      );
      w.writeLine('expect(events).toEqual([event]);');
    }
  });
  w.write(');').newLine();
}
