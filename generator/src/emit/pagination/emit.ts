// pagination.ts: every action that ir/pagination.ts found paged (offset, page number or token)
// gets async iterators over pages and over items. The paging loop and its stopping rules are
// core's (paginateOffset/paginatePage/paginateToken/paginateItems); this only names the members.
import type { IrAction, IrPagination, IrType } from '../../ir/model.js';
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
    if (kinds.has('page')) core.push('paginatePage');
    if (kinds.has('token')) core.push('paginateToken');
    core.push('type PaginateOptions');
    core.push('type WithRequestId');
    w.writeLine(`import { ${core.join(', ')} } from '${ctx.coreModule}';`);
    w.writeLine(`import * as op from '${MODULE.actions}';`);
    w.writeLine(`import type * as ${MODELS_NS} from '${MODULE.models}';`);
    for (const a of actions) writeAction(ctx, w, a);
  });
  return { path, content };
}

const HELPER = { offset: 'paginateOffset', page: 'paginatePage', token: 'paginateToken' } as const;

function writeAction(ctx: VersionContext, w: CodeBlockWriter, a: IrAction) {
  const p = a.pagination!;
  const n = ctx.names.action(a.name);
  const input = inputParam(ctx.version, a);
  w.blankLine();
  writeDoc(
    w,
    `Every page of ${a.name}, fetched one call at a time as you iterate.${howDoc(p)}`,
    actionTags(a),
  );
  w.write(
    `export function ${n.pages}(client: BaseServiceClient, ${input}, options?: PaginateOptions): AsyncGenerator<${outputType(a)}, void, undefined>`,
  ).block(() => {
    w.writeLine(
      `return ${HELPER[p.kind]}((page: ${MODELS_NS}.${a.input}, o?: CallOptions) => op.${n.fn}(client, page, o), input, ${specText(ctx, a, p)}, options);`,
    );
  });
  w.blankLine();
  writeDoc(w, `Every item of \`${p.items}\` over all pages of ${a.name}.`, actionTags(a));
  w.write(
    `export function ${n.paginate}(client: BaseServiceClient, ${input}, options?: PaginateOptions): AsyncGenerator<${itemType(p.itemType)}, void, undefined>`,
  ).block(() => {
    w.writeLine(`return paginateItems(${n.pages}(client, input, options), ${str(p.items)});`);
  });
}

/** Core's spec object: only what differs from the helper's defaults, so old paginators read as before. */
function specText(ctx: VersionContext, a: IrAction, p: IrPagination): string {
  const f: [string, string | number | boolean | null][] = [['listKey', p.items]];
  if (p.kind === 'offset') {
    if (p.cursor && p.cursor !== 'Offset') f.push(['offsetKey', p.cursor]);
    if (p.size && p.size !== 'Limit') f.push(['limitKey', p.size]);
    if (p.total !== 'TotalCount') f.push(['totalKey', p.total ?? null]);
  } else if (p.kind === 'page') {
    if (p.cursor && p.cursor !== 'PageNumber') f.push(['pageKey', p.cursor]);
    if (p.size && p.size !== 'PageSize') f.push(['sizeKey', p.size]);
    if (p.total) f.push(['totalKey', p.total]);
    if (p.totalPages) f.push(['totalPagesKey', p.totalPages]);
    if (p.firstPage !== undefined && p.firstPage !== 1) f.push(['firstPage', p.firstPage]);
  } else {
    if (p.cursor && p.cursor !== 'NextToken') f.push(['inputTokenKey', p.cursor]);
    if (p.nextToken && p.nextToken !== 'NextToken') f.push(['outputTokenKey', p.nextToken]);
    if (p.total) f.push(['totalKey', p.total]);
  }
  if (p.numbersAsStrings) f.push(['numbersAsStrings', true]);
  f.push(['action', `${ctx.svc.serviceShortName} ${a.name}`]);
  const value = (v: string | number | boolean | null) =>
    typeof v === 'string' ? str(v) : String(v);
  return `{ ${f.map(([k, v]) => `${k}: ${value(v)}`).join(', ')} }`;
}

/** One line on how this action pages, for its TSDoc. */
function howDoc(p: IrPagination): string {
  const by =
    p.kind === 'offset'
      ? `${p.cursor ?? 'Offset'}/${p.size ?? 'Limit'}`
      : p.kind === 'page'
        ? `${p.cursor ?? 'PageNumber'}/${p.size ?? 'PageSize'}, first page ${p.firstPage ?? 1}`
        : `${p.cursor ?? 'NextToken'} from \`${p.nextToken ?? 'NextToken'}\``;
  const end = p.total
    ? `up to \`${p.total}\``
    : p.totalPages
      ? `up to \`${p.totalPages}\` pages`
      : p.kind === 'token'
        ? 'until the token ends'
        : 'until a page is shorter than the first';
  return `\nPaged by ${by}, ${end}; stops on an empty page too.${p.picked ? ` The items are \`${p.items}\` (${p.picked}).` : ''}`;
}

function itemType(t: IrType): string {
  return t.kind === 'ref' ? `${MODELS_NS}.${t.name}` : typeText(t);
}
