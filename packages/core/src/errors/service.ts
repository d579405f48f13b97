import { isTencentCloudError, type TencentCloudError } from './api.js';
import { type CommonErrorCode, describeCommonError, isCommonErrorCode } from './codes.js';

/** Per-service error codes and the codes each action can return. */
export interface ServiceErrorRegistry<
  C extends string = string,
  A extends Record<string, readonly string[]> = Record<string, readonly string[]>,
> {
  readonly service: string;
  readonly codes: Readonly<Record<C, string>>;
  /** Description of a code: the service's own first, then the common registry (hierarchical). */
  describe(code: string): string | undefined;
  /** The codes documented for an action (service codes and generic ones). */
  codesOf<K extends keyof A & string>(action: K): A[K];
  /**
   * True when `err` is an API error raised by `action` of this service whose code is one the
   * action documents or a common code, so the narrowed code type is honest.
   */
  isActionError<K extends keyof A & string>(
    err: unknown,
    action: K,
  ): err is TencentCloudError<A[K][number] | CommonErrorCode>;
}

const hasOwn = Object.prototype.hasOwnProperty;

export function defineServiceErrors<
  const C extends Record<string, string>,
  const A extends Record<string, readonly string[]>,
>(service: string, codes: C, actions: A): ServiceErrorRegistry<keyof C & string, A>;
/**
 * The compact form generated packages use: each action's codes as base-36 indices, separated
 * by spaces, into the service's codes (in `codes`' key order) followed by `more` (the generic
 * codes the actions name). Decoded on the first `codesOf`/`isActionError` of each action; cvm's
 * registry is 51 KB of JavaScript instead of 124 KB.
 */
export function defineServiceErrors(
  service: string,
  codes: Record<string, string>,
  actions: Record<string, string>,
  more: readonly string[],
): ServiceErrorRegistry;
export function defineServiceErrors(
  service: string,
  codes: Record<string, string>,
  actions: Record<string, readonly string[] | string>,
  more?: readonly string[],
): ServiceErrorRegistry {
  let table: readonly string[] | undefined;
  const lists = new Map<string, readonly string[]>();
  const listOf = (action: string): readonly string[] => {
    const given = hasOwn.call(actions, action) ? actions[action] : undefined;
    if (typeof given !== 'string') return given ?? [];
    let list = lists.get(action);
    if (!list) {
      table ??= [...Object.keys(codes), ...(more ?? [])];
      const all = table;
      list = given === '' ? [] : given.split(' ').map((i) => codeAt(all, i, service, action));
      lists.set(action, list);
    }
    return list;
  };
  const sets = new Map<string, ReadonlySet<string>>();
  const setOf = (action: string): ReadonlySet<string> => {
    let s = sets.get(action);
    if (!s) {
      s = new Set(listOf(action));
      sets.set(action, s);
    }
    return s;
  };
  const isActionError = (err: unknown, action: string): boolean => {
    if (!isTencentCloudError(err)) return false;
    if (err.service !== undefined && err.service !== service) return false;
    if (err.action !== undefined && err.action !== action) return false;
    return setOf(action).has(err.code) || isCommonErrorCode(err.code);
  };
  return {
    service,
    codes,
    describe(code) {
      if (hasOwn.call(codes, code)) return codes[code];
      return describeCommonError(code);
    },
    codesOf: listOf as ServiceErrorRegistry['codesOf'],
    isActionError: isActionError as ServiceErrorRegistry['isActionError'],
  };
}

/** The code at base-36 index `i` of `table`; a bad index is a defect of the generated data. */
function codeAt(table: readonly string[], i: string, service: string, action: string): string {
  const code = /^[0-9a-z]+$/.test(i) ? table[Number.parseInt(i, 36)] : undefined;
  if (code === undefined)
    throw new RangeError(`${service} ${action}: error-code index "${i}" is not in its table`);
  return code;
}
