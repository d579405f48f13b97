// Which actions page, and how: read from member names and types of the request and response
// shapes only (the facts-only specs hold no prose). An action whose input looks paged but that
// gets no paginator is given a reason, which the generator reports (emit/pagination/report.ts).
import type { IrMember, IrPagination, IrShape, IrType } from './model.js';

export type PagingVerdict =
  | { pagination: IrPagination; unpaged?: undefined }
  | { pagination?: undefined; unpaged: string };

/** Input members that position a page: the first of each list present is used. */
const OFFSET = ['Offset', 'OffSet'];
const LIMIT = ['Limit', 'Length'];
const PAGE_NUMBER = ['PageNumber', 'PageNo', 'PageNum', 'PageIndex', 'Page'];
const PAGE_SIZE = ['PageSize', 'Limit', 'Rp', 'Size'];
/** Continuation tokens; the output carries the same name or `Next<Name>`. */
const TOKENS = [
  'NextToken',
  'Marker',
  'Cursor',
  'NextCursor',
  'PageToken',
  'PaginationToken',
  'ScrollToken',
  'ScrollId',
  'SearchAfter',
  'Context',
];
/** `Context` also names chat or request context: it pages only when the output returns one. */
const WEAK_TOKENS = new Set(['Context']);
/** Total number of items, in order of preference. `Count` is left out: often this page's. */
const TOTALS = [
  'TotalCount',
  'Total',
  'TotalNum',
  'TotalNumber',
  'TotalCnt',
  'TotalCounts',
  'TotalRow',
  'TotalRows',
  'TotalItems',
  'TotalElements',
  'TotalRecords',
];
const TOTAL_PAGES = ['TotalPage', 'TotalPages', 'TotalPageNumber', 'TotalPageCount', 'Pages'];
/** List names that say "the items" without naming what they are. */
const GENERIC_LISTS = new Set([
  'Data',
  'List',
  'Items',
  'Item',
  'Results',
  'Result',
  'Records',
  'Rows',
  'Set',
  'DataList',
  'DataSet',
  'ItemList',
  'ItemSet',
  'ResultList',
  'ResultSet',
  'RecordList',
]);
/** Actions that change something: a paginator would repeat the change once per page. */
const MUTATION =
  /^(Create|Delete|Modify|Update|Operate|Set|Add|Remove|Reset|Put|Bind|Unbind|Submit|Apply|Cancel|Start|Stop|Run|Execute|Push|Upload|Import|Purchase|Renew|Terminate|Release|Destroy)(?=[A-Z])/;
const VERB = /^(Describe|List|Get|Query|Search|Inquiry|Inquire|Fetch|Lookup|LookUp|Scan)(?=[A-Z])/;

/**
 * Page numbers start at 1 (PageNumber, PageNo, PageNum, PageIndex, Page), except in these
 * actions, whose upstream docs say page 0 is the first (measured on the upstream catalogue: of
 * the page-number members whose docs state the base, 33 say 0 and 84 say 1; most say nothing;
 * three more here default to 0).
 * A caller who passes a page number starts there, so any base works by passing the first page.
 */
export const ZERO_BASED_PAGES: ReadonlySet<string> = new Set([
  ...[
    'DescribeAccountList',
    'DescribeAgentSummaryList',
    'DescribeAppSummaryList',
    'DescribeConcurrencyLimitDetailList',
    'DescribeConsumptionDetailList',
    'DescribeModelList',
    'DescribeMsgRecordList',
    'DescribePluginSummaryList',
    'DescribeReleaseList',
    'DescribeSkillSummaryList',
    'DescribeUsageDetailList',
    'DescribeUsageSummaryList',
    'DescribeVariableList',
  ].map((a) => `adp.${a}`),
  'bsca.SearchKBComponent',
  ...[
    'DescribeAIAgentInfoList',
    'DescribeActiveCarrierPrivilegeNumber',
    'DescribeAutoCalloutTasks',
    'DescribeCarrierPrivilegeNumberApplicants',
    'DescribeCompanyList',
    'DescribeExtensions',
    'DescribeFlashSMSList',
    'DescribeIvrAudioList',
    'DescribeNumbers',
    'DescribePredictiveDialingCampaigns',
    'DescribePredictiveDialingSessions',
    'DescribeProtectedTelCdr',
    'DescribeSkillGroupInfoList',
    'DescribeStaffInfoList',
    'DescribeTelCdr',
  ].map((a) => `ccc.${a}`),
  'gme.DescribeApplicationList',
  ...[
    'DescribeLicenseList',
    'DescribeNews',
    'DescribeXMagicResource',
    'DescribeXMagicResourceList',
  ].map((a) => `vcube.${a}`),
  'waf.SearchAccessLog',
  'waf.SearchAttackLog',
]);

