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
  return new ExactParser(text).parseDocument();
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// A complete string token: no raw control characters, only valid escapes (as JSON.parse requires).
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERAL = /true|false|null/y;

class ExactParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseDocument(): unknown {
    const value = this.value();
    this.ws();
    if (this.pos !== this.text.length) this.fail();
    return value;
  }

  private fail(): never {
    throw new SyntaxError(`Unexpected token in JSON at position ${this.pos}`);
  }

  private ws(): void {
    WS.lastIndex = this.pos;
    WS.exec(this.text);
    this.pos = WS.lastIndex;
  }

  private match(re: RegExp): RegExpExecArray {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) this.fail();
    this.pos = re.lastIndex;
    return m;
  }

  private value(): unknown {
    this.ws();
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x7b /* { */) return this.object();
    if (c === 0x5b /* [ */) return this.array();
    if (c === 0x22 /* " */) return this.string();
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) return this.number();
    const lit = this.match(LITERAL)[0];
    return lit === 'null' ? null : lit === 'true';
  }

  private string(): string {
    const token = this.match(STRING)[0];
    return token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1);
  }

  private number(): number | bigint {
    const m = this.match(NUMBER);
    const token = m[0];
    const n = Number(token);
    // Only pure integers can be exact; fractions and exponents stay IEEE doubles like JSON.parse.
    if (m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(n)) return BigInt(token);
    return n;
  }

  private array(): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    this.ws();
    if (this.text.charCodeAt(this.pos) === 0x5d /* ] */) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x5d) return out;
      if (c !== 0x2c /* , */) {
        this.pos--;
        this.fail();
      }
    }
  }

  private object(): Record<string, unknown> {
    this.pos++;
    const out: Record<string, unknown> = {};
    this.ws();
    if (this.text.charCodeAt(this.pos) === 0x7d /* } */) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.text.charCodeAt(this.pos) !== 0x22) this.fail();
      const key = this.string();
      this.ws();
      if (this.text.charCodeAt(this.pos++) !== 0x3a /* : */) {
        this.pos--;
        this.fail();
      }
      const v = this.value();
      // JSON.parse creates an own "__proto__" property; plain assignment would set the prototype.
      if (key === '__proto__') {
        Object.defineProperty(out, key, {
          value: v,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else {
        out[key] = v;
      }
      this.ws();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x7d) return out;
      if (c !== 0x2c) {
        this.pos--;
        this.fail();
      }
    }
  }
}

/**
 * `JSON.stringify` that writes `bigint` as exact digits. Values without bigints take the
 * native path; the slow writer only runs when the native one refused a bigint.
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
  }
  // Like JSON.stringify, an unserialisable top-level value (undefined, a function) gives undefined.
  return write(value, '', new Set()) as string;
}

function write(input: unknown, key: string, stack: Set<object>): string | undefined {
  let v = input;
  if (typeof v === 'bigint') return v.toString();
  if (
    v !== null &&
    typeof v === 'object' &&
    typeof (v as { toJSON?: unknown }).toJSON === 'function'
  ) {
    v = (v as { toJSON(k: string): unknown }).toJSON(key);
    if (typeof v === 'bigint') return v.toString();
  }
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (v instanceof Number || v instanceof String || v instanceof Boolean) return JSON.stringify(v);
  if (stack.has(v)) throw new TypeError('Converting circular structure to JSON');
  stack.add(v);
  let out: string;
  if (Array.isArray(v)) {
    const items: string[] = [];
    for (let i = 0; i < v.length; i++) items.push(write(v[i], String(i), stack) ?? 'null');
    out = '[' + items.join(',') + ']';
  } else {
    const parts: string[] = [];
    const obj = v as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const s = write(obj[k], k, stack);
      if (s !== undefined) parts.push(JSON.stringify(k) + ':' + s);
    }
    out = '{' + parts.join(',') + '}';
  }
  stack.delete(v);
  return out;
}
