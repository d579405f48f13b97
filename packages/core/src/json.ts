/**
 * Exact JSON numbers.
 *
 * `parseJson` is `JSON.parse` except that integers outside the safe range (|n| > 2^53 - 1)
 * become `bigint` instead of silently losing digits. Ordinary bodies take the fast path:
 * the slow parser only runs when the text holds a run of 16 or more digits.
 * `stringifyJson` is `JSON.stringify` that writes `bigint` values as exact digits.
 */

const LONG_DIGITS = /\d{16}/;

/** Parses JSON text; unsafe integers come back as `bigint`. Throws `SyntaxError` like JSON.parse. */
export function parseJson(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  return parseExact(text);
}

// One token after optional whitespace. Groups: 1 punctuation, 2 string (no raw control
// characters, only valid escapes, as JSON.parse requires), 3 number (4 fraction, 5 exponent),
// 6 literal.
const TOKEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings.
  /[ \t\n\r]*(?:([{}[\],:])|("(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*")|(-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)|(true|false|null))/y;
const TRAILING_WS = /[ \t\n\r]*$/y;

/** The slow path: a small recursive-descent parser over TOKEN. */
function parseExact(text: string): unknown {
  const fail = (at: number): never => {
    throw new SyntaxError(`Unexpected token in JSON at position ${at}`);
  };
  const next = (): RegExpExecArray => {
    const at = TOKEN.lastIndex;
    return TOKEN.exec(text) ?? fail(at);
  };
  // After a member: `,` continues, `close` ends the array or object.
  const more = (close: string): boolean => {
    const t = next();
    if (t[1] === close) return false;
    return t[1] === ',' || fail(TOKEN.lastIndex);
  };
  const value = (t: RegExpExecArray): unknown => {
    const [, punct, str, num, fraction, exponent, literal] = t;
    if (str !== undefined) return str.includes('\\') ? JSON.parse(str) : str.slice(1, -1);
    if (num !== undefined) {
      const n = Number(num);
      // Only pure integers can be exact; fractions and exponents stay doubles like JSON.parse.
      return fraction === undefined && exponent === undefined && !Number.isSafeInteger(n)
        ? BigInt(num)
        : n;
    }
    if (literal !== undefined) return literal === 'null' ? null : literal === 'true';
    if (punct === '[') {
      const out: unknown[] = [];
      let item = next();
      if (item[1] === ']') return out;
      for (;;) {
        out.push(value(item));
        if (!more(']')) return out;
        item = next();
      }
    }
    if (punct === '{') {
      const out: Record<string, unknown> = {};
      let key = next();
      if (key[1] === '}') return out;
      for (;;) {
        if (key[2] === undefined || next()[1] !== ':') fail(TOKEN.lastIndex);
        // JSON.parse creates an own "__proto__" property; plain assignment would set the prototype.
        Object.defineProperty(out, value(key) as string, {
          value: value(next()),
          writable: true,
          enumerable: true,
          configurable: true,
        });
        if (!more('}')) return out;
        key = next();
      }
    }
    return fail(TOKEN.lastIndex);
  };
  TOKEN.lastIndex = 0;
  const doc = value(next());
  TRAILING_WS.lastIndex = TOKEN.lastIndex;
  TRAILING_WS.exec(text);
  if (TRAILING_WS.lastIndex !== text.length) fail(TOKEN.lastIndex);
  return doc;
}

/**
 * `JSON.stringify` that writes `bigint` as exact digits. Values without bigints take the
 * native path; only when it refused a bigint is the value written again with a replacer.
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
  }
  // Each bigint is written as a quoted placeholder, then the placeholders are swapped for the
  // digits. The random tag keeps real strings from matching; the count check makes sure.
  for (;;) {
    const tag = `bigint:${Math.random().toString(36).slice(2)}`;
    const digits: string[] = [];
    const text = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v !== 'bigint') return v;
      digits.push(v.toString());
      return tag;
    }) as string;
    const pieces = text.split(`"${tag}"`);
    if (pieces.length === digits.length + 1) {
      return pieces.map((piece, i) => (i === 0 ? piece : digits[i - 1] + piece)).join('');
    }
  }
}