const isInt = (t: IrType | undefined) =>
  t?.kind === 'primitive' && (t.name === 'int64' || t.name === 'uint64');
const isString = (t: IrType | undefined) => t?.kind === 'primitive' && t.name === 'string';
const find = (shape: IrShape, names: readonly string[]) =>
  names.map((n) => shape.members.find((m) => m.name === n)).find((m) => m !== undefined);

export interface PagingContext {
  /** Service short name (`cvm`), for the zero-based list. */
  service: string;
  action: string;
  input: IrShape;
  output: IrShape;
  shapes: ReadonlyMap<string, IrShape>;
}

/**
 * Integer Offset/Limit first, then a token the output returns, then string Offset/Limit, then
 * page number and size. Undefined when the input has none of the positioning members above (or
 * only a `Context` the output does not return): the action does not look paged.
 */
export function detectPagination(ctx: PagingContext): PagingVerdict | undefined {
  const { input } = ctx;
  const offset = find(input, OFFSET);
  const page = find(input, PAGE_NUMBER);
  const token = find(input, TOKENS);
  if (!offset && !page && !token) return undefined;
  // A `Context` that the output does not return is some other context (chat, request).
  if (!offset && !page && WEAK_TOKENS.has(token!.name) && !tokened(ctx, token!)) return undefined;
  const verb = MUTATION.exec(ctx.action)?.[1];
  if (verb) return { unpaged: `a mutation (${verb}...): paging would repeat it once per page` };
  const limit = offset && find(input, LIMIT);
  // Integer Offset/Limit first, then a token answered by the output, as before these rules (vpc
  // DescribeSubnets has string Offset/Limit and NextToken: it keeps its token paginator).
  if (offset && limit && isInt(offset.type) && isInt(limit.type))
    return numbered(ctx, 'offset', offset, limit);
  const byToken = token ? tokened(ctx, token) : undefined;
  if (byToken?.pagination) return byToken;
  if (offset && limit) return numbered(ctx, 'offset', offset, limit);
  if (page && page.type.kind !== 'ref') {
    const size = find(input, PAGE_SIZE);
    if (size) return numbered(ctx, 'page', page, size);
  }
  if (byToken) return byToken;
  if (offset) return { unpaged: `input has ${offset.name} but no ${LIMIT.join('/')}` };
  if (page?.type.kind === 'ref') return { unpaged: `${page.name} is an object, not a number` };
  if (page) return { unpaged: `input has ${page.name} but no ${PAGE_SIZE.join('/')}` };
  return undefined;
}

function numbered(
  ctx: PagingContext,
  kind: 'offset' | 'page',
  cursor: IrMember,
  size: IrMember,
): PagingVerdict {
  const ints = isInt(cursor.type) && isInt(size.type);
  const strings = isString(cursor.type) && isString(size.type);
  if (!ints && !strings)
    return { unpaged: `${cursor.name} and ${size.name} are not both integers (or both strings)` };
  const items = pickItems(ctx);
  if ('unpaged' in items) return { unpaged: items.unpaged };
  const total = pickInt(ctx, items.container, TOTALS);
  const totalPages = kind === 'page' ? pickInt(ctx, items.container, TOTAL_PAGES) : undefined;
  const firstPage = kind === 'page' && ZERO_BASED_PAGES.has(`${ctx.service}.${ctx.action}`) ? 0 : 1;
  return {
    pagination: {
      kind,
      items: items.path,
      itemType: items.itemType,
      ...(total ? { total } : {}),
      ...(totalPages ? { totalPages } : {}),
      cursor: cursor.name,
      size: size.name,
      ...(kind === 'page' ? { firstPage } : {}),
      ...(strings ? { numbersAsStrings: true } : {}),
      ...(items.picked ? { picked: items.picked } : {}),
    },
  };
}

