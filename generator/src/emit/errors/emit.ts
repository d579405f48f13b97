// errors.ts: the service's error registry on top of core's common codes, one literal union per
// action, the union of the whole version, a map action -> union, and a guard by service (and
// action) that never checks the code: Tencent's per-action lists are incomplete, so a guard that
// required a listed code would turn real errors into rethrows.

import { versionFiles } from '../../ir/names.js';
import { COMMON_ERROR_SET } from '../../spec/common-codes.js';
import type { GeneratedFile, VersionContext } from '../context.js';
import { str, type TsEmitter, writeDoc } from '../ts.js';

export function emitErrors(ctx: VersionContext, ts: TsEmitter): GeneratedFile {
  const { names, version, svc } = ctx;
  const path = versionFiles(version).errors;
  const content = ts.emit(path, (w) => {
    w.writeLine(
      `import { type CommonErrorCode, defineServiceErrors, isTencentCloudError, type ServiceErrorRegistry, type TencentCloudError } from '${ctx.coreModule}';`,
    );
    w.blankLine();
    writeDoc(
      w,
      `Error codes of ${svc.serviceShortName} ${version.apiVersion} (the common ones live in core) and the codes each action documents.`,
    );
    const compact = encodeActionCodes(
      version.errors.map((e) => e.code),
      version.actions.filter((a) => a.errorCodes.length > 0).map((a) => a.errorCodes),
    );
    w.writeLine(
      compact
        ? `export const ${names.errorsConst}: ServiceErrorRegistry = /* @__PURE__ */ defineServiceErrors(`
        : `export const ${names.errorsConst}: ServiceErrorRegistry = /* @__PURE__ */ defineServiceErrors<Record<string, string>, Record<string, readonly string[]>>(`,
    );
    w.indent(() => {
      w.writeLine(`${str(svc.serviceShortName)},`);
      w.write('').inlineBlock(() => {
        for (const e of version.errors) w.writeLine(`${str(e.code)}: ${str(e.doc ?? '')},`);
      });
      w.write(',').newLine();
      if (compact)
        w.writeLine('// Base-36 indices into the codes above, then into the list below.');
      w.write('').inlineBlock(() => {
        let i = 0;
        for (const a of version.actions) {
          if (a.errorCodes.length === 0) continue;
          const codes = compact
            ? str(compact.lists[i] ?? '')
            : `[${a.errorCodes.map(str).join(', ')}]`;
          w.writeLine(`${a.name}: ${codes},`);
          i++;
        }
      });
      w.write(',').newLine();
      if (compact) w.writeLine(`[${compact.more.map(str).join(', ')}],`);
    });
    w.writeLine(');');
    for (const a of version.actions) {
      const own = a.errorCodes.filter((c) => !COMMON_ERROR_SET.has(c));
      w.blankLine();
      writeDoc(w, `Error codes ${a.name} can return: the common codes and the ones it documents.`);
      w.writeLine(
        `export type ${names.action(a.name).errorCode} = ${['CommonErrorCode', ...own.map(str)].join(' | ')};`,
      );
    }
    w.blankLine();
    writeDoc(
      w,
      `Every code ${svc.serviceShortName} ${version.apiVersion} declares, and the common ones.`,
    );
    w.writeLine(
      `export type ${names.serviceErrorCode} = ${['CommonErrorCode', ...version.errors.map((e) => str(e.code))].join(' | ')};`,
    );
    w.blankLine();
    writeDoc(w, 'The error code union of every action, by action name.');
    w.write(`export interface ${names.errorCodeMap}`).block(() => {
      for (const a of version.actions) w.writeLine(`${a.name}: ${names.action(a.name).errorCode};`);
    });
    const example = version.actions[0]?.name ?? 'Action';
    const open = `${names.serviceErrorCode} | (string & {})`;
    w.blankLine();
    writeDoc(
      w,
      [
        `True when \`err\` is an API error of ${svc.serviceShortName} (given \`action\`: one that action returned),`,
        'whatever its code. The code lists of the spec are incomplete (an action can return codes',
        'its list does not name), so the guard never checks the code. `err.code` is typed with the',
        "listed codes (the action's, the service's and the common ones) for completion and stays",
        'open to any other string; `err.is(prefix)` matches a code and every code below it.',
      ].join('\n'),
      [
        '',
        '@example',
        '```ts',
        `if (${names.errorGuard}(err, '${example}') && err.is('InvalidParameter')) console.log(err.code);`,
        `else if (${names.errorGuard}(err)) console.log('another ${svc.serviceShortName} error', err.code);`,
        '```',
      ],
    );
    w.writeLine(
      `export function ${names.errorGuard}(err: unknown): err is TencentCloudError<${open}>;`,
    );
    w.writeLine(
      `export function ${names.errorGuard}<A extends keyof ${names.errorCodeMap}>(err: unknown, action: A): err is TencentCloudError<${names.errorCodeMap}[A] | ${open}>;`,
    );
    w.write(`export function ${names.errorGuard}(err: unknown, action?: string): boolean`).block(
      () => {
        w.writeLine('if (!isTencentCloudError(err)) return false;');
        w.writeLine(
          `if (err.service !== undefined && err.service !== ${str(svc.serviceShortName)}) return false;`,
        );
        w.writeLine(
          'return action === undefined || err.action === undefined || err.action === action;',
        );
      },
    );
  });
  return { path, content };
}

/**
 * Each action's codes as base-36 indices into `own` (the service's codes, in the order written)
 * followed by `more` (the other codes the actions name, sorted), for core's compact
 * `defineServiceErrors`: the lists are most of a registry's bytes and repeat the same names.
 * `undefined` when a code repeats or is an integer-like key, whose place in `Object.keys` order
 * JavaScript moves (then the lists are written out).
 */
export function encodeActionCodes(
  own: readonly string[],
  lists: readonly (readonly string[])[],
): { lists: string[]; more: string[] } | undefined {
  const ownSet = new Set(own);
  if (ownSet.size !== own.length || own.some((c) => /^(0|[1-9]\d*)$/.test(c))) return undefined;
  const more = [...new Set(lists.flat().filter((c) => !ownSet.has(c)))].sort();
  const index = new Map([...own, ...more].map((c, i) => [c, i.toString(36)]));
  return { lists: lists.map((l) => l.map((c) => index.get(c)).join(' ')), more };
}
