// test/smoke.test.ts: one vitest case per action of every version. Each case calls the action's
// tree-shakable function against the local emulator (@scope/testing) with the action's minimal
// valid input and checks the typed result against the emulator's deterministic answer; actions
// flagged `sse` also stream one stubbed event through their `...Stream` function.
import type { IrAction, IrVersion } from '../../ir/model.js';
import { SMOKE_TEST_FILE, testingModule, VersionNames, versionFolder } from '../../ir/names.js';
import type { GeneratedFile, PackageContext } from '../context.js';
import { str, type TsEmitter, writeDoc } from '../ts.js';

export function emitSmokeTest(ctx: PackageContext, ts: TsEmitter): GeneratedFile {
  const { svc } = ctx;
  const service = svc.serviceShortName;
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
    w.writeLine(
      `import { type Emulator, startEmulator, TEST_CREDENTIALS } from '${testingModule(ctx.scope)}';`,
    );
    w.writeLine(`import { afterAll, beforeAll, describe, expect, it } from 'vitest';`);
    for (const v of svc.versions) {
      const folder = versionFolder(v.apiVersion);
      w.writeLine(`import * as ${folder} from '../src/${folder}/index.js';`);
    }
    w.blankLine();
    w.writeLine(`const SERVICE = ${str(service)};`);
    w.writeLine(
      `const SPECS = fileURLToPath(new URL(${str(`../${ctx.specsPath}`)}, import.meta.url));`,
    );
    w.writeLine(`const REGION = ${str(ctx.defaultRegion)};`);
    w.blankLine();
    w.writeLine('let emu: Emulator;');
    w.write('beforeAll(async () => ').inlineBlock(() => {
      w.writeLine(
        'emu = await startEmulator({ specs: [SPECS], credentials: [TEST_CREDENTIALS] });',
      );
    });
    w.write(');').newLine();
    w.writeLine('afterAll(() => emu?.close());');
    w.blankLine();
    writeDoc(w, 'Client options pointing at the emulator.');
    w.write('function options()').block(() => {
      w.writeLine('return { endpoint: emu.url, credentials: TEST_CREDENTIALS, region: REGION };');
    });
    w.blankLine();
    writeDoc(w, 'Helpers bound to one API version.');
    w.write('function forVersion(version: string)').block(() => {
      w.write('return ').inlineBlock(() => {
        writeDoc(
          w,
          "The emulator's smallest valid input, typed as the function's input (the emulator checks it).",
        );
        w.writeLine(
          'input: <T>(action: string): T => emu.minimalInput(SERVICE, action, version) as T,',
        );
        writeDoc(w, "The emulator's default answer for the action, without RequestId.");
        w.writeLine('answer: (action: string) => emu.sample(SERVICE, action, version),');
        writeDoc(w, 'A successful result: a RequestId string and exactly the default answer.');
        w.write('expectAnswer(action: string, result: { RequestId: string }) ').inlineBlock(() => {
          w.writeLine('const { RequestId, ...payload } = result;');
          w.writeLine("expect(RequestId).toBeTypeOf('string');");
          w.writeLine('expect(payload).toEqual(emu.sample(SERVICE, action, version));');
          w.writeLine('expect(emu.requests.at(-1)?.action).toBe(action);');
        });
        w.write(',').newLine();
      });
      w.write(';').newLine();
    });
    for (const v of svc.versions) writeVersion(w, ctx, v);
  });
  return { path: SMOKE_TEST_FILE, content };
}

type W = Parameters<Parameters<TsEmitter['emit']>[1]>[0];

function writeVersion(w: W, ctx: PackageContext, v: IrVersion) {
  const names = new VersionNames(ctx.svc, v);
  const ns = versionFolder(v.apiVersion);
  w.blankLine();
  w.write(`describe(${str(`${ctx.svc.serviceShortName} ${v.apiVersion}`)}, () => `).inlineBlock(
    () => {
      const helpers = v.actions.some((a) => a.sse)
        ? 'input, answer, expectAnswer'
        : 'input, expectAnswer';
      w.writeLine(`const { ${helpers} } = forVersion(${str(v.apiVersion)});`);
      w.writeLine(`let client: ReturnType<typeof ${ns}.${names.createClient}>;`);
      w.write('beforeAll(() => ').inlineBlock(() => {
        w.writeLine(`client = ${ns}.${names.createClient}(options());`);
      });
      w.write(');').newLine();
      const online = v.actions.filter((a) => a.status !== 'offline' && !a.rawBody);
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
      w.writeLine(`const event = answer(${name});`);
      w.writeLine(`emu.stubStream(${name}, [event], { service: SERVICE, times: 1 });`);
      w.writeLine(`const events: Omit<${ns}.${a.output}, 'RequestId'>[] = [];`);
      w.writeLine(
        `for await (const e of await ${ns}.${n.stream}(client, input(${name}))) events.push(e);`,
      );
      w.writeLine('expect(events).toEqual([event]);');
    }
  });
  w.write(');').newLine();
}
