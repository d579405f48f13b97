// Which actions page and how (ir/pagination.ts), one small synthetic spec per shape.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPECS_DIR } from '../src/config.js';
import { buildVersion } from '../src/ir/build.js';
import type { IrMember, IrShape, IrType } from '../src/ir/model.js';
import { pickList, stem, ZERO_BASED_PAGES } from '../src/ir/pagination.js';
import { listSpecs, loadSpec } from '../src/spec/load.js';
import { type ActionSpec, apiSpec } from './paging-specs.js';

const OBJECTS = {
  Thing: ['Id:str'],
  Health: ['Ok:bool'],
  PageData: ['Total:int', 'List:Thing[]'],
  PageDataNoTotal: ['List:Thing[]'],
  TwoLists: ['A:Thing[]', 'B:Health[]'],
  Paging: ['Number:int'],
  TokenData: ['Items:Thing[]', 'NextCursor:str'],
  TokenDetails: ['ScrollToken:str', 'Data:Health[]'],
};

function detect(action: string, spec: ActionSpec, service = 'demo') {
  const api = apiSpec(service, '2024-01-01', { [action]: spec }, OBJECTS);
  const v = buildVersion({
    serviceDir: service,
    versionDir: 'v20240101',
    apiFile: `${service}/api.json`,
    api,
    inputHash: 'x',
  });
  const a = v.actions.find((x) => x.name === action)!;
  const { itemType: _, ...pagination } = a.pagination ?? { itemType: undefined };
  return { pagination: a.pagination ? pagination : undefined, unpaged: a.unpaged };
}

const offset = ['Offset:int', 'Limit:int'];
const page = ['PageNumber:int', 'PageSize:int'];

