// service.ts (service facts + a bare client factory), actions.ts (one tree-shakable function per
// action) and client.ts (the client class with one method per action).
import { MODELS_NS, MODULE, versionFiles, versionFolder } from '../../ir/names.js';
import type { GeneratedFile, VersionContext } from '../context.js';
import { type CodeBlockWriter, str, type TsEmitter, writeDoc } from '../ts.js';
import { hasWaiters, waiterImports, writeWaiterMethods } from '../waiters/emit.js';
import {
  actionDoc,
  actionInfo,
  actionTags,
  eventType,
  explorerTag,
  inputParam,
  inputType,
  outputType,
} from './action-info.js';

export function emitService(ctx: VersionContext, ts: TsEmitter): GeneratedFile {
  const { names, version, svc } = ctx;
  const path = versionFiles(version).service;
  const base = baseClient(ctx);
  const content = ts.emit(path, (w) => {
    w.writeLine(
      `import { ${base}, type ClientOptions, type ServiceInfo } from '${ctx.coreModule}';`,
    );
    w.blankLine();
    writeDoc(
      w,
      `Service facts of ${svc.serviceShortName} ${version.apiVersion} sent with every call.`,
    );
    w.write(`export const ${names.serviceConst}: ServiceInfo = `).inlineBlock(() => {
      w.writeLine(`service: ${str(svc.serviceShortName)},`);
      w.writeLine(`version: ${str(version.apiVersion)},`);
      w.writeLine(`packageName: ${str(ctx.packageName)},`);
      w.writeLine(`packageVersion: ${str(ctx.packageVersion)},`);
    });
    w.write(';').newLine();
    w.blankLine();
    writeDoc(
      w,
      [
        `A client without per-action methods, for the tree-shakable functions:`,
        `\`${firstFn(ctx)}(${names.createClient}(), input)\` bundles only the actions you import.`,
      ].join('\n'),
    );
    w.write(`export function ${names.createClient}(options?: ClientOptions): ${base}`).block(() => {
      w.writeLine(`return new ${base}(${names.serviceConst}, options);`);
    });
  });
  return { path, content };
}

/** Core's streaming-free client unless the version streams: keeps SSE code out of bundles. */
function baseClient(ctx: VersionContext): 'BaseServiceClient' | 'ServiceClient' {
  return ctx.version.actions.some((a) => a.sse) ? 'ServiceClient' : 'BaseServiceClient';
}

function firstFn(ctx: VersionContext): string {
  const a = ctx.version.actions[0];
  return a ? ctx.names.action(a.name).fn : 'action';
}

export function emitActions(ctx: VersionContext, ts: TsEmitter): GeneratedFile {
  const { names, version } = ctx;
  const path = versionFiles(version).actions;
  const content = ts.emit(path, (w) => {
    w.writeLine(
      `import type { BaseServiceClient, CallOptions, WithRequestId } from '${ctx.coreModule}';`,
    );
    w.writeLine(`import type * as ${MODELS_NS} from '${MODULE.models}';`);
    for (const a of version.actions) {
      const n = names.action(a.name);
      w.blankLine();
      const doc = actionDoc(ctx, a);
      writeDoc(w, doc.text, doc.tags);
      w.write(
        `export function ${n.fn}(client: BaseServiceClient, ${inputParam(version, a, true)}, options?: CallOptions): Promise<${outputType(a)}>`,
      ).block(() => {
        w.writeLine(`return client.request(${actionInfo(a)}, input, options);`);
      });
    }
    if (version.actions.length === 0) w.writeLine('export {};');
  });
  return { path, content };
}

