// waiters.ts: one tree-shakable `waitUntil<Name>(client, input, options)` per waiter of our
// waiters.json overlay, and the same-named client methods. The polling loop, backoff and
// acceptor matching are core's (waitFor); this emits the definitions and thin functions.
import type { IrVersion, IrWaiter, IrWaiterAcceptor } from '../../ir/model.js';
import { MODELS_NS, MODULE, versionFolder } from '../../ir/names.js';
import { inputParam } from '../client/action-info.js';
import type { GeneratedFile, VersionContext } from '../context.js';
import { type CodeBlockWriter, str, type TsEmitter, writeDoc } from '../ts.js';

/** Import specifier of waiters.ts from the other files of its version. */
export const WAITERS_MODULE = './waiters.js';
const NS = 'waiting';

export const hasWaiters = (v: IrVersion) => (v.waiters?.length ?? 0) > 0;

export function emitWaiters(ctx: VersionContext, ts: TsEmitter): GeneratedFile | undefined {
  const { version, svc } = ctx;
  if (!hasWaiters(version)) return undefined;
  const path = `src/${versionFolder(version.apiVersion)}/waiters.ts`;
  const content = ts.emit(path, (w) => {
    w.writeLine(
      `import { type BaseServiceClient, type CallOptions, type WaiterDefinition, type WaiterResult, type WaitOptions, waitFor, type WithRequestId } from '${ctx.coreModule}';`,
    );
    w.writeLine(`import * as op from '${MODULE.actions}';`);
    w.writeLine(`import type * as ${MODELS_NS} from '${MODULE.models}';`);
    for (const waiter of version.waiters!) {
      const a = version.actions.find((x) => x.name === waiter.action)!;
      const fn = ctx.names.action(a.name).fn;
      const def = `${waiter.name}Waiter`;
      w.blankLine();
      w.write(`const ${def}: WaiterDefinition = `).inlineBlock(() => {
        w.writeLine(`name: ${str(waiter.name)},`);
        w.writeLine(`service: ${str(svc.serviceShortName)},`);
        w.writeLine(`action: ${str(waiter.action)},`);
        w.writeLine(`acceptors: [${waiter.acceptors.map(acceptorText).join(', ')}],`);
        w.writeLine(`minDelayMs: ${waiter.minDelayMs},`);
        w.writeLine(`maxDelayMs: ${waiter.maxDelayMs},`);
        w.writeLine(`maxWaitMs: ${waiter.maxWaitMs},`);
      });
      w.write(';').newLine();
      w.blankLine();
      writeDoc(w, waiterDoc(waiter), waiterTags(waiter));
      w.write(
        `export function ${ctx.names.waiter(waiter.name)}(client: BaseServiceClient, ${inputParam(version, a)}, options?: WaitOptions): Promise<WaiterResult<WithRequestId<${MODELS_NS}.${a.output}>>>`,
      ).block(() => {
        w.writeLine(
          `return waitFor(${def}, (o: CallOptions) => op.${fn}(client, input, o), options);`,
        );
      });
    }
  });
  return { path, content };
}

/** Client imports when the version has waiters (`import * as waiting ...`); core's `WaitOptions` too. */
export function waiterImports(version: IrVersion): string[] {
  return hasWaiters(version) ? [`import * as ${NS} from '${WAITERS_MODULE}';`] : [];
}

/** The client's `waitUntil<Name>(input, options)` methods, calling the functions. */
export function writeWaiterMethods(ctx: VersionContext, w: CodeBlockWriter) {
  const { version } = ctx;
  for (const waiter of version.waiters ?? []) {
    const a = version.actions.find((x) => x.name === waiter.action)!;
    const name = ctx.names.waiter(waiter.name);
    w.blankLine();
    writeDoc(w, waiterDoc(waiter), waiterTags(waiter));
    w.write(
      `${name}(${inputParam(version, a)}, options?: WaitOptions): ReturnType<typeof ${NS}.${name}>`,
    ).block(() => {
      w.writeLine(`return ${NS}.${name}(this, input, options);`);
    });
  }
}

function acceptorText(a: IrWaiterAcceptor): string {
  const state = `state: ${str(a.state)}`;
  if ('errors' in a) return `{ ${state}, errors: [${a.errors.map(str).join(', ')}] }`;
  const values = a.values.map((v) => (typeof v === 'string' ? str(v) : String(v))).join(', ');
  const match = a.match ? `, match: ${str(a.match)}` : '';
  return `{ ${state}, path: ${str(a.path)}${match}, values: [${values}] }`;
}

/** Our description, then what the waiter reads and its default timing, from the overlay. */
function waiterDoc(waiter: IrWaiter): string {
  const lines = waiter.acceptors.map((a) => {
    const verdict = a.state === 'retry' ? 'poll again' : a.state;
    if ('errors' in a)
      return `- the error ${a.errors.map((c) => `\`${c}\``).join(' or ')}: ${verdict}`;
    const values = a.values.map((v) => `\`${String(v)}\``);
    const is = values.length === 1 ? `is ${values[0]}` : `is one of ${values.join(', ')}`;
    const each = a.path.includes('[]') ? ((a.match ?? 'all') === 'all' ? 'every ' : 'any ') : '';
    return `- ${each}\`${a.path}\` ${is}: ${verdict}`;
  });
  return [
    waiter.doc ?? `Waits for ${waiter.name}.`,
    '',
    `Polls ${waiter.action} with \`input\`; the first rule that matches decides, anything else polls again:`,
    ...lines,
    '',
    `Defaults: first delay ${ms(waiter.minDelayMs)}, growing to ${ms(waiter.maxDelayMs)}, at most ${ms(waiter.maxWaitMs)} in all (\`options\` overrides them).`,
    `An API error no rule names rejects as it is.`,
  ].join('\n');
}

function waiterTags(waiter: IrWaiter): string[] {
  return [
    '@throws WaiterFailureError when a failure state is reached (`lastState`, `lastOutput`)',
    '@throws WaiterTimeoutError when `maxWaitMs` passes first',
    `@see ${waiter.source}`,
  ];
}

function ms(n: number): string {
  if (n % 3_600_000 === 0) return `${n / 3_600_000} h`;
  if (n % 60_000 === 0) return `${n / 60_000} min`;
  if (n % 1_000 === 0) return `${n / 1_000} s`;
  return `${n} ms`;
}
