import { describe, expect, expectTypeOf, it } from 'vitest';
import { paginateItems, paginateOffset, paginateToken } from '../src/index.js';

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
