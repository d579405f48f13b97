// pagination.ts: Describe-style actions (Offset/Limit or NextToken in, TotalCount or NextToken
// and exactly one list out) get async iterators over pages and over items. The paging loop is
// core's (paginateOffset/paginateToken/paginateItems); this only names the list member.
import type { IrAction, IrType } from '../../ir/model.js';
import { MODELS_NS, MODULE, typeText, versionFiles } from '../../ir/names.js';
import { actionTags, inputParam, outputType } from '../client/action-info.js';
import type { GeneratedFile, VersionContext } from '../context.js';
import { type CodeBlockWriter, str, type TsEmitter, writeDoc } from '../ts.js';

export function emitPagination(ctx: VersionContext, ts: TsEmitter): GeneratedFile | undefined {
  const { version } = ctx;
  const actions = version.actions.filter((a) => a.pagination);
  if (actions.length === 0) return undefined;
  const path = versionFiles(version).pagination;
  const kinds = new Set(actions.map((a) => a.pagination!.kind));
  const usesInt64 = actions.some((a) => itemType(a.pagination!.itemType) === 'Int64');
  const content = ts.emit(path, (w) => {
    const core = ['type BaseServiceClient', 'type CallOptions', 'paginateItems'];
    if (usesInt64) core.push('type Int64');
    if (kinds.has('offset')) core.push('paginateOffset');
    if (kinds.has('token')) core.push('paginateToken');
    core.push('type WithRequestId');
    w.writeLine(`import { ${core.join(', ')} } from '${ctx.coreModule}';`);
    w.writeLine(`import * as op from '${MODULE.actions}';`);
    w.writeLine(`import type * as ${MODELS_NS} from '${MODULE.models}';`);
    for (const a of actions) writeAction(ctx, w, a);
  });
  return { path, content };
}

function writeAction(ctx: VersionContext, w: CodeBlockWriter, a: IrAction) {
  const p = a.pagination!;
  const n = ctx.names.action(a.name);
  const input = inputParam(ctx.version, a);
  const helper = p.kind === 'offset' ? 'paginateOffset' : 'paginateToken';
  w.blankLine();
  writeDoc(w, `Every page of ${a.name}, fetched one call at a time as you iterate.`, actionTags(a));
  w.write(
    `export function ${n.pages}(client: BaseServiceClient, ${input}, options?: CallOptions): AsyncGenerator<${outputType(a)}, void, undefined>`,
  ).block(() => {
    w.writeLine(
      `return ${helper}((page: ${MODELS_NS}.${a.input}, o?: CallOptions) => op.${n.fn}(client, page, o), input, { listKey: ${str(p.items)} }, options);`,
    );
  });
  w.blankLine();
  writeDoc(w, `Every item of \`${p.items}\` over all pages of ${a.name}.`, actionTags(a));
  w.write(
    `export function ${n.paginate}(client: BaseServiceClient, ${input}, options?: CallOptions): AsyncGenerator<${itemType(p.itemType)}, void, undefined>`,
  ).block(() => {
    w.writeLine(`return paginateItems(${n.pages}(client, input, options), ${str(p.items)});`);
  });
}

function itemType(t: IrType): string {
  return t.kind === 'ref' ? `${MODELS_NS}.${t.name}` : typeText(t);
}
