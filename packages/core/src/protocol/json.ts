/**
 * Exact JSON numbers.
 *
 * `parseJson` is `JSON.parse` except that integers outside the safe range (|n| > 2^53 - 1)
 * become `bigint` instead of silently losing digits. `stringifyJson` is `JSON.stringify` that
 * writes `bigint` as exact digits, ignores `toJSON` methods other packages add to built-in
 * prototypes, and reports inputs JSON cannot carry faithfully (cycles, NaN, Infinity) as
 * `ConfigurationError` naming the input path.
 */
import { ConfigurationError } from '../errors/transport.js';

// Captured at load so that a later patch of these globals cannot change what is sent.
const nativeParse = JSON.parse;
const nativeStringify = JSON.stringify;
const { getPrototypeOf, hasOwn, keys: ownKeys } = Object;
const { isArray } = Array;
const dateValue = Date.prototype.valueOf;
const dateToIso = Date.prototype.toISOString;
const dateToJson = Date.prototype.toJSON;
const numberValue = Number.prototype.valueOf;
const stringValue = String.prototype.valueOf;
const booleanValue = Boolean.prototype.valueOf;
const bigintValue = BigInt.prototype.valueOf;
// Written out: V8 scans for a fixed sequence several times faster than for `\d{16}`.
const DIGITS_16 = '\\d'.repeat(16);
const LONG_DIGITS = new RegExp(DIGITS_16);

// ---------------------------------------------------------------------------------------------
// Parsing
//
// Plain JSON.parse does all the parsing, so every valid document (any depth, any string size)
// parses as JSON.parse parses it and every invalid one throws its SyntaxError. A linear scan
// first finds the unsafe integer literals outside strings; each is rewritten as a string token
// holding a random tag and its digits, and after JSON.parse an iterative walk turns those
// strings back into bigint. A number token and a string token are interchangeable everywhere
// in the JSON grammar except as a property name, which the walk rejects.

// Runs of 16+ digits (2^53 has 16 digits); usually few, so the scan jumps from one to the next.
const RUNS = new RegExp(`${DIGITS_16}\\d*`, 'g');
const MAX_SAFE_DIGITS = `${Number.MAX_SAFE_INTEGER}`;
// Characters that, just before a digit run (or its minus sign), make it part of a fraction or
// exponent, or an invalid token that must be left for JSON.parse to reject.
const NOT_INTEGER_BEFORE = /[\d.eE+-]/;
const FLOAT_AFTER = /[.eE]/;

/** Parses JSON text; unsafe integers come back as `bigint`. Throws `SyntaxError` like JSON.parse. */
export function parseJson(text: string): unknown {
  // The fast path most bodies take: no 16-digit run anywhere.
  if (!LONG_DIGITS.test(text)) return nativeParse(text);
  const tag = `\u0000${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}!`;
  let rewritten = '';
  let copied = 0;
  let count = 0;
  // Whether the run is inside a string: the quotes before it toggle, except escaped ones. The
  // quotes are found with indexOf and only up to the last run, so the scan is cheap and linear.
  let inString = false;
  let quote = text.indexOf('"');
  RUNS.lastIndex = 0;
  for (let m = RUNS.exec(text); m; m = RUNS.exec(text)) {
    while (quote !== -1 && quote < m.index) {
      if (!inString || !escaped(text, quote)) inString = !inString;
      quote = text.indexOf('"', quote + 1);
    }
    if (inString) continue;
    const digits = m[0];
    const start = text.charCodeAt(m.index - 1) === 0x2d ? m.index - 1 : m.index; // minus sign
    const end = m.index + digits.length;
    if (
      digits.charCodeAt(0) === 0x30 || // a leading zero: invalid, JSON.parse rejects it
      NOT_INTEGER_BEFORE.test(text.charAt(start - 1)) ||
      FLOAT_AFTER.test(text.charAt(end)) || // a fraction or exponent follows: a double
      (digits.length === 16 && digits <= MAX_SAFE_DIGITS)
    ) {
      continue;
    }
    rewritten += `${text.slice(copied, start)}"\\u0000${tag.slice(1)}${text.slice(start, end)}"`;
    copied = end;
    count++;
  }
  if (count === 0) return nativeParse(text);
  try {
    return restoreBigints(nativeParse(rewritten + text.slice(copied)), tag, count);
  } catch (err) {
    nativeParse(text); // throws JSON.parse's own SyntaxError, with positions in `text`
    throw err;
  }
}