export function emitClient(ctx: VersionContext, ts: TsEmitter): GeneratedFile {
  const { names, version, svc } = ctx;
  const path = versionFiles(version).client;
  const hasPaging = version.actions.some((a) => a.pagination);
  const hasStream = version.actions.some((a) => a.sse);
  const content = ts.emit(path, (w) => {
    const base = baseClient(ctx);
    const core = [
      base,
      'type ActionInfo',
      'type CallOptions',
      'type ClientOptions',
      'type WithRequestId',
    ];
    if (hasStream) core.push('type EventStream');
    if (hasPaging) core.push('type PaginateOptions');
    if (hasWaiters(version)) core.push('type WaitOptions');
    w.writeLine(`import { ${core.join(', ')} } from '${ctx.coreModule}';`);
    w.writeLine(`import * as op from '${MODULE.actions}';`);
    w.writeLine(`import type * as ${MODELS_NS} from '${MODULE.models}';`);
    if (hasPaging) w.writeLine(`import * as paging from '${MODULE.pagination}';`);
    w.writeLine(`import { ${names.serviceConst} } from '${MODULE.service}';`);
    if (hasStream) w.writeLine(`import * as streaming from '${MODULE.streaming}';`);
    for (const line of waiterImports(version)) w.writeLine(line);
    writeActionTable(ctx, w);
    w.blankLine();
    writeDoc(
      w,
      `${svc.doc ? `${firstLine(svc.doc)}\n\n` : ''}Client of ${svc.serviceShortName} API ${version.apiVersion}: one method per action.${version.apiVersion === svc.rootVersion ? '' : `\nThe package root exports API ${svc.rootVersion}; this version is at \`${ctx.packageName}/${versionFolder(version.apiVersion)}\`.`}`,
    );
    w.write(`export class ${names.client} extends ${base}`).block(() => {
      w.write('constructor(options?: ClientOptions)').block(() => {
        w.writeLine(`super(${names.serviceConst}, options);`);
      });
      writeCallByName(ctx, w);
      for (const a of version.actions) {
        const n = names.action(a.name);
        const input = inputParam(version, a);
        w.blankLine();
        const doc = actionDoc(ctx, a);
        writeDoc(w, doc.text, doc.tags);
        w.write(
          `${n.fn}(${inputParam(version, a, true)}, options?: CallOptions): Promise<${outputType(a)}>`,
        ).block(() => {
          w.writeLine(`return op.${n.fn}(this, input, options);`);
        });
        if (a.pagination) {
          for (const [name, doc] of [
            [n.paginate, `Every item of every page of ${a.name}, fetched as you iterate.`],
            [n.pages, `Every page of ${a.name}, fetched as you iterate.`],
          ] as const) {
            w.blankLine();
            writeDoc(w, doc, [explorerTag(ctx, a), ...actionTags(a)]);
            w.write(
              `${name}(${input}, options?: PaginateOptions): ReturnType<typeof paging.${name}>`,
            ).block(() => {
              w.writeLine(`return paging.${name}(this, input, options);`);
            });
          }
        }
        if (a.sse) {
          w.blankLine();
          writeDoc(w, `${a.name} answering with server-sent events, one typed event per chunk.`, [
            explorerTag(ctx, a),
            ...actionTags(a),
          ]);
          w.write(
            `${n.stream}(${input}, options?: CallOptions): Promise<EventStream<${eventType(a)}>>`,
          ).block(() => {
            w.writeLine(`return streaming.${n.stream}(this, input, options);`);
          });
        }
      }
      writeWaiterMethods(ctx, w);
    });
  });
  return { path, content };
}

/** Local names of client.ts for the call-by-name table and its argument type. */
const TABLE = 'ACTION_INFO';
const CALL_ARGS = 'CallArgs';

/**
 * The input and output of every action by name (exported, for `call`), and the ActionInfo of
 * every action: only here, since the class already imports every action, so a per-action
 * function never bundles the table.
 */
function writeActionTable(ctx: VersionContext, w: CodeBlockWriter) {
  const { names, version } = ctx;
  w.blankLine();
  writeDoc(
    w,
    `Input and output of every action of ${ctx.svc.serviceShortName} ${version.apiVersion}, by name: types \`${names.client}.call(name, input)\`.`,
  );
  w.write(`export interface ${names.actionMap}`).block(() => {
    for (const a of version.actions)
      w.writeLine(
        `${a.name}: { input: ${inputType(version, a, true)}; output: ${MODELS_NS}.${a.output} };`,
      );
  });
  w.blankLine();
  w.writeLine(
    '/** `[input, options]` of call(name): the input may be left out when nothing is required. */',
  );
  w.writeLine(
    `type ${CALL_ARGS}<I> = {} extends I ? [input?: I, options?: CallOptions] : [input: I, options?: CallOptions];`,
  );
  w.blankLine();
  w.writeLine('/** The generated facts of each action, for call(name). */');
  w.write(`const ${TABLE}: Readonly<Record<string, ActionInfo>> = `).inlineBlock(() => {
    for (const a of version.actions) w.writeLine(`${a.name}: ${actionInfo(a)},`);
  });
  w.write(';').newLine();
}

/** The typed `call` overloads and the `actionInfo` override that hands call() the table's facts. */
function writeCallByName(ctx: VersionContext, w: CodeBlockWriter) {
  const { names } = ctx;
  const map = names.actionMap;
  w.blankLine();
  writeDoc(
    w,
    [
      'Calls an action by name. A name of this API version is typed by its models (input and output) and',
      'sent with its generated facts (read-only, ClientToken, ...); any other name (an action newer than',
      'this package) is sent as is, its output untyped.',
    ].join('\n'),
  );
  w.writeLine(
    `override call<K extends keyof ${map}>(action: K, ...args: ${CALL_ARGS}<${map}[K]['input']>): Promise<WithRequestId<${map}[K]['output']>>;`,
  );
  w.writeLine(
    `override call<O = Record<string, unknown>, N extends string = string>(action: N extends keyof ${map} ? never : N, input?: object, options?: CallOptions): Promise<WithRequestId<O>>;`,
  );
  w.write(
    'override call(action: string, input?: object, options?: CallOptions): Promise<WithRequestId<unknown>>',
  ).block(() => {
    w.writeLine('return super.call(action, input, options);');
  });
  w.blankLine();
  writeDoc(w, 'The generated ActionInfo of a known action; the name alone tells the rest.');
  w.write('protected override actionInfo(name: string): ActionInfo').block(() => {
    w.writeLine(
      `return (Object.hasOwn(${TABLE}, name) ? ${TABLE}[name] : undefined) ?? super.actionInfo(name);`,
    );
  });
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