// [title, action, spec, expected pagination (fields that must match) or unpaged reason]
const PAGED: [string, string, ActionSpec, Record<string, unknown>, string?][] = [
  [
    'Offset/Limit and TotalCount (as before)',
    'DescribeThings',
    { in: offset, out: ['TotalCount:int', 'ThingSet:Thing[]'] },
    { kind: 'offset', items: 'ThingSet', total: 'TotalCount', cursor: 'Offset', size: 'Limit' },
  ],
  [
    'Offset/Limit and Total',
    'DescribeThings',
    { in: offset, out: ['Total:uint', 'Things:Thing[]'] },
    { kind: 'offset', items: 'Things', total: 'Total' },
  ],
  [
    'Offset/Length, TotalNum',
    'GetThings',
    { in: ['Offset:uint', 'Length:uint'], out: ['TotalNum:int', 'Things:Thing[]'] },
    { kind: 'offset', size: 'Length', total: 'TotalNum' },
  ],
  [
    'list and total inside a Data object',
    'DescribeThings',
    { in: offset, out: ['Data:PageData'] },
    { kind: 'offset', items: 'Data.List', total: 'Data.Total' },
  ],
  [
    'list inside an object, total at the top',
    'DescribeThings',
    { in: offset, out: ['TotalCount:int', 'Result:PageDataNoTotal'] },
    { kind: 'offset', items: 'Result.List', total: 'TotalCount' },
  ],
  [
    'no total: paged until a short page',
    'DescribeThings',
    { in: offset, out: ['Things:Thing[]'] },
    { kind: 'offset', items: 'Things', total: undefined },
  ],
  [
    'Offset/Limit as strings',
    'DescribeThings',
    { in: ['Offset:str', 'Limit:str'], out: ['TotalCount:int', 'Things:Thing[]'] },
    { kind: 'offset', numbersAsStrings: true },
  ],
  [
    'several lists: the list named like the action noun',
    'DescribeL7Rules',
    { in: offset, out: ['TotalCount:int', 'Rules:Thing[]', 'Healths:Health[]'] },
    { items: 'Rules', picked: "2 lists: its name matches the action's noun" },
  ],
  [
    'several lists: the others are deprecated',
    'DescribeCdrs',
    { in: offset, out: ['Total:int', 'Old:Thing[]!', 'CdrList:Thing[]'] },
    { items: 'CdrList', picked: '2 lists: the others are deprecated' },
  ],
  [
    'several lists: the others hold strings',
    'DescribeClusters',
    { in: offset, out: ['TotalCount:int', 'TagKeys:str[]', 'ClusterList:Thing[]'] },
    { items: 'ClusterList', picked: '2 lists: the others hold strings or numbers' },
  ],
  [
    'several lists: the generic name',
    'DescribeBlockList',
    { in: offset, out: ['Total:int', 'Data:Thing[]', 'TopData:Thing[]'] },
    { items: 'Data', picked: '2 lists: its name is the generic one' },
  ],
  [
    'several lists: the element type named like the action noun',
    'SearchThing',
    { in: offset, out: ['Total:int', 'Results:Thing[]', 'Columns:Health[]'] },
    { items: 'Results' },
  ],
  [
    'PageNumber/PageSize from 1',
    'DescribeThings',
    { in: page, out: ['TotalCount:int', 'List:Thing[]'] },
    { kind: 'page', cursor: 'PageNumber', size: 'PageSize', firstPage: 1, total: 'TotalCount' },
  ],
  [
    'Page/Rp (cam)',
    'ListThings',
    { in: ['Page:uint', 'Rp:uint'], out: ['TotalNum:uint', 'List:Thing[]'] },
    { kind: 'page', cursor: 'Page', size: 'Rp', total: 'TotalNum' },
  ],
  [
    'PageNo/PageSize with total pages only',
    'DescribeThings',
    { in: ['PageNo:int', 'PageSize:int'], out: ['TotalPage:int', 'List:Thing[]'] },
    { kind: 'page', cursor: 'PageNo', totalPages: 'TotalPage', total: undefined },
  ],
  [
    'PageIndex/Limit in a Data object',
    'DescribeThings',
    { in: ['PageIndex:int', 'Limit:int'], out: ['Data:PageData'] },
    { kind: 'page', cursor: 'PageIndex', size: 'Limit', items: 'Data.List', total: 'Data.Total' },
  ],
  [
    'NextToken in and out (as before)',
    'ListThings',
    { in: ['NextToken:str'], out: ['NextToken:str', 'Things:Thing[]'] },
    { kind: 'token', cursor: 'NextToken', nextToken: 'NextToken', items: 'Things' },
  ],
  [
    'string Offset/Limit beside NextToken in and out: the token, as before (vpc DescribeSubnets)',
    'DescribeSubnets',
    {
      in: ['NextToken:str', 'Offset:str', 'Limit:str'],
      out: ['TotalCount:uint', 'NextToken:str', 'SubnetSet:Thing[]'],
    },
    { kind: 'token', cursor: 'NextToken', items: 'SubnetSet' },
  ],
  [
    'integer Offset/Limit beside NextToken: offset, as before',
    'DescribeThings',
    {
      in: ['NextToken:str', 'Offset:int', 'Limit:int'],
      out: ['TotalCount:int', 'NextToken:str', 'Things:Thing[]'],
    },
    { kind: 'offset', cursor: 'Offset' },
  ],
  [
    'Cursor in, NextCursor out',
    'QueryThings',
    { in: ['Cursor:str', 'Limit:int'], out: ['NextCursor:str', 'Things:Thing[]'] },
    { kind: 'token', cursor: 'Cursor', nextToken: 'NextCursor' },
  ],
  [
    'Marker in, NextMarker out',
    'ListFiles',
    { in: ['Marker:str'], out: ['NextMarker:str', 'Contents:Thing[]'] },
    { kind: 'token', cursor: 'Marker', nextToken: 'NextMarker' },
  ],
  [
    'ScrollToken and TotalCount',
    'DescribeTasks',
    {
      in: ['ScrollToken:str', 'Limit:int'],
      out: ['TotalCount:int', 'ScrollToken:str', 'TaskSet:Thing[]'],
    },
    { kind: 'token', cursor: 'ScrollToken', total: 'TotalCount' },
  ],
  [
    'a token beside a list inside an object',
    'GetLogs',
    { in: ['NextCursor:str'], out: ['Data:TokenData'] },
    { kind: 'token', items: 'Data.Items', nextToken: 'Data.NextCursor' },
  ],
  [
    "a token in another object than the top list: that object's list",
    'DescribeUsageData',
    { in: ['ScrollToken:str', 'PageSize:int'], out: ['UsageSet:Thing[]', 'Details:TokenDetails'] },
    { kind: 'token', items: 'Details.Data', nextToken: 'Details.ScrollToken' },
  ],
  [
    'Context (log search) when the output returns one',
    'SearchLog',
    { in: ['Context:str', 'Limit:int'], out: ['Context:str', 'Results:Thing[]'] },
    { kind: 'token', cursor: 'Context', nextToken: 'Context' },
  ],
];

