/**
 * Async iteration over paged actions, for the generator to call.
 *
 * Three styles, each with its field names as parameters:
 * - offset: the input has `Offset` and `Limit`, the output a total (`TotalCount`, `Total`, ...).
 * - page: the input has a page number (`PageNumber`, `PageNo`, ...) and a page size.
 * - token: the input and the output carry a continuation token (`NextToken`, `Cursor`, ...).
 * Output keys are dotted paths (`Data.List`, `Data.Total`): member names never hold a dot.
 *
 * Every walk ends: on an empty page, when the total (of items or of pages) is reached, without a
 * total when a page is shorter than the first one, when a token is missing or repeats, and after
 * `maxPages` pages. Without a `maxPages` of the caller's, the bound is {@link DEFAULT_MAX_PAGES}
 * and reaching it with pages left throws a {@link PaginationError} rather than stop silently.
 */
import { CLASS_BRAND, SdkError } from '../errors/base.js';
import { ConfigurationError } from '../errors/transport.js';
import type { CallOptions } from '../types.js';

export type PageCall<I, O> = (input: I, options?: CallOptions) => Promise<O>;

/** Call options of a paginator: those of every call, plus a bound on the number of pages. */
export interface PaginateOptions extends CallOptions {
  /** Stop quietly after this many pages (a positive integer). */
  readonly maxPages?: number;
}

/** The bound on pages when the caller sets none; reaching it with pages left throws. */
export const DEFAULT_MAX_PAGES = 10_000;

interface CommonPagination {
  /** Output path of the page's items, e.g. `InstanceSet` or `Data.List`. */
  readonly listKey: string;
  /** Output path of the total number of items (offset default `TotalCount`; null: none). */
  readonly totalKey?: string | null;
  /** Stop quietly after this many pages (the call options' `maxPages` wins). */
  readonly maxPages?: number;
  /** `service Action`, for error messages. */
  readonly action?: string;
}

export interface OffsetPagination<_O = unknown> extends CommonPagination {
  readonly offsetKey?: string;
  readonly limitKey?: string;
  /** Page size when the input sets none. */
  readonly pageSize?: number;
  /** The input's offset and limit are strings holding numbers. */
  readonly numbersAsStrings?: boolean;
}

export interface PagePagination<_O = unknown> extends CommonPagination {
  /** Input member with the page number (default `PageNumber`). */
  readonly pageKey?: string;
  /** Input member with the page size (default `PageSize`). */
  readonly sizeKey?: string;
  /** Output path of the total number of pages. */
  readonly totalPagesKey?: string;
  /** Number of the first page when the input gives none (default 1). */
  readonly firstPage?: number;
  readonly pageSize?: number;
  readonly numbersAsStrings?: boolean;
}

export interface TokenPagination<_O = unknown> extends CommonPagination {
  /** Input member that carries the token (default `NextToken`). */
  readonly inputTokenKey?: string;
  /** Output path of the next token (default `NextToken`). */
  readonly outputTokenKey?: string;
}

/** A paginator walk that did not finish within the default page bound. */
export class PaginationError extends SdkError {
  static override readonly [CLASS_BRAND]: string = 'PaginationError';
  /** `service Action` when the generator named it. */
  readonly action: string | undefined;
  readonly pages: number;
  constructor(message: string, options: { readonly action?: string; readonly pages: number }) {
    super(message);
    this.action = options.action;
    this.pages = options.pages;
  }
}

/** The value at a dotted path of own properties; undefined when any step is missing. */
type At<O, P extends string> = P extends `${infer H}.${infer R}`
  ? H extends keyof NonNullable<O>
    ? At<NonNullable<NonNullable<O>[H]>, R>
    : undefined
  : P extends keyof NonNullable<O>
    ? NonNullable<O>[P]
    : undefined;
/** Element type of the list at `P` (never when `P` does not name a list). */
export type ItemAt<O, P extends string> =
  NonNullable<At<O, P>> extends readonly (infer T)[] ? T : never;

export function valueAt(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const key of path.split('.')) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

const num = (v: unknown): number | undefined => {
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'bigint'
        ? Number(v)
        : typeof v === 'string' && v.trim() !== ''
          ? Number(v)
          : undefined;
  return n !== undefined && Number.isFinite(n) ? n : undefined;
};

const listLength = (out: unknown, path: string): number => {
  const list = valueAt(out, path);
  return Array.isArray(list) ? list.length : 0;
};

/** Splits paginator options into the page bound and the options of each call. */
function bound(
  spec: CommonPagination,
  options: PaginateOptions | undefined,
): { max: number; quiet: boolean; call: CallOptions | undefined } {
  const { maxPages, ...rest } = options ?? {};
  const given = maxPages ?? spec.maxPages;
  if (given !== undefined && !(Number.isInteger(given) && given > 0)) {
    throw new ConfigurationError(
      `${spec.action ? `${spec.action}: ` : ''}maxPages must be a positive integer, got ${String(given)}`,
      { option: 'maxPages' },
    );
  }
  return {
    max: given ?? DEFAULT_MAX_PAGES,
    quiet: given !== undefined,
    call: options === undefined ? undefined : (rest as CallOptions),
  };
}

function tooMany(spec: CommonPagination, pages: number): PaginationError {
  const who = spec.action ? `${spec.action}: ` : '';
  return new PaginationError(
    `${who}the paginator stopped after ${pages} pages with more to come (no empty page, total or end of tokens yet); pass { maxPages } to go further or to stop earlier`,
    { ...(spec.action ? { action: spec.action } : {}), pages },
  );
}