/** Whether the quote at `at` is escaped: an odd number of backslashes before it. */
function escaped(text: string, at: number): boolean {
  let n = 0;
  while (text.charCodeAt(at - 1 - n) === 0x5c) n++;
  return n % 2 === 1;
}

/** Replaces the `count` tagged strings in `doc` by their bigint, without recursion. */
function restoreBigints(doc: unknown, tag: string, count: number): unknown {
  const tagged = (s: string): boolean => s.charCodeAt(0) === 0 && s.startsWith(tag);
  const exact = (s: string): bigint => BigInt(s.slice(tag.length));
  if (typeof doc === 'string') return tagged(doc) ? exact(doc) : doc;
  const pending: object[] = doc !== null && typeof doc === 'object' ? [doc] : [];
  let left = count;
  while (left > 0 && pending.length > 0) {
    const node = pending.pop() as Record<string, unknown> | unknown[];
    if (isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v = node[i];
        if (typeof v === 'string') {
          if (tagged(v)) {
            node[i] = exact(v);
            left--;
          }
        } else if (v !== null && typeof v === 'object') pending.push(v);
      }
    } else {
      for (const key of ownKeys(node)) {
        if (tagged(key)) throw new SyntaxError('Expected a property name in JSON, found a number');
        const v = node[key];
        if (typeof v === 'string') {
          if (tagged(v)) {
            node[key] = exact(v); // an own property already, `__proto__` included
            left--;
          }
        } else if (v !== null && typeof v === 'object') pending.push(v);
      }
    }
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Serialization
//
// The common path is native JSON.stringify, taken only when its answer is provably the one
// below: no built-in prototype carries a foreign toJSON, it did not throw (bigint, cycle, too
// deep) and its output has no `null` (NaN and Infinity become `null`). Anything else is written
// by `serialize`, an iterative JSON.stringify with those differences.

/**
 * Built-in prototypes whose `toJSON` JSON.stringify would consult for an input value; none has
 * one natively except Date's. A `toJSON` found on one of them was put there by another package.
 */
type Proto = { toJSON?: unknown; toISOString?: unknown };
const proto = (p: object): Proto => p;
const ObjectProto = proto(Object.prototype);
const ArrayProto = proto(Array.prototype);
const FunctionProto = proto(Function.prototype);
const BigIntProto = proto(BigInt.prototype);
const NumberProto = proto(Number.prototype);
const StringProto = proto(String.prototype);
const BooleanProto = proto(Boolean.prototype);
const DateProto = proto(Date.prototype);
const BUILTIN = new Set<object>([
  ObjectProto,
  ArrayProto,
  FunctionProto,
  BigIntProto,
  NumberProto,
  StringProto,
  BooleanProto,
  DateProto,
]);

/** Whether native JSON.stringify would call a foreign toJSON. The reads go up to Object.prototype. */
const builtinsPatched = (): boolean =>
  ArrayProto.toJSON !== undefined ||
  FunctionProto.toJSON !== undefined ||
  BigIntProto.toJSON !== undefined ||
  NumberProto.toJSON !== undefined ||
  StringProto.toJSON !== undefined ||
  BooleanProto.toJSON !== undefined ||
  DateProto.toJSON !== dateToJson ||
  DateProto.toISOString !== dateToIso;

/**
 * `JSON.stringify` that writes `bigint` as exact digits. Throws `ConfigurationError` naming the
 * input path (`input.Filters[0].Self`) for a circular reference, NaN or ±Infinity.
 */
export function stringifyJson(value: unknown): string {
  if (!builtinsPatched()) {
    let text: string | undefined;
    try {
      text = nativeStringify(value);
    } catch {
      // bigint, a cycle or very deep nesting: written (or reported) below
    }
    if (text !== undefined && !text.includes('null')) return text;
  }
  return serialize(value) as string;
}

interface Frame {
  readonly node: object;
  /** Own enumerable keys, or `undefined` for an array. */
  readonly keys: string[] | undefined;
  /** The next member to write. */
  next: number;
  /** Whether a member was written (a comma goes before the next one). */
  wrote: boolean;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Deeper than any real input; stops a toJSON that returns a fresh object at every level. */
const MAX_DEPTH = 1_000_000;

/** `input.Filters[0]["a b"]`: where the member being written sits. */
function pathOf(stack: readonly Frame[]): string {
  let path = 'input';
  for (const f of stack) {
    const at = f.next - 1;
    if (!f.keys) path += `[${at}]`;
    else {
      const key = f.keys[at] as string;
      path += IDENTIFIER.test(key) ? `.${key}` : `[${nativeStringify(key)}]`;
    }
  }
  return path;
}

/** The value JSON.stringify writes for `value`: after toJSON and unwrapping of primitives. */
function resolve(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') {
    // BigInt.prototype.toJSON and Function.prototype.toJSON are ignored: bigints are numbers
    // here, and functions are skipped as JSON.stringify skips them.
    return value;
  }
  const toJson = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJson === 'function') {
    let owner: object | null = value;
    while (owner && !hasOwn(owner, 'toJSON')) owner = getPrototypeOf(owner);
    if (!owner || !BUILTIN.has(owner)) value = toJson.call(value, key);
  }
  if (value instanceof Date) {
    // What the original Date.prototype.toJSON writes.
    const time = dateValue.call(value);
    return Number.isFinite(time) ? dateToIso.call(value) : null;
  }
  if (value instanceof Number) return numberValue.call(value);
  if (value instanceof String) return stringValue.call(value);
  if (value instanceof Boolean) return booleanValue.call(value);
  if (value instanceof BigInt) return bigintValue.call(value);
  return value;
}