const UNPAGED: [string, string, ActionSpec, string][] = [
  [
    'Offset without Limit',
    'DescribeThings',
    { in: ['Offset:int'], out: ['Things:Thing[]'] },
    'input has Offset but no Limit/Length',
  ],
  [
    'Page without size',
    'DescribeThings',
    { in: ['Page:int'], out: ['Things:Thing[]'] },
    'input has Page but no PageSize/Limit/Rp/Size',
  ],
  [
    'a page number that is an object',
    'QueryThings',
    { in: ['PageNumber:Paging'], out: ['Things:Thing[]'] },
    'PageNumber is an object, not a number',
  ],
  [
    'no list',
    'DescribeThings',
    { in: offset, out: ['TotalCount:int', 'Name:str'] },
    'the output has no list (at the top or in one object)',
  ],
  [
    'lists in two objects',
    'DescribeThings',
    { in: offset, out: ['A:PageData', 'B:PageData'] },
    'lists sit in several objects (A, B)',
  ],
  [
    'two lists no rule picks',
    'DescribeProxies',
    { in: offset, out: ['GroupInfos:Thing[]', 'NodeInfos:Thing[]'] },
    '2 lists (GroupInfos, NodeInfos) and no rule picks one',
  ],
  [
    'mixed types',
    'DescribeThings',
    { in: ['Offset:int', 'Limit:str'], out: ['Things:Thing[]'] },
    'Offset and Limit are not both integers (or both strings)',
  ],
  [
    'a token in, none out',
    'ListThings',
    { in: ['NextToken:str'], out: ['Things:Thing[]'] },
    'input has NextToken but the output returns no NextToken',
  ],
  [
    'a token that is a list',
    'DescribeLogs',
    { in: ['SearchAfter:str[]'], out: ['SearchAfter:str[]', 'Logs:Thing[]'] },
    'token SearchAfter is a list, not a string or integer',
  ],
  [
    'a mutation',
    'CreateExportJob',
    { in: offset, out: ['JobId:str'] },
    'a mutation (Create...): paging would repeat it once per page',
  ],
];

