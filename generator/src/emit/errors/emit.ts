// errors.ts: the service's error registry on top of core's common codes, one literal union per
// action, a map action -> union, and a typed guard.

import { versionFiles } from '../../ir/names.js';
import { COMMON_ERROR_SET } from '../../spec/common-codes.js';
import type { GeneratedFile, VersionContext } from '../context.js';
import { str, type TsEmitter, writeDoc } from '../ts.js';

export function emitErrors(ctx: VersionContext, ts: TsEmitter): GeneratedFile {
  const { names, version, svc } = ctx;
  const path = versionFiles(version).errors;
  const content = ts.emit(path, (w) => {
    w.writeLine(
      `import { type CommonErrorCode, defineServiceErrors, type ServiceErrorRegistry, type TencentCloudError } from '${ctx.coreModule}';`,
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
    writeDoc(w, 'The error code union of every action, by action name.');
    w.write(`export interface ${names.errorCodeMap}`).block(() => {
      for (const a of version.actions) w.writeLine(`${a.name}: ${names.action(a.name).errorCode};`);
    });
    w.blankLine();
    writeDoc(
      w,
      [
        `True when \`err\` is an API error that \`action\` of ${svc.serviceShortName} returned with a code it documents`,
        "(or a common code); narrows `err.code` to that action's union.",
      ].join('\n'),
      [
        '',
        '@example',
        '```ts',
        `if (${names.errorGuard}(err, '${version.actions[0]?.name ?? 'Action'}')) console.log(err.code);`,
        '```',
      ],
    );
    w.write(
      `export function ${names.errorGuard}<A extends keyof ${names.errorCodeMap}>(err: unknown, action: A): err is TencentCloudError<${names.errorCodeMap}[A]>`,
    ).block(() => {
      w.writeLine(`return ${names.errorsConst}.isActionError(err, action);`);
    });
  });
  return { path, content };
}
