/**
 * Base class of every error the SDK throws.
 *
 * `instanceof` works across two installed copies of core: each class has a brand name,
 * instances carry the brands of their class chain under a `Symbol.for` key, and
 * `Symbol.hasInstance` checks that key when the prototype check fails.
 */

import { redactText } from '../protocol/redact.js';

const BRANDS: unique symbol = Symbol.for('tc-sdk.core.errorBrands') as never;
/** Static key holding a class's brand name; subclasses declare `static readonly [CLASS_BRAND]`. */
export const CLASS_BRAND: unique symbol = Symbol.for('tc-sdk.core.errorClassBrand') as never;
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

type Branded = { readonly [CLASS_BRAND]?: string };

function brandsOf(ctor: unknown): string[] {
  const out: string[] = [];
  for (
    let c = ctor as Branded | null;
    c && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  ) {
    if (Object.hasOwn(c, CLASS_BRAND) && c[CLASS_BRAND]) out.push(c[CLASS_BRAND]);
  }
  return out;
}

export function hasBrand(value: unknown, name: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const brands = (value as { [BRANDS]?: unknown })[BRANDS];
  return Array.isArray(brands) && brands.includes(name);
}

function isInstance(ctor: Function, value: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(ctor, value)) return true;
  const own = Object.hasOwn(ctor, CLASS_BRAND) ? (ctor as Branded)[CLASS_BRAND] : undefined;
  return own !== undefined && hasBrand(value, own);
}

export interface SdkErrorOptions {
  readonly cause?: unknown;
}

export class SdkError extends Error {
  static readonly [CLASS_BRAND]: string = 'SdkError';
  /** Attempts made before this error was thrown (the retry layer fills it). */
  attempts = 1;
  /** Total time spent waiting between attempts, in milliseconds. */
  totalRetryDelayMs = 0;
  /** Whether retrying may succeed without repeating an effect. */
  retryable = false;

  constructor(message: string, options?: SdkErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    Object.defineProperty(this, 'name', {
      value: new.target.name,
      configurable: true,
      writable: true,
    });
    Object.defineProperty(this, BRANDS, { value: brandsOf(new.target) });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: the receiver is the (sub)class on the right of instanceof.
    return isInstance(this, value);
  }

  /**
   * Plain fields for logs: never request headers, credentials or the cause (which may be
   * anything); strings are scrubbed of registered secrets and signatures.
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: redactText(this.message) };
    for (const [k, v] of Object.entries(this)) {
      if (k === 'cause' || (typeof v === 'object' && v !== null)) continue;
      out[k] = typeof v === 'string' ? redactText(v) : v;
    }
    return out;
  }

  /** `util.inspect`: the scrubbed stack, then the fields of `toJSON`. */
  [INSPECT](): string {
    const { name: _name, message: _message, ...fields } = this.toJSON();
    return `${redactText(this.stack ?? `${this.name}: ${this.message}`)}\n${JSON.stringify(fields)}`;
  }
}