/** Pages of an Offset/Limit action, starting at the input's offset. */
export async function* paginateOffset<I extends object, O extends object>(
  call: PageCall<I, O>,
  input: I,
  spec: OffsetPagination<O>,
  options?: PaginateOptions,
): AsyncGenerator<O, void, undefined> {
  const { max, quiet, call: callOptions } = bound(spec, options);
  const offsetKey = spec.offsetKey ?? 'Offset';
  const limitKey = spec.limitKey ?? 'Limit';
  const totalKey = spec.totalKey === null ? undefined : (spec.totalKey ?? 'TotalCount');
  const enc = (n: number) => (spec.numbersAsStrings ? String(n) : n);
  const given = input as Record<string, unknown>;
  let offset = num(given[offsetKey]) ?? 0;
  const limit = num(given[limitKey]) ?? spec.pageSize;
  let first: number | undefined;
  for (let page = 1; ; page++) {
    const pageInput = {
      ...given,
      [offsetKey]: enc(offset),
      ...(limit !== undefined ? { [limitKey]: enc(limit) } : {}),
    };
    const out = await call(pageInput as I, callOptions);
    yield out;
    const count = listLength(out, spec.listKey);
    if (count === 0) return;
    offset += count;
    first ??= count;
    const total = totalKey ? num(valueAt(out, totalKey)) : undefined;
    // The total decides when present: servers may cap Limit, so a short page is not the end.
    if (total !== undefined ? offset >= total : count < first) return;
    if (page >= max) {
      if (quiet) return;
      throw tooMany(spec, page);
    }
  }
}

/**
 * Pages of a page-number action, from the input's page number or `firstPage`. Page numbers
 * count in the server's page size, which is the first page's length when the server caps it.
 */
export async function* paginatePage<I extends object, O extends object>(
  call: PageCall<I, O>,
  input: I,
  spec: PagePagination<O>,
  options?: PaginateOptions,
): AsyncGenerator<O, void, undefined> {
  const { max, quiet, call: callOptions } = bound(spec, options);
  const pageKey = spec.pageKey ?? 'PageNumber';
  const sizeKey = spec.sizeKey ?? 'PageSize';
  const firstPage = spec.firstPage ?? 1;
  const enc = (n: number) => (spec.numbersAsStrings ? String(n) : n);
  const given = input as Record<string, unknown>;
  const start = num(given[pageKey]) ?? firstPage;
  const size = num(given[sizeKey]) ?? spec.pageSize;
  let seen = 0;
  let first: number | undefined;
  for (let page = 1; ; page++) {
    const number = start + page - 1;
    const pageInput = {
      ...given,
      [pageKey]: enc(number),
      ...(size !== undefined ? { [sizeKey]: enc(size) } : {}),
    };
    const out = await call(pageInput as I, callOptions);
    yield out;
    const count = listLength(out, spec.listKey);
    if (count === 0) return;
    seen += count;
    first ??= count;
    const totalPages = spec.totalPagesKey ? num(valueAt(out, spec.totalPagesKey)) : undefined;
    const total = spec.totalKey ? num(valueAt(out, spec.totalKey)) : undefined;
    if (totalPages !== undefined && number - firstPage + 1 >= totalPages) return;
    // Items before the first page walked are counted in its length (a full page, or the last).
    if (total !== undefined && (start - firstPage) * first + seen >= total) return;
    if (total === undefined && totalPages === undefined && count < first) return;
    if (page >= max) {
      if (quiet) return;
      throw tooMany(spec, page);
    }
  }
}

/** Pages of a token action; stops when the token is missing, empty or repeats. */
export async function* paginateToken<I extends object, O extends object>(
  call: PageCall<I, O>,
  input: I,
  spec: TokenPagination<O>,
  options?: PaginateOptions,
): AsyncGenerator<O, void, undefined> {
  const { max, quiet, call: callOptions } = bound(spec, options);
  const inKey = spec.inputTokenKey ?? 'NextToken';
  const outKey = spec.outputTokenKey ?? 'NextToken';
  const seenTokens = new Set<string>();
  let token = (input as Record<string, unknown>)[inKey];
  if (typeof token === 'string' || typeof token === 'number') seenTokens.add(String(token));
  let items = 0;
  for (let page = 1; ; page++) {
    const pageInput = token === undefined || token === null ? input : { ...input, [inKey]: token };
    const out = await call(pageInput as I, callOptions);
    yield out;
    const count = listLength(out, spec.listKey);
    if (count === 0) return;
    items += count;
    const total = spec.totalKey ? num(valueAt(out, spec.totalKey)) : undefined;
    if (total !== undefined && items >= total) return;
    const next = valueAt(out, outKey);
    const key = typeof next === 'string' || typeof next === 'number' ? String(next) : '';
    if (key === '' || seenTokens.has(key)) return;
    seenTokens.add(key);
    token = next;
    if (page >= max) {
      if (quiet) return;
      throw tooMany(spec, page);
    }
  }
}

/** The items of every page, in order; `listKey` is a dotted output path naming a list. */
export async function* paginateItems<O extends object, P extends string>(
  pages: AsyncIterable<O>,
  listKey: P & ([ItemAt<O, P>] extends [never] ? never : unknown),
): AsyncGenerator<ItemAt<O, P>, void, undefined> {
  for await (const page of pages) {
    const list = valueAt(page, listKey);
    if (Array.isArray(list)) yield* list as ItemAt<O, P>[];
  }
}
