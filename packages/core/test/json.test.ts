import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../src/protocol/json.js';

const BIG = '12345678901234567890';

/** parseJson agrees with JSON.parse: same value (bigints mapped back to numbers) or both throw. */
function sameAsNative(text: string): void {
  let native: unknown;
  try {
    native = JSON.parse(text);
  } catch {
    expect(() => parseJson(text), text).toThrow(SyntaxError);
    return;
  }
  expect(canon(parseJson(text), true), text).toEqual(canon(native));
}

/**
 * A comparable form that keeps what toEqual might blur: own keys in order (`__proto__`
 * included), prototypes, -0, number vs bigint. `asNumbers` maps bigint to what JSON.parse gives.
 */
function canon(v: unknown, asNumbers = false): unknown {
  if (typeof v === 'bigint') return asNumbers ? Number(v) : { bigint: `${v}` };
  if (Array.isArray(v)) return { array: v.map((x) => canon(x, asNumbers)) };
  if (v !== null && typeof v === 'object') {
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    return {
      object: Object.keys(v).map((k) => [k, canon((v as Record<string, unknown>)[k], asNumbers)]),
    };
  }
  return v;
}

/** A JSON document model, serialized and evaluated by the test alone (no JSON.parse). */
type Doc =
  | { readonly t: 'big'; readonly n: bigint }
  | { readonly t: 'leaf'; readonly v: string | number | boolean | null }
  | { readonly t: 'arr'; readonly items: readonly Doc[] }
  | { readonly t: 'obj'; readonly entries: readonly (readonly [string, Doc])[] };

const two53 = 2n ** 53n;
const bigints = fc.oneof(
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
  fc.bigInt({ min: two53 - 3n, max: two53 + 3n }),
  fc.bigInt({ min: -two53 - 3n, max: -two53 + 3n }),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
);
// Strings full of what confuses a scanner: quotes, backslashes, digit runs, unicode.
const tricky = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.stringMatching(/^[\\"0-9 ]{0,40}$/),
  fc.constantFrom(`"${BIG}`, `\\${BIG}\\`, `\\"${BIG}\\\\`, '\ud83d\ude00', '\ud800', '__proto__'),
);
const docs: fc.Arbitrary<Doc> = fc.letrec<{ doc: Doc }>((tie) => ({
  doc: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    bigints.map((n): Doc => ({ t: 'big', n })),
    fc
      .oneof(
        tricky,
        fc.double(),
        fc.integer(),
        fc.constantFrom(2 ** 53, -(2 ** 53), 2 ** 60, 1e21, 2 ** 53 - 1, 0.1),
        fc.boolean(),
        fc.constant(null),
      )
      .map((v): Doc => ({ t: 'leaf', v })),
    fc.array(tie('doc'), { maxLength: 4 }).map((items): Doc => ({ t: 'arr', items })),
    fc
      .array(fc.tuple(fc.oneof(tricky, fc.string()), tie('doc')), { maxLength: 4 })
      .map((entries): Doc => ({ t: 'obj', entries })),
  ),
})).doc;
const spaces = fc.constantFrom('', ' ', '\n', '\t', '\r\n', ' \t\n\r ');

/** Text for the model: bigints as their digits, leaves with JSON.stringify (a double, NaN → null). */
function toText(d: Doc, ws: string): string {
  switch (d.t) {
    case 'big':
      return `${d.n}`;
    case 'leaf':
      return JSON.stringify(d.v);
    case 'arr':
      return `[${ws}${d.items.map((x) => toText(x, ws)).join(`${ws},${ws}`)}${ws}]`;
    case 'obj':
      return `{${ws}${d.entries.map(([k, x]) => `${JSON.stringify(k)}${ws}:${ws}${toText(x, ws)}`).join(`,${ws}`)}${ws}}`;
  }
}

/** The expected canon of the model: unsafe integers as bigint, the rest as JSON reads it. */
function expected(d: Doc): unknown {
  switch (d.t) {
    case 'big': {
      const safe = d.n >= -(two53 - 1n) && d.n <= two53 - 1n;
      return safe ? Number(d.n) : { bigint: `${d.n}` };
    }
    case 'leaf': {
      const v = d.v;
      if (typeof v !== 'number') return v;
      if (!Number.isFinite(v)) return null; // JSON.stringify wrote null
      // A double written as an integer literal beyond 2^53 (2 ** 60 is "1152921504606846976").
      const literal = JSON.stringify(v);
      if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(v)) return { bigint: literal };
      return Object.is(v, -0) ? 0 : v;
    }
    case 'arr':
      return { array: d.items.map(expected) };
    case 'obj': {
      // Later duplicates win but keep the first one's place, as JSON.parse does.
      const out = new Map<string, unknown>();
      for (const [k, x] of d.entries) out.set(k, expected(x));
      // Own keys list array indices first, ascending, then the rest in insertion order.
      const index = (k: string): boolean => /^(0|[1-9]\d*)$/.test(k) && Number(k) < 2 ** 32 - 1;
      const keys = [...out.keys()];
      const ordered = [
        ...keys.filter(index).sort((a, b) => Number(a) - Number(b)),
        ...keys.filter((k) => !index(k)),
      ];
      return { object: ordered.map((k) => [k, out.get(k)]) };
    }
  }
}

