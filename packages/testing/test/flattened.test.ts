import { toQueryString } from '@scope/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFlattened } from '../src/index.js';

const key = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,8}$/);
const text = fc.string({ unit: 'grapheme', maxLength: 12 });
// Non-empty containers only: the flattened form cannot express [] or {}.
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 3 }),
  ),
})).node;

const COMMON =
  'Action Version Region Timestamp Nonce SecretId Signature SignatureMethod Token Language RequestClient'.split(
    ' ',
  );

describe('parseFlattened', () => {
  it('inverts core toQueryString for any nested input of strings', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 4 }), (input) => {
        // Common parameter names are reserved in the query form.
        for (const k of COMMON) delete input[k];
        expect(parseFlattened(toQueryString(input)).params).toEqual(input);
      }),
    );
  });

  it('separates the common parameters of the legacy GET form', () => {
    const { params, common } = parseFlattened(
      'Action=A&Version=2017-03-12&Limit=1&Filters.0.Name=z',
    );
    expect(common).toEqual({ Action: 'A', Version: '2017-03-12' });
    expect(params).toEqual({ Limit: '1', Filters: [{ Name: 'z' }] });
  });

  it('keeps __proto__ as data', () => {
    const { params } = parseFlattened('__proto__.x=1&A.__proto__=2');
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