function tokened(ctx: PagingContext, token: IrMember): PagingVerdict | undefined {
  const ok = (t: IrType) => isString(t) || isInt(t);
  const outNames = token.name.startsWith('Next') ? [token.name] : [token.name, `Next${token.name}`];
  let items = pickItems(ctx);
  const container = 'unpaged' in items ? undefined : items.container;
  // The token sits beside the list: in its object, else at the top. Found only in another
  // object (vod's AigcTextDetails), that object's own list is the page.
  let next =
    (container && pickMember(ctx, container, outNames)) ?? pickMember(ctx, undefined, outNames);
  if (!next) {
    for (const o of ctx.output.members.filter((m) => m.type.kind === 'ref' && m !== container)) {
      next = pickMember(ctx, o, outNames);
      if (next) {
        items = listsOf(ctx, o);
        break;
      }
    }
  }
  if (!next) {
    if (WEAK_TOKENS.has(token.name)) return undefined;
    return { unpaged: `input has ${token.name} but the output returns no ${outNames.join('/')}` };
  }
  if (!ok(token.type) || !ok(next.member.type))
    return { unpaged: `token ${token.name} is a ${typeName(token.type)}, not a string or integer` };
  if ('unpaged' in items) return { unpaged: items.unpaged };
  const total = pickInt(ctx, items.container, TOTALS);
  return {
    pagination: {
      kind: 'token',
      items: items.path,
      itemType: items.itemType,
      ...(total ? { total } : {}),
      cursor: token.name,
      nextToken: next.path,
      ...(items.picked ? { picked: items.picked } : {}),
    },
  };
}

/** The page's list among the lists of one object member of the response. */
function listsOf(ctx: PagingContext, holder: IrMember): Items | { unpaged: string } {
  const shape = holder.type.kind === 'ref' ? ctx.shapes.get(holder.type.name) : undefined;
  const lists = shape?.members.filter((m) => m.type.kind === 'list') ?? [];
  if (lists.length === 0) return { unpaged: `the token is in ${holder.name}, which has no list` };
  return fromLists(ctx, lists, holder);
}

const typeName = (t: IrType): string => (t.kind === 'list' ? 'list' : t.name);

interface Items {
  /** Dotted output path of the list. */
  path: string;
  itemType: IrType;
  /** The object member holding the list (`Data`), when it is not the response itself. */
  container?: IrMember;
  /** Why this list was chosen among several. */
  picked?: string;
}

/**
 * The page's list: among the response's lists, else among the lists of its one object member
 * (`Data`, `Result`) that has any. Several lists are narrowed by pickList's rules.
 */
function pickItems(ctx: PagingContext): Items | { unpaged: string } {
  const top = ctx.output.members.filter((m) => m.type.kind === 'list');
  if (top.length > 0) return fromLists(ctx, top, undefined);
  const holders = ctx.output.members.filter((m) => {
    const shape = m.type.kind === 'ref' ? ctx.shapes.get(m.type.name) : undefined;
    return shape?.members.some((x) => x.type.kind === 'list') ?? false;
  });
  if (holders.length === 0)
    return { unpaged: 'the output has no list (at the top or in one object)' };
  if (holders.length > 1)
    return {
      unpaged: `lists sit in several objects (${holders.map((h) => h.name).join(', ')})`,
    };
  return listsOf(ctx, holders[0]!);
}