/** Follows `depth` single-child levels without recursion; returns the innermost value. */
function descend(v: unknown, depth: number, key?: string): unknown {
  let at = v;
  let levels = 0;
  for (; levels < depth; levels++) {
    if (key === undefined) {
      if (!Array.isArray(at) || at.length !== 1) break;
      at = at[0];
    } else {
      if (at === null || typeof at !== 'object' || Object.keys(at).join() !== key) break;
      at = (at as Record<string, unknown>)[key];
    }
  }
  expect(levels).toBe(depth);
  return at;
}

describe('parseJson', () => {
  it('keeps integers beyond 2^53 exact as bigint', () => {
    const r = parseJson(
      `{"Id":${BIG},"Neg":-9007199254740993,"Ok":9007199254740991,"Two53":9007199254740992}`,
    ) as Record<string, unknown>;
    expect(r.Id).toBe(12345678901234567890n);
    expect(r.Neg).toBe(-9007199254740993n);
    expect(r.Ok).toBe(9007199254740991);
    expect(r.Two53).toBe(9007199254740992n);
    expect(parseJson('-9007199254740991')).toBe(-9007199254740991);
    expect(parseJson(`-${BIG}`)).toBe(-12345678901234567890n);
  });

  it('reads fractions and exponents as doubles, as JSON.parse does, and -0 as -0', () => {
    for (const n of [
      `${BIG}.5`,
      `${BIG}.0`,
      `${BIG}e0`,
      `-${BIG}E+2`,
      `${BIG}e-5`,
      `0.${BIG}`,
      `1.${BIG}e3`,
      `1e${BIG}`,
      `-1e-${BIG}`,
      `1E+${BIG}`,
    ]) {
      expect(parseJson(`[${n}]`), n).toEqual([JSON.parse(n)]);
      expect(typeof (parseJson(n) as unknown), n).toBe('number');
    }
    const r = parseJson(`[-0, ${BIG}, -0.0]`) as unknown[];
    expect(Object.is(r[0], -0)).toBe(true);
    expect(Object.is(r[2], -0)).toBe(true);
  });

  it('leaves digit runs in strings and keys alone, escaped quotes and backslashes included', () => {
    const text = String.raw`{"${BIG}":"${BIG}","a\"${BIG}":"\\","k":[${BIG},"\\\"${BIG}","\u0022${BIG}"],"\\":${BIG}}`;
    const r = parseJson(text) as Record<string, unknown>;
    expect(Object.keys(r)).toEqual([BIG, `a"${BIG}`, 'k', '\\']);
    expect(r[BIG]).toBe(BIG);
    expect(r.k).toEqual([12345678901234567890n, `\\"${BIG}`, `"${BIG}`]);
    expect(r['\\']).toBe(12345678901234567890n);
  });

  it('reads unicode escapes and surrogates as JSON.parse does', () => {
    const text = String.raw`{"\ud83d\ude00":"\ud83d\ude00","lone":"\ud800\udfff\udc00\ud800","é":"\u00e9\u0000","n":${BIG}}`;
    const r = parseJson(text) as Record<string, unknown>;
    expect(canon(r, true)).toEqual(canon(JSON.parse(text)));
    expect(r.n).toBe(12345678901234567890n);
    expect(r.lone).toBe('\ud800\udfff\udc00\ud800');
  });

  it('creates __proto__ as an own property, like JSON.parse, without touching prototypes', () => {
    const r = parseJson(
      `{"__proto__":{"polluted":${BIG}},"n":${BIG},"a":{"__proto__":${BIG}}}`,
    ) as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.keys(r)).toEqual(['__proto__', 'n', 'a']);
    expect(Object.getOwnPropertyDescriptor(r, '__proto__')?.value).toEqual({
      polluted: 12345678901234567890n,
    });
    expect(Object.getOwnPropertyDescriptor(r.a, '__proto__')?.value).toBe(12345678901234567890n);
    expect(Object.getPrototypeOf(r.a)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses 100k nested arrays and objects (no recursion), with a bigint at the bottom', () => {
    const depth = 100_000;
    const arrays = parseJson(`${'['.repeat(depth)}${BIG}${']'.repeat(depth)}`);
    expect(descend(arrays, depth)).toBe(12345678901234567890n);
    const objects = parseJson(`${'{"a":'.repeat(depth)}-${BIG}${'}'.repeat(depth)}`);
    expect(descend(objects, depth, 'a')).toBe(-12345678901234567890n);
    // A long digit run in a string forces the scan; nothing to convert.
    const inString = parseJson(`${'['.repeat(depth)}"${BIG}"${']'.repeat(depth)}`);
    expect(descend(inString, depth)).toBe(BIG);
  });

  it('parses bodies with 8 and 16 MB strings holding digit runs', () => {
    for (const mb of [8, 16]) {
      const filler = `${BIG}x\\n\\"`.repeat(Math.ceil((mb * 2 ** 20) / 26));
      const text = `{"Response":{"Blob":"${filler}","Id":${BIG},"Tail":"${BIG}"}}`;
      const r = parseJson(text) as { Response: Record<string, unknown> };
      expect(r.Response.Id).toBe(12345678901234567890n);
      expect(r.Response.Tail).toBe(BIG);
      expect(r.Response.Blob).toBe(JSON.parse(`"${filler}"`));
      expect((r.Response.Blob as string).length).toBeGreaterThan(mb * 2 ** 20 * 0.8);
    }
  });

  it('rejects invalid documents with SyntaxError, as JSON.parse does', () => {
    for (const bad of [
      `{"a":${BIG}`, // truncated
      `[${BIG}`,
      `"${BIG}`,
      `[${BIG},]`, // trailing commas
      `{"a":${BIG},}`,
      `{"a":1,}${BIG}`,
      `[0${BIG}]`, // leading zeros
      `-0${BIG}`,
      `[00, ${BIG}]`,
      '-', // lone minus
      `[-, ${BIG}]`,
      `[--${BIG}]`,
      `[+${BIG}]`,
      `[${BIG}.]`,
      `[.${BIG}]`,
      `[${BIG}e]`,
      `{${BIG}:1}`, // a number as a property name
      `{"a":1,${BIG}:2}`,
      `{"a" ${BIG}}`,
      `${BIG} ${BIG}`,
      `[${BIG}] x`,
      `[${BIG}"x"]`,
      `["x"${BIG}]`,
      `true${BIG}`,
      `\ufeff[${BIG}]`, // a BOM is not whitespace
      `['${BIG}']`,
      `"\u0001"${BIG}`,
      `[NaN, ${BIG}]`,
      `[${BIG}, Infinity]`,
      `\\${BIG}`,
      '',
    ]) {
      expect(() => JSON.parse(bad), bad).toThrow(SyntaxError);
      expect(() => parseJson(bad), bad).toThrow(SyntaxError);
    }
  });

  it('reports JSON.parse’s own error, with positions in the given text', () => {
    const bad = `{"a":${BIG},"b":[1,]}`;
    let native = '';
    try {
      JSON.parse(bad);
    } catch (e) {
      native = (e as Error).message;
    }
    expect(() => parseJson(bad)).toThrow(native);
  });

  it('matches JSON.parse on arbitrary JSON (property)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => sameAsNative(text)),
      { numRuns: 500 },
    );
  });

  it('matches JSON.parse on arbitrary JSON values with digit runs in strings, forced through the scan (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), spaces, (v, ws) => {
        sameAsNative(`[${JSON.stringify(v, null, ws)},${ws}"${BIG}"]`);
        sameAsNative(`{"${BIG}":${JSON.stringify(v)},"x":1e${BIG.slice(0, 2)}}`);
      }),
      { numRuns: 300 },
    );
  });

  it('reads documents with big integers as an independent model says (property)', () => {
    fc.assert(
      fc.property(docs, spaces, (d, ws) => {
        const text = `${ws}${toText(d, ws)}${ws}`;
        expect(canon(parseJson(text)), text).toEqual(expected(d));
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with JSON.parse on truncated and mutated, mostly invalid, text (property)', () => {
    fc.assert(
      fc.property(docs, fc.nat(), fc.nat(), fc.string({ maxLength: 3 }), (d, at, cut, junk) => {
        const text = toText(d, ' ');
        const i = at % (text.length + 1);
        sameAsNative(text.slice(0, cut % (text.length + 1)));
        sameAsNative(`${text.slice(0, i)}${junk}${BIG}${text.slice(i)}`);
        sameAsNative(`${text.slice(0, i)}${text.slice(i + 1)}`);
      }),
      { numRuns: 1000 },
    );
  });
});
