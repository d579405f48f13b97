import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, SdkError } from '../src/errors/index.js';
import { parseJson, stringifyJson } from '../src/protocol/json.js';

type Patchable = { toJSON?: unknown; toISOString?: unknown };

/**
 * Runs `fn` with `name` set on `target` (restored in finally, even when it throws) and returns
 * its result or error; assertions run after the restore, so vitest never sees the patch.
 */
function withPatch<T>(
  target: object,
  name: string,
  value: unknown,
  fn: () => T,
): { value?: T; error?: unknown } {
  const before = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, { value, writable: true, configurable: true });
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  } finally {
    if (before) Object.defineProperty(target, name, before);
    else delete (target as Record<string, unknown>)[name];
  }
}

/** The ConfigurationError `fn` throws (fails the test when it throws something else). */
function configError(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    expect(e).toBeInstanceOf(SdkError);
    return e as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

/** Whether JSON.stringify would meet NaN or ±Infinity in `v` (after toJSON, boxed included). */
function holdsNonFinite(v: unknown): boolean {
  let found = false;
  JSON.stringify(v, (_k, x: unknown) => {
    const n = x instanceof Number ? x.valueOf() : x;
    if (typeof n === 'number' && !Number.isFinite(n)) found = true;
    return x;
  });
  return found;
}

const input = {
  InstanceIds: ['ins-1a2b3c4d'],
  Limit: 100,
  DiskSize: 12345678901234567890n,
  Filters: [{ Name: 'zone', Values: ['ap-guangzhou-1'] }],
  When: new Date(0),
};
const expectedInput =
  '{"InstanceIds":["ins-1a2b3c4d"],"Limit":100,"DiskSize":12345678901234567890,' +
  '"Filters":[{"Name":"zone","Values":["ap-guangzhou-1"]}],"When":"1970-01-01T00:00:00.000Z"}';

describe('stringifyJson', () => {
  it('writes bigint as exact digits and drops what JSON.stringify drops', () => {
    expect(
      stringifyJson({ A: 12345678901234567890n, B: [1n, 'x', undefined], C: undefined, f() {} }),
    ).toBe('{"A":12345678901234567890,"B":[1,"x",null]}');
    expect(stringifyJson(-(2n ** 64n))).toBe('-18446744073709551616');
    expect(stringifyJson([Object(5n), null])).toBe('[5,null]');
  });

  it('round-trips big integers through parseJson (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }), (n) => {
        const back = parseJson(stringifyJson({ n })) as { n: number | bigint };
        expect(BigInt(back.n)).toBe(n);
      }),
    );
  });

  it('matches JSON.stringify on JSON values, with and without bigints (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(stringifyJson(v)).toBe(JSON.stringify(v));
        expect(stringifyJson([v, 1n])).toBe(`[${JSON.stringify(v)},1]`);
      }),
    );
  });

  it('escapes strings and keys as JSON.stringify does, lone surrogates included (property)', () => {
    const units = fc.string({
      unit: fc
        .oneof(
          fc.integer({ min: 0, max: 0x20 }), // control characters
          fc.constantFrom(0x22, 0x5c, 0x7f, 0x2028), // quote, backslash, DEL, line separator
          fc.integer({ min: 0xd800, max: 0xdfff }), // surrogates, paired by chance or lone
          fc.integer({ min: 0, max: 0xffff }),
        )
        .map((c) => String.fromCharCode(c)),
    });
    fc.assert(
      fc.property(units, units, (k, v) => {
        // The bigint sends it through the own serializer.
        expect(stringifyJson({ [k]: v, n: 1n })).toBe(JSON.stringify({ [k]: v, n: 1 }));
        expect(stringifyJson([v])).toBe(JSON.stringify([v]));
      }),
      { numRuns: 1000 },
    );
  });

  it('matches JSON.stringify on arbitrary values, on the native and the own path (property)', () => {
    const anything = fc.anything({
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      maxDepth: 3,
    });
    fc.assert(
      fc.property(anything, (v) => {
        // `null` in the output sends the call to the own serializer, as does a bigint.
        for (const wrapped of [v, [v, null], { v, b: 1n }]) {
          if (holdsNonFinite(v)) {
            expect(() => stringifyJson(wrapped)).toThrow(ConfigurationError);
          } else {
            const expected = JSON.stringify(wrapped, (_k, x) =>
              typeof x === 'bigint' ? `<${x}>` : x,
            )?.replace(/"<(\d+)>"/g, '$1');
            expect(stringifyJson(wrapped)).toBe(expected);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('honours toJSON of the input itself, as JSON.stringify does', () => {
    class Money {
      constructor(readonly cents: bigint) {}
      toJSON(key: string) {
        return { key, cents: this.cents };
      }
    }
    expect(stringifyJson({ price: new Money(10n ** 20n), own: { toJSON: () => 'own' } })).toBe(
      '{"price":{"key":"price","cents":100000000000000000000},"own":"own"}',
    );
  });

  it('writes bigint as digits when another library defines BigInt.prototype.toJSON', () => {
    const r = withPatch(
      BigInt.prototype,
      'toJSON',
      function (this: bigint) {
        return this.toString();
      },
      () => [stringifyJson(input), stringifyJson({ n: 2n ** 70n }), stringifyJson(7n)],
    );
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual([expectedInput, `{"n":${2n ** 70n}}`, '7']);
  });

  it('round-trips bigints with BigInt.prototype.toJSON defined (property)', () => {
    const r = withPatch(
      BigInt.prototype,
      'toJSON',
      () => 'patched',
      () =>
        fc.assert(
          fc.property(fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }), fc.jsonValue(), (n, v) => {
            const text = stringifyJson({ n, v });
            return text === `{"n":${n},"v":${JSON.stringify(v)}}`;
          }),
        ),
    );
    expect(r.error).toBeUndefined();
  });

  it('ignores toJSON put on Object, Array, Date and other built-in prototypes', () => {
    const patches: [object, string, unknown][] = [
      [Object.prototype, 'toJSON', () => 'object'],
      [Array.prototype, 'toJSON', () => 'array'],
      [Date.prototype, 'toJSON', () => 'date'],
      [Date.prototype, 'toISOString', () => 'iso'],
      [Function.prototype, 'toJSON', () => 'function'],
      [Number.prototype, 'toJSON', () => 'number'],
      [String.prototype, 'toJSON', () => 'string'],
      [Boolean.prototype, 'toJSON', () => 'boolean'],
    ];
    const value = { ...input, Boxed: [Object(1), Object('s'), Object(true)], Fn: () => 1 };
    const expected = `${expectedInput.slice(0, -1)},"Boxed":[1,"s",true]}`;
    for (const [target, name, patch] of patches) {
      const r = withPatch(target, name, patch, () => stringifyJson(value));
      expect(r, `${name} patched`).toEqual({ value: expected });
    }
    // All at once, with the output holding null too.
    const all = patches.reduceRight<() => string>(
      (fn, [target, name, patch]) =>
        () => {
          const out = withPatch(target, name, patch, fn);
          if (out.error) throw out.error;
          return out.value as string;
        },
      () => stringifyJson({ value, n: null }),
    );
    expect(all()).toBe(`{"value":${expected},"n":null}`);
    expect((Date.prototype as Patchable).toJSON).toBeTypeOf('function');
    expect((Object.prototype as Patchable).toJSON).toBeUndefined();
  });

  it('does not use JSON.stringify as it is at call time', () => {
    const r = withPatch(
      JSON,
      'stringify',
      () => '"patched"',
      () => stringifyJson(input),
    );
    expect(r).toEqual({ value: expectedInput });
  });

  it('reports a circular input as ConfigurationError naming the path of the cycle', () => {
    const self: Record<string, unknown> = { Name: 'zone' };
    const cyc = { Limit: 1, Filters: [self] };
    self.Self = cyc;
    const err = configError(() => stringifyJson(cyc));
    expect(err.option).toBe('input.Filters[0].Self');
    expect(err.message).toBe('The input has a circular reference at input.Filters[0].Self');

    const list: unknown[] = [1];
    list.push({ 'odd key': list });
    const err2 = configError(() => stringifyJson({ A: 5n, List: list }));
    expect(err2.option).toBe('input.List[1]["odd key"]');
    expect(err2.message).not.toMatch(/TypeError|JSON/);
  });

  it('allows the same object twice when it is not its own ancestor', () => {
    const shared = { Name: 'zone', Values: ['a'] };
    expect(stringifyJson({ Filters: [shared, shared], Other: shared })).toBe(
      JSON.stringify({ Filters: [shared, shared], Other: shared }),
    );
  });

  it('reports NaN and Infinity as ConfigurationError naming the path (JSON would send null)', () => {
    for (const [value, path, shown] of [
      [{ Limit: Number.NaN }, 'input.Limit', 'NaN'],
      [{ A: [{ B: Number.POSITIVE_INFINITY }] }, 'input.A[0].B', 'Infinity'],
      [{ 'x-y': { n: Number.NEGATIVE_INFINITY } }, 'input["x-y"].n', '-Infinity'],
      [{ Boxed: Object(Number.NaN) }, 'input.Boxed', 'NaN'],
      [{ T: { toJSON: () => Number.NaN } }, 'input.T', 'NaN'],
      [Number.NaN, 'input', 'NaN'],
    ] as const) {
      const err = configError(() => stringifyJson(value));
      expect(err.option).toBe(path);
      expect(err.message).toContain(`holds ${shown} at ${path}`);
    }
    // An invalid Date is null, as JSON.stringify writes it (Date.prototype.toJSON's own rule).
    expect(stringifyJson({ D: new Date(Number.NaN) })).toBe('{"D":null}');
  });

  it('writes 100k nested arrays and objects without a stack overflow', () => {
    const depth = 100_000;
    let arrays: unknown[] = [7n];
    let objects: Record<string, unknown> = { a: 7n };
    for (let i = 1; i < depth; i++) {
      arrays = [arrays];
      objects = { a: objects };
    }
    expect(stringifyJson(arrays)).toBe(`${'['.repeat(depth)}7${']'.repeat(depth)}`);
    expect(stringifyJson(objects)).toBe(`${'{"a":'.repeat(depth)}7${'}'.repeat(depth)}`);
  });
});