function fromLists(
  ctx: PagingContext,
  lists: IrMember[],
  container: IrMember | undefined,
): Items | { unpaged: string } {
  const picked = pickList(ctx.action, lists);
  if ('unpaged' in picked) return picked;
  const list = picked.list;
  return {
    path: container ? `${container.name}.${list.name}` : list.name,
    itemType: (list.type as { of: IrType }).of,
    ...(container ? { container } : {}),
    ...(picked.rule ? { picked: picked.rule } : {}),
  };
}

/** Lower case, without a List/Set suffix and a plural ending: `DiskStoragePoolSet` -> `diskstoragepool`. */
export function stem(name: string): string {
  let s = name.toLowerCase();
  for (const suffix of ['list', 'set', 'infos', 'info']) {
    if (s.length > suffix.length && s.endsWith(suffix)) {
      s = s.slice(0, -suffix.length);
      break;
    }
  }
  if (s.endsWith('ies') && s.length > 3) return `${s.slice(0, -3)}y`;
  if (s.endsWith('s') && !s.endsWith('ss') && s.length > 1) return s.slice(0, -1);
  return s;
}

/** The noun of an action: `DescribeBGPIPL7Rules` -> `BGPIPL7Rules`. */
const noun = (action: string) => action.replace(VERB, '');

/**
 * One list is the page. With several, in order until one is left: drop deprecated lists; drop
 * lists of strings or numbers when a list of objects remains; keep lists whose name matches the
 * action's noun (one stem ends with the other: DescribeDiskStoragePool -> DiskStoragePoolSet);
 * keep lists whose element type matches it; keep generically named lists (Data, List, Items,
 * Results, ...). Two or more left: no paginator.
 */
export function pickList(
  action: string,
  lists: IrMember[],
): { list: IrMember; rule?: string } | { unpaged: string } {
  if (lists.length === 1) return { list: lists[0]! };
  const n = stem(noun(action));
  const elem = (m: IrMember) => (m.type.kind === 'list' ? m.type.of : m.type);
  const matches = (s: string) => s !== '' && n !== '' && (n.endsWith(s) || s.endsWith(n));
  const rules: [string, (m: IrMember) => boolean][] = [
    ['the others are deprecated', (m) => !m.deprecated],
    ['the others hold strings or numbers', (m) => elem(m).kind === 'ref'],
    ["its name matches the action's noun", (m) => matches(stem(m.name))],
    [
      "its element type matches the action's noun",
      (m) => {
        const t = elem(m);
        return t.kind === 'ref' && matches(stem(t.name));
      },
    ],
    ['its name is the generic one', (m) => GENERIC_LISTS.has(m.name)],
  ];
  let left = lists;
  const used: string[] = [];
  for (const [why, keep] of rules) {
    const kept = left.filter(keep);
    if (kept.length === 0 || kept.length === left.length) continue;
    left = kept;
    used.push(why);
    if (left.length === 1)
      return { list: left[0]!, rule: `${lists.length} lists: ${used.join('; ')}` };
  }
  return {
    unpaged: `${lists.length} lists (${lists.map((l) => l.name).join(', ')}) and no rule picks one${left.length < lists.length ? ` of ${left.map((l) => l.name).join(', ')}` : ''}`,
  };
}

/** An integer member by preferred name: in the list's object first, then in the response. */
function pickInt(
  ctx: PagingContext,
  container: IrMember | undefined,
  names: readonly string[],
): string | undefined {
  const hit =
    (container && pickMember(ctx, container, names, isInt)) ??
    pickMember(ctx, undefined, names, isInt);
  return hit?.path;
}

function pickMember(
  ctx: PagingContext,
  container: IrMember | undefined,
  names: readonly string[],
  accept: (t: IrType) => boolean = () => true,
): { path: string; member: IrMember } | undefined {
  const shape = container
    ? container.type.kind === 'ref'
      ? ctx.shapes.get(container.type.name)
      : undefined
    : ctx.output;
  if (!shape) return undefined;
  const m = find(
    shape,
    names.filter((n) => shape.members.some((x) => x.name === n && accept(x.type))),
  );
  if (!m) return undefined;
  return { path: container ? `${container.name}.${m.name}` : m.name, member: m };
}
