import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ConfigurationError,
  DEFAULT_MAX_PAGES,
  PaginationError,
  paginateItems,
  paginateOffset,
  paginatePage,
  paginateToken,
  SdkError,
  valueAt,
} from '../src/index.js';

interface In {
  Offset?: number;
  Limit?: number;
  Filter?: string;
}
interface Out {
  TotalCount: number;
  InstanceSet: { Id: number }[];
  RequestId: string;
}

function offsetApi(total: number, maxLimit = 100) {
  const calls: In[] = [];
  const call = async (input: In): Promise<Out> => {
    calls.push(input);
    const offset = input.Offset ?? 0;
    const limit = Math.min(input.Limit ?? 20, maxLimit);
    const ids = [];
    for (let i = offset; i < Math.min(total, offset + limit); i++) ids.push({ Id: i });
    return { TotalCount: total, InstanceSet: ids, RequestId: `r${calls.length}` };
  };
  return { call, calls };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('paginateOffset', () => {
  it('walks all pages and stops at TotalCount', async () => {
    const api = offsetApi(45);
    const items = await collect(
      paginateItems(
        paginateOffset(api.call, { Limit: 20, Filter: 'x' }, { listKey: 'InstanceSet' }),
        'InstanceSet',
      ),
    );
    expect(items.map((i) => i.Id)).toEqual([...Array(45).keys()]);
    expect(api.calls).toEqual([
      { Limit: 20, Filter: 'x', Offset: 0 },
      { Limit: 20, Filter: 'x', Offset: 20 },
      { Limit: 20, Filter: 'x', Offset: 40 },
    ]);
    expectTypeOf(items[0]).toEqualTypeOf<{ Id: number } | undefined>();
  });

  it('starts at the given offset, stops on empty and on short pages', async () => {
    const api = offsetApi(10);
    const pages = await collect(
      paginateOffset(api.call, { Offset: 5, Limit: 3 }, { listKey: 'InstanceSet' }),
    );
    expect(pages.map((p) => p.InstanceSet.length)).toEqual([3, 2]);
    const empty = offsetApi(0);
    expect(await collect(paginateOffset(empty.call, {}, { listKey: 'InstanceSet' }))).toHaveLength(
      1,
    );
    // The server caps Limit below what was asked: TotalCount keeps the walk going.
    const capped = offsetApi(500, 10);
    const p = await collect(
      paginateOffset(capped.call, { Limit: 50 }, { listKey: 'InstanceSet', maxPages: 3 }),
    );
    expect(capped.calls.map((c) => c.Offset)).toEqual([0, 10, 20]);
    expect(p).toHaveLength(3);
    // Without TotalCount a short page is the last one.
    const noTotal = async (i: In) => ({ Items: (i.Offset ?? 0) === 0 ? [1, 2] : [3] });
    const q = await collect(paginateOffset(noTotal, { Limit: 2 }, { listKey: 'Items' }));
    expect(q.map((x) => x.Items)).toEqual([[1, 2], [3]]);
  });

  it('uses custom field names and a default page size', async () => {
    const calls: Record<string, unknown>[] = [];
    const call = async (input: Record<string, unknown>) => {
      calls.push(input);
      const start = Number(input.Start);
      return { Total: 3n, Items: start < 3 ? [start, start + 1].filter((x) => x < 3) : [] };
    };
    const items = await collect(
      paginateItems(
        paginateOffset(
          call,
          {},
          {
            listKey: 'Items',
            offsetKey: 'Start',
            limitKey: 'Size',
            totalKey: 'Total',
            pageSize: 2,
          },
        ),
        'Items',
      ),
    );
    expect(items).toEqual([0, 1, 2]);
    expect(calls).toEqual([
      { Start: 0, Size: 2 },
      { Start: 2, Size: 2 },
    ]);
  });
});

describe('paginateToken', () => {
  it('follows NextToken until it is missing', async () => {
    const pages: Record<string, { Items: string[]; NextToken?: string }> = {
      '': { Items: ['a', 'b'], NextToken: 't1' },
      t1: { Items: ['c'], NextToken: 't2' },
      t2: { Items: ['d'] },
    };
    const seen: unknown[] = [];
    const call = async (input: { NextToken?: string; MaxResults: number }) => {
      seen.push(input.NextToken);
      return pages[input.NextToken ?? ''] as { Items: string[]; NextToken?: string };
    };
    const items = await collect(
      paginateItems(paginateToken(call, { MaxResults: 2 }, { listKey: 'Items' }), 'Items'),
    );
    expect(items).toEqual(['a', 'b', 'c', 'd']);
    expect(seen).toEqual([undefined, 't1', 't2']);
  });

  it('stops on an empty or repeated token and honours maxPages', async () => {
    let n = 0;
    const loop = async () => ({ Items: [n++], NextToken: 'same' });
    expect(await collect(paginateToken(loop, {}, { listKey: 'Items' }))).toHaveLength(2);
    const empty = async () => ({ Items: [1], NextToken: '' });
    expect(await collect(paginateToken(empty, {}, { listKey: 'Items' }))).toHaveLength(1);
    let m = 0;
    const endless = async () => ({ Items: [1], Next: `t${m++}` });
    const p = await collect(
      paginateToken(
        endless,
        {},
        { listKey: 'Items', inputTokenKey: 'Token', outputTokenKey: 'Next', maxPages: 4 },
      ),
    );
    expect(p).toHaveLength(4);
  });

  it('passes call options through', async () => {
    const opts: unknown[] = [];
    const call = async (_i: object, o?: object) => {
      opts.push(o);
      return { Items: [] as number[] };
    };
    const signal = new AbortController().signal;
    await collect(paginateToken(call, {}, { listKey: 'Items' }, { signal }));
    expect(opts).toEqual([{ signal }]);
  });
});

// Property tests: a model server over `real` items that reports a total (true, too high, too low
// or none), caps the page size, and may start page numbers at 0 or 1.
type Report = 'true' | 'high' | 'low' | 'none';
const reported = (real: number, report: Report, lie: number): number | undefined =>
  report === 'true'
    ? real
    : report === 'high'
      ? real + lie
      : report === 'low'
        ? Math.max(0, real - lie)
        : undefined;

const serverArb = fc.record({
  real: fc.integer({ min: 0, max: 300 }),
  report: fc.constantFrom<Report>('true', 'high', 'low', 'none'),
  lie: fc.integer({ min: 1, max: 50 }),
  cap: fc.integer({ min: 1, max: 40 }),
  asked: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
  serverDefault: fc.integer({ min: 1, max: 30 }),
  nested: fc.boolean(),
});

describe('paginateOffset (properties)', () => {
  it('ends, and yields every item exactly once unless the total lies low', async () => {
    await fc.assert(
      fc.asyncProperty(serverArb, async (s) => {
        let calls = 0;
        const call = async (i: Record<string, unknown>) => {
          calls++;
          const offset = Number(i.Offset);
          const size = Math.min(i.Limit === undefined ? s.serverDefault : Number(i.Limit), s.cap);
          const list = [...Array(Math.max(0, Math.min(size, s.real - offset))).keys()].map(
            (k) => offset + k,
          );
          const total = reported(s.real, s.report, s.lie);
          const body = { List: list, ...(total !== undefined ? { Total: total } : {}) };
          return s.nested ? { Data: body } : body;
        };
        const listKey = s.nested ? 'Data.List' : 'List';
        const totalKey = s.nested ? 'Data.Total' : 'Total';
        const input = s.asked === undefined ? {} : { Limit: s.asked };
        const items: number[] = [];
        for await (const page of paginateOffset(call, input, { listKey, totalKey }))
          items.push(...((valueAt(page, listKey) as number[] | undefined) ?? []));
        const eff = Math.min(s.asked ?? s.serverDefault, s.cap);
        expect(calls).toBeLessThanOrEqual(Math.ceil(s.real / eff) + 1);
        if (s.report === 'low') {
          const shown = reported(s.real, s.report, s.lie)!;
          expect(items).toEqual([...Array(items.length).keys()]);
          expect(items.length).toBeGreaterThanOrEqual(Math.min(s.real, Math.max(shown, 1)));
        } else expect(items).toEqual([...Array(s.real).keys()]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('paginatePage (properties)', () => {
  it('walks page numbers from the first page, whatever the base and the totals', async () => {
    await fc.assert(
      fc.asyncProperty(
        serverArb,
        fc.constantFrom(0, 1),
        fc.boolean(),
        async (s, firstPage, byPages) => {
          const numbers: number[] = [];
          const call = async (i: Record<string, unknown>) => {
            numbers.push(Number(i.PageNo));
            const size = Math.min(
              i.PageSize === undefined ? s.serverDefault : Number(i.PageSize),
              s.cap,
            );
            const from = (Number(i.PageNo) - firstPage) * size;
            const list = [...Array(Math.max(0, Math.min(size, s.real - from))).keys()].map(
              (k) => from + k,
            );
            const total = reported(s.real, s.report, s.lie);
            const body =
              total === undefined
                ? { Items: list }
                : byPages
                  ? { Items: list, TotalPages: Math.ceil(total / size) }
                  : { Items: list, TotalCount: total };
            return s.nested ? { Data: body } : body;
          };
          const p = s.nested ? 'Data.' : '';
          const input = s.asked === undefined ? {} : { PageSize: s.asked };
          const items: number[] = [];
          const pages = paginatePage(call, input, {
            listKey: `${p}Items`,
            pageKey: 'PageNo',
            firstPage,
            ...(byPages ? { totalPagesKey: `${p}TotalPages` } : { totalKey: `${p}TotalCount` }),
          });
          for await (const x of paginateItems(pages, `${p}Items`)) items.push(x as number);
          const eff = Math.min(s.asked ?? s.serverDefault, s.cap);
          expect(numbers).toEqual(numbers.map((_, k) => firstPage + k));
          expect(numbers.length).toBeLessThanOrEqual(Math.ceil(s.real / eff) + 1);
          if (s.report === 'low') expect(items).toEqual([...Array(items.length).keys()]);
          else expect(items).toEqual([...Array(s.real).keys()]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('starts at the input page and sends numbers as strings when told', async () => {
    const calls: Record<string, unknown>[] = [];
    const call = async (i: Record<string, unknown>) => {
      calls.push(i);
      return { Total: 5, List: Number(i.Page) < 3 ? [1, 2] : [3] };
    };
    const pages = await collect(
      paginatePage(
        call,
        { Page: '2', Limit: '2' },
        { listKey: 'List', pageKey: 'Page', sizeKey: 'Limit', totalKey: 'Total' },
      ),
    );
    // Page 2 of size 2 starts at item 2: pages 2 and 3 hold the other 3 items.
    expect(pages).toHaveLength(2);
    expect(calls.map((c) => c.Page)).toEqual([2, 3]);
    calls.length = 0;
    await collect(
      paginatePage(call, {}, { listKey: 'List', pageKey: 'Page', numbersAsStrings: true }),
    );
    expect(calls.map((c) => c.Page)).toEqual(['1', '2', '3']);
  });
});

describe('paginateToken (properties)', () => {
  it('ends on a missing, repeated or unchanged token, an empty page or the total', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            items: fc.integer({ min: 0, max: 3 }),
            token: fc.option(fc.constantFrom('a', 'b', 'c', 'd', ''), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
        async (script, total) => {
          let n = 0;
          const call = async () => {
            const step = script[Math.min(n++, script.length - 1)]!;
            return {
              Result: { Items: Array(step.items).fill(0) as number[], Cursor: step.token },
              ...(total !== undefined ? { Total: total } : {}),
            };
          };
          const pages = await collect(
            paginateToken(
              call,
              {},
              {
                listKey: 'Result.Items',
                inputTokenKey: 'Cursor',
                outputTokenKey: 'Result.Cursor',
                ...(total !== undefined ? { totalKey: 'Total' } : {}),
              },
            ),
          );
          // At most one page per distinct token (4) plus the first.
          expect(pages.length).toBeLessThanOrEqual(5);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('page bounds', () => {
  const endless = () => {
    let n = 0;
    return async () => ({ Items: [n], NextToken: `t${n++}`, TotalCount: 1e12 });
  };

  it('stops quietly at the caller maxPages and throws at the default bound', async () => {
    const pages = await collect(
      paginateToken(endless(), {}, { listKey: 'Items' }, { maxPages: 7 }),
    );
    expect(pages).toHaveLength(7);
    let count = 0;
    const err = await (async () => {
      for await (const _ of paginateOffset(
        endless(),
        {},
        { listKey: 'Items', action: 'cvm DescribeX' },
      ))
        count++;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaginationError);
    expect(err).toBeInstanceOf(SdkError);
    expect((err as PaginationError).message).toContain('cvm DescribeX');
    expect((err as PaginationError).pages).toBe(DEFAULT_MAX_PAGES);
    expect(count).toBe(DEFAULT_MAX_PAGES);
  });

  it('rejects a maxPages that is not a positive integer, before any call', async () => {
    let calls = 0;
    const call = async () => {
      calls++;
      return { Items: [1] };
    };
    for (const maxPages of [0, -1, 1.5, Number.NaN]) {
      const err = await collect(
        paginatePage(call, {}, { listKey: 'Items', action: 'x DescribeY' }, { maxPages }),
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigurationError);
      expect((err as ConfigurationError).option).toBe('maxPages');
    }
    expect(calls).toBe(0);
  });

  it('passes the call options without maxPages to each call', async () => {
    const opts: unknown[] = [];
    const call = async (_i: object, o?: object) => {
      opts.push(o);
      return { Items: [1], TotalCount: 2 };
    };
    await collect(paginateOffset(call, {}, { listKey: 'Items' }, { maxPages: 5, timeoutMs: 9 }));
    expect(opts).toEqual([{ timeoutMs: 9 }, { timeoutMs: 9 }]);
  });

  it('types items at a nested path and rejects a path that names no list', () => {
    const pages = (async function* () {
      yield {
        Data: { List: [{ Id: 'a' }], Total: 1 } as {
          List?: { Id: string }[];
          Total: number;
        } | null,
      };
    })();
    const items = paginateItems(pages, 'Data.List');
    expectTypeOf(items).toEqualTypeOf<AsyncGenerator<{ Id: string }, void, undefined>>();
    // @ts-expect-error Data.Total is not a list
    paginateItems(pages, 'Data.Total');
  });
});