describe('pagination detection', () => {
  it.each(PAGED)('%s', (_title, action, spec, expected) => {
    const { pagination, unpaged } = detect(action, spec);
    expect(unpaged).toBeUndefined();
    const present = Object.entries(expected).filter(([, v]) => v !== undefined);
    expect(pagination).toMatchObject(Object.fromEntries(present));
    for (const [k, v] of Object.entries(expected))
      if (v === undefined) expect(pagination).not.toHaveProperty(k);
  });

  it.each(UNPAGED)('no paginator: %s', (_title, action, spec, reason) => {
    expect(detect(action, spec)).toEqual({ pagination: undefined, unpaged: reason });
  });

  it('leaves actions without a position member alone, and Context without one out', () => {
    expect(detect('DescribeThings', { in: ['Limit:int'], out: ['Things:Thing[]'] })).toEqual({
      pagination: undefined,
      unpaged: undefined,
    });
    expect(detect('CreateChat', { in: ['Context:str'], out: ['Answer:str'] })).toEqual({
      pagination: undefined,
      unpaged: undefined,
    });
  });

  it('starts at page 0 for the actions listed as zero-based, at 1 elsewhere', () => {
    const spec = { in: page, out: ['TotalCount:int', 'TelCdrs:Thing[]'] };
    expect(ZERO_BASED_PAGES.has('ccc.DescribeTelCdr')).toBe(true);
    expect(detect('DescribeTelCdr', spec, 'ccc').pagination).toMatchObject({ firstPage: 0 });
    expect(detect('DescribeTelCdr', spec, 'other').pagination).toMatchObject({ firstPage: 1 });
  });

  it('stems names for the noun rule', () => {
    expect(stem('DiskStoragePoolSet')).toBe('diskstoragepool');
    expect(stem('Proxies')).toBe('proxy');
    expect(stem('BGPIPL7Rules')).toBe('bgpipl7rule');
    expect(stem('Address')).toBe('address');
  });

  it('picks among several lists only when exactly one is left', () => {
    const list = (name: string, of: string, deprecated = false): IrMember => ({
      name,
      type: { kind: 'list', of: { kind: 'ref', name: of } },
      optional: true,
      nullable: false,
      deprecated,
    });
    expect(pickList('DescribeProxies', [list('InstanceSet', 'P'), list('ProxySet', 'P')])).toEqual({
      list: list('ProxySet', 'P'),
      rule: "2 lists: its name matches the action's noun",
    });
    expect(
      pickList('DescribeConversationList', [
        list('ConversationList', 'C'),
        list('Conversations', 'C'),
      ]),
    ).toEqual({
      unpaged: '2 lists (ConversationList, Conversations) and no rule picks one',
    });
  });
});

// The rules before this file existed: exactly one list; Offset+Limit integers and an integer
// TotalCount, or a string NextToken in and out. Every paginator they found must stay as it was.
function oldRules(input: IrShape, output: IrShape): 'offset' | 'token' | undefined {
  const type = (s: IrShape, n: string) => s.members.find((m) => m.name === n)?.type;
  const int = (t: IrType | undefined) =>
    t?.kind === 'primitive' && (t.name === 'int64' || t.name === 'uint64');
  const string = (t: IrType | undefined) => t?.kind === 'primitive' && t.name === 'string';
  if (output.members.filter((m) => m.type.kind === 'list').length !== 1) return undefined;
  if (int(type(input, 'Offset')) && int(type(input, 'Limit')) && int(type(output, 'TotalCount')))
    return 'offset';
  if (string(type(input, 'NextToken')) && string(type(output, 'NextToken'))) return 'token';
  return undefined;
}

describe('pagination on the committed specs', () => {
  it('keeps every paginator of the old rules unchanged, and finds more', () => {
    const source = { apiDir: DEFAULT_SPECS_DIR };
    let old = 0;
    let now = 0;
    const changed: string[] = [];
    for (const loc of listSpecs(source)) {
      const v = buildVersion(loadSpec(loc, source, []));
      const shapes = new Map(v.shapes.map((s) => [s.name, s]));
      for (const a of v.actions) {
        if (a.pagination) now++;
        const kind = oldRules(shapes.get(a.input)!, shapes.get(a.output)!);
        if (!kind) continue;
        old++;
        const p = a.pagination;
        const same =
          p?.kind === kind &&
          !p.items.includes('.') &&
          (kind === 'offset'
            ? p.cursor === 'Offset' && p.size === 'Limit' && p.total === 'TotalCount'
            : p.cursor === 'NextToken' && p.nextToken === 'NextToken');
        if (!same) changed.push(`${loc.serviceDir} ${a.name}`);
      }
    }
    expect(changed).toEqual([]);
    expect(old).toBe(1411);
    expect(now).toBeGreaterThan(2500);
  }, 60_000);
});
