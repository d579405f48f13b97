/**
 * Async iteration over Describe-style actions, for the generator to call.
 *
 * Offset/Limit style: the input has `Offset` and `Limit`, the output `TotalCount` and one list.
 * NextToken style: the input and the output carry a continuation token.
 * Field names are parameters, so actions with other spellings fit too.
 */
import type { CallOptions } from './types.js';

export type PageCall<I, O> = (input: I, options?: CallOptions) => Promise<O>;

export interface OffsetPagination<O> {
  /** Output member holding the items, e.g. `InstanceSet`. */
  readonly listKey: keyof O & string;
  readonly offsetKey?: string;
  readonly limitKey?: string;
  readonly totalKey?: string;
  /** Page size when the input sets none. */
  readonly pageSize?: number;
  /** Stop after this many pages (a safety net). */
  readonly maxPages?: number;
}

export interface TokenPagination<O> {
  readonly listKey: keyof O & string;
  /** Input member that carries the token (default `NextToken`). */
  readonly inputTokenKey?: string;
  /** Output member with the next token (default `NextToken`). */
  readonly outputTokenKey?: string;
  readonly maxPages?: number;
}

type ItemOf<O, K extends keyof O> = O[K] extends readonly (infer T)[] | undefined ? T : never;

const num = (v: unknown): number | undefined =>
  typeof v === 'number'
    ? v
    : typeof v === 'bigint'
      ? Number(v)
      : typeof v === 'string' && v !== ''
        ? Number(v)
        : undefined;

/** Pages of an Offset/Limit action, starting at the input's offset. */
export async function* paginateOffset<I extends object, O extends object>(
  call: PageCall<I, O>,
  input: I,
  spec: OffsetPagination<O>,
  options?: CallOptions,
): AsyncGenerator<O, void, undefined> {
  const offsetKey = spec.offsetKey ?? 'Offset';
  const limitKey = spec.limitKey ?? 'Limit';
  const totalKey = spec.totalKey ?? 'TotalCount';
  const given = input as Record<string, unknown>;
  let offset = num(given[offsetKey]) ?? 0;
  const limit = num(given[limitKey]) ?? spec.pageSize;
  for (let page = 0; page < (spec.maxPages ?? Number.POSITIVE_INFINITY); page++) {
    const pageInput = {
      ...given,
      [offsetKey]: offset,
      ...(limit !== undefined ? { [limitKey]: limit } : {}),
    };
    const out = await call(pageInput as I, options);
    yield out;
    const list = (out as Record<string, unknown>)[spec.listKey];
    const count = Array.isArray(list) ? list.length : 0;
    const total = num((out as Record<string, unknown>)[totalKey]);
    offset += count;
    // TotalCount decides when present: servers may cap Limit, so a short page is not the end.
    if (count === 0) return;
    if (total !== undefined ? offset >= total : limit !== undefined && count < limit) return;
  }
}

/** Pages of a NextToken action; stops when the token is missing, empty or repeats. */
export async function* paginateToken<I extends object, O extends object>(
  call: PageCall<I, O>,
  input: I,
  spec: TokenPagination<O>,
  options?: CallOptions,
): AsyncGenerator<O, void, undefined> {
  const inKey = spec.inputTokenKey ?? 'NextToken';
  const outKey = spec.outputTokenKey ?? 'NextToken';
  const seen = new Set<string>();
  let token = (input as Record<string, unknown>)[inKey];
  for (let page = 0; page < (spec.maxPages ?? Number.POSITIVE_INFINITY); page++) {
    const pageInput = token === undefined || token === null ? input : { ...input, [inKey]: token };
    const out = await call(pageInput as I, options);
    yield out;
    const next = (out as Record<string, unknown>)[outKey];
    if (typeof next !== 'string' || next === '' || seen.has(next)) return;
    seen.add(next);
    token = next;
  }
}

/** The items of every page, in order. */
export async function* paginateItems<O extends object, K extends keyof O & string>(
  pages: AsyncIterable<O>,
  listKey: K,
): AsyncGenerator<ItemOf<O, K>, void, undefined> {
  for await (const page of pages) {
    const list = page[listKey];
    if (Array.isArray(list)) yield* list as ItemOf<O, K>[];
  }
}
