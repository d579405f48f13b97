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
    w.writeLine(
      `export const ${names.errorsConst}: ServiceErrorRegistry = /* @__PURE__ */ defineServiceErrors<Record<string, string>, Record<string, readonly string[]>>(`,
    );
    w.indent(() => {
      w.writeLine(`${str(svc.serviceShortName)},`);
      w.write('').inlineBlock(() => {
        for (const e of version.errors) w.writeLine(`${str(e.code)}: ${str(e.doc ?? '')},`);
      });
      w.write(',').newLine();
      w.write('').inlineBlock(() => {
        for (const a of version.actions) {
          if (a.errorCodes.length === 0) continue;
          w.writeLine(`${a.name}: [${a.errorCodes.map(str).join(', ')}],`);
        }
      });
      w.write(',').newLine();
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