// Strings without quotes, backslashes, control characters or surrogates are written as they are.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters JSON escapes.
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
const quote = (s: string): string => (PLAIN.test(s) ? `"${s}"` : nativeStringify(s));

const skipped = (v: unknown): boolean =>
  v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** JSON.stringify without recursion; undefined when the root itself is skipped. */
function serialize(root: unknown): string | undefined {
  const stack: Frame[] = [];
  const open = new Set<object>(); // the objects being written, to find cycles
  let out = '';
  const write = (v: unknown): void => {
    switch (typeof v) {
      case 'string':
        out += quote(v);
        return;
      case 'number':
        if (!Number.isFinite(v)) {
          const path = pathOf(stack);
          throw new ConfigurationError(
            `The input holds ${v} at ${path}, which JSON cannot carry (it would be sent as null)`,
            { option: path },
          );
        }
        out += `${v}`;
        return;
      case 'bigint':
        out += `${v}`;
        return;
      case 'boolean':
        out += v ? 'true' : 'false';
        return;
    }
    if (v === null) {
      out += 'null';
      return;
    }
    const node = v as object;
    if (open.has(node)) {
      const path = pathOf(stack);
      throw new ConfigurationError(`The input has a circular reference at ${path}`, {
        option: path,
      });
    }
    if (stack.length >= MAX_DEPTH) {
      throw new ConfigurationError(`The input is nested more than ${MAX_DEPTH} levels deep`, {
        option: 'input',
      });
    }
    open.add(node);
    const keys = isArray(node) ? undefined : ownKeys(node);
    out += keys ? '{' : '[';
    stack.push({ node, keys, next: 0, wrote: false });
  };

  const first = resolve(root, '');
  if (skipped(first)) return undefined;
  write(first);
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as Frame;
    if (!f.keys) {
      const items = f.node as unknown[];
      if (f.next >= items.length) {
        out += ']';
        stack.pop();
        open.delete(f.node);
        continue;
      }
      const i = f.next++;
      if (i > 0) out += ',';
      const v = resolve(items[i], `${i}`);
      if (skipped(v)) out += 'null';
      else write(v);
    } else {
      if (f.next >= f.keys.length) {
        out += '}';
        stack.pop();
        open.delete(f.node);
        continue;
      }
      const key = f.keys[f.next++] as string;
      const v = resolve((f.node as Record<string, unknown>)[key], key);
      if (skipped(v)) continue;
      out += `${f.wrote ? ',' : ''}${quote(key)}:`;
      f.wrote = true;
      write(v);
    }
  }
  return out;
}
