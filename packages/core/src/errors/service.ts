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
>(service: string, codes: C, actions: A): ServiceErrorRegistry<keyof C & string, A> {
  const sets = new Map<string, ReadonlySet<string>>();
  const setOf = (action: string): ReadonlySet<string> => {
    let s = sets.get(action);
    if (!s) {
      s = new Set(hasOwn.call(actions, action) ? actions[action] : []);
      sets.set(action, s);
    }
    return s;
  };
  type Registry = ServiceErrorRegistry<keyof C & string, A>;
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
    codesOf(action) {
      return (hasOwn.call(actions, action) ? actions[action] : []) as never;
    },
    isActionError: isActionError as Registry['isActionError'],
  };
}
