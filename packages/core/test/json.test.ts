import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson, stringifyJson } from '../src/json.js';

/** JSON.parse's result with every unsafe integer token replaced by its bigint, for comparison. */
function sameAsNative(text: string): void {
  let native: unknown;
  let nativeError: unknown;
  try {
    native = JSON.parse(text);
  } catch (e) {
    nativeError = e;
  }
  if (nativeError) {
    expect(() => parseJson(text)).toThrow(SyntaxError);
    return;
  }
  const ours = parseJson(text);
  expect(normalise(ours)).toEqual(native);
}

/** Maps bigints back to numbers (what JSON.parse would have produced). */
function normalise(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, k, {
        value: normalise(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return v;
}

describe('parseJson', () => {
  it('keeps integers beyond 2^53 exact as bigint', () => {
    const r = parseJson(
      '{"Id":12345678901234567890,"Neg":-9007199254740993,"Ok":9007199254740991}',
    ) as Record<string, unknown>;
    expect(r.Id).toBe(12345678901234567890n);
    expect(r.Neg).toBe(-9007199254740993n);
    expect(r.Ok).toBe(9007199254740991);
  });

  it('leaves fractions and exponents as numbers, and long digit runs in strings alone', () => {
    const r = parseJson(
      '[1234567890123456789.5, 1.2345678901234567e30, "12345678901234567890", -0]',
    ) as unknown[];
    expect(r[0]).toBe(Number('1234567890123456789.5'));
    expect(r[1]).toBe(1.2345678901234567e30);
    expect(r[2]).toBe('12345678901234567890');
    expect(Object.is(r[3], -0)).toBe(true);
  });

  it('uses the native parser for ordinary bodies', () => {
    expect(parseJson('{"a":[1,2,{"b":"c"}]}')).toEqual({ a: [1, 2, { b: 'c' }] });
  });

  it('creates __proto__ as an own property, like JSON.parse', () => {
    const r = parseJson('{"__proto__":{"x":1},"n":12345678901234567890}') as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.keys(r)).toEqual(['__proto__', 'n']);
  });

  it('rejects malformed text with SyntaxError on the slow path', () => {
    for (const bad of [
      '{"a":12345678901234567890',
      '[12345678901234567890,]',
      '{"a" 12345678901234567890}',
      '012345678901234567890',
      '[1234567890123456789] x',
      '"\u0001"1234567890123456789',
      '{"a":1,}1234567890123456',
      '',
    ]) {
      expect(() => parseJson(bad), bad).toThrow(SyntaxError);
    }
  });

  it('matches JSON.parse on arbitrary JSON (property)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => sameAsNative(text)),
      { numRuns: 500 },
    );
  });

  it('matches JSON.parse on arbitrary JSON forced through the slow path (property)', () => {
    const big = fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map((n) => n.toString());
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 0 }),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, big, fc.constantFrom(' ', '\n', '\r\n\t', ''), (v, n, ws) => {
        const text = `[${JSON.stringify(v, null, ws ? 1 : undefined)},${ws}${n}, "1234567890123456"]`;
        sameAsNative(text);
        const arr = parseJson(text) as unknown[];
        const exact = arr[1];
        expect(String(exact)).toBe(n);
        expect(typeof exact).toBe(Number.isSafeInteger(Number(n)) ? 'number' : 'bigint');
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with JSON.parse on mutated, possibly invalid text (property)', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), (text, at, junk) => {
        const i = at % (text.length + 1);
        sameAsNative(text.slice(0, i) + junk + '1234567890123456' + text.slice(i));
      }),
      { numRuns: 500 },
    );
  });
});

describe('stringifyJson', () => {
  it('writes bigint as exact digits', () => {
    expect(stringifyJson({ A: 12345678901234567890n, B: [1n, 'x'], C: undefined })).toBe(
      '{"A":12345678901234567890,"B":[1,"x"]}',
    );
  });

  it('round-trips big integers through parseJson', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }), (n) => {
        const back = parseJson(stringifyJson({ n })) as { n: Int };
        expect(BigInt(back.n)).toBe(n);
      }),
    );
  });

  it('matches JSON.stringify on values with a bigint-free copy (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(stringifyJson([v, 1n])).toBe(`[${JSON.stringify(v)},1]`);
      }),
    );
  });

  it('honours toJSON and skips functions like JSON.stringify, and detects cycles', () => {
    const d = new Date(0);
    expect(stringifyJson({ d, f: () => 1, n: 2n, a: [undefined] })).toBe(
      `{"d":${JSON.stringify(d)},"n":2,"a":[null]}`,
    );
    const cyc: Record<string, unknown> = { n: 1n };
    cyc.self = cyc;
    expect(() => stringifyJson(cyc)).toThrow(TypeError);
  });
});

type Int = number | bigint;
