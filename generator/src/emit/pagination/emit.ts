// pagination.ts: Describe-style actions (Offset/Limit or NextToken in, TotalCount or NextToken
// and exactly one list out) get an async iterator over items, with the pages one call away.
// The paging loop itself is core's; this only tells it where the items and counts are.
import { MODELS_NS, MODULE, versionFiles } from '../../ir/names.js';
import { actionTags, inputParam, outputType } from '../client/action-info.js';
import type { GeneratedFile, VersionContext } from '../context.js';
import { typeText } from '../models/emit.js';
import { type TsEmitter, writeDoc } from '../ts.js';

export function emitPagination(ctx: VersionContext, ts: TsEmitter): GeneratedFile | undefined {
  const { names, version } = ctx;
  const actions = version.actions.filter((a) => a.pagination);
  if (actions.length === 0) return undefined;
  const path = versionFiles(version).pagination;
  const usesOffset = actions.some((a) => a.pagination?.kind === 'offset');
  const usesToken = actions.some((a) => a.pagination?.kind === 'token');
  const usesInt64 = actions.some((a) => typeText(a.pagination!.itemType) === 'Int64');
  const content = ts.emit(path, (w) => {
    const core = ['type CallOptions', 'type Paginator', 'type ServiceClient', 'type WithRequestId'];
    if (usesInt64) core.unshift('type Int64');
    if (usesOffset) core.push('paginateOffset');
    if (usesToken) core.push('paginateToken');
    w.writeLine(`import { ${core.join(', ')} } from '${ctx.coreModule}';`);
    w.writeLine(`import * as op from '${MODULE.actions}';`);
    w.writeLine(`import type * as ${MODELS_NS} from '${MODULE.models}';`);
    for (const a of actions) {
      const p = a.pagination!;
      const n = names.action(a.name);
      const item = itemType(p.itemType);
      w.blankLine();
      writeDoc(
        w,
        `Every item of \`${p.items}\` over all pages of ${a.name}; \`.pages()\` iterates whole pages.`,
        actionTags(a),
      );
      w.write(
        `export function ${n.paginate}(client: ServiceClient, ${inputParam(version, a)}, options?: CallOptions): Paginator<${item}, ${outputType(a)}>`,
      ).block(() => {
        const fetch = `(page) => op.${n.fn}(client, page, options)`;
        if (p.kind === 'offset') {
          w.writeLine(
            `return paginateOffset(${fetch}, input, { items: (o) => o.${p.items}, total: (o) => o.${p.total} });`,
          );
        } else {
          w.writeLine(`return paginateToken(${fetch}, input, { items: (o) => o.${p.items} });`);
        }
      });
    }
  });
  return { path, content };
}

function itemType(t: Parameters<typeof typeText>[0]): string {
  return t.kind === 'ref' ? `${MODELS_NS}.${t.name}` : typeText(t);
}
