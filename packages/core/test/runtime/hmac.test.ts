import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacOnce, hmacPrepared, prepareHmacKey } from '../../src/runtime/node/hmac.js';

// Node's createHmac is the oracle.
const oracleHex = (key: Uint8Array | string, msg: Uint8Array | string): string =>
  createHmac('sha256', key).update(msg).digest('hex');
const oracleBuffer = (key: Uint8Array | string, msg: Uint8Array | string): Buffer =>
  createHmac('sha256', key).update(msg).digest();

// The lengths where HMAC's key handling changes (block 64: padded, exact, hashed first) and
// where the inline message buffer (512 bytes) switches to concatenation.
const EDGES = [0, 1, 31, 32, 63, 64, 65, 127, 128, 129, 511, 512, 513, 1000];
const bytesOfLength = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const bytes = fc.oneof(
  fc.constantFrom(...EDGES).chain(bytesOfLength),
  fc.integer({ min: 0, max: 300 }).chain(bytesOfLength),
);
// Strings: any code unit, lone surrogates included (UTF-8 encoding replaces them, as createHmac
// does), full code points, ASCII, and lengths around the 512 / 3 = 170 code-unit inline limit.
const codeUnit = (min: number) =>
  fc.integer({ min, max: 0xffff }).map((c) => String.fromCharCode(c));
const codeUnits = fc.string({ unit: codeUnit(0), maxLength: 300 });
// Every unit 3 bytes in UTF-8 (lone surrogates too), lengths across 170: the worst case for fit.
const wide = fc.string({ unit: codeUnit(0x800), minLength: 150, maxLength: 260 });
const strings = fc.oneof(
  codeUnits,
  wide,
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({ minLength: 160, maxLength: 600 }),
  fc.constantFrom(...EDGES).map((n) => 'é'.repeat(n)),
  fc.constantFrom(169, 170, 171, 172, 255, 256, 257).map((n) => '€'.repeat(n)),
);
const keys = fc.oneof(bytes, strings);
const messages = fc.oneof(bytes, strings);

describe('hmacPrepared (HMAC-SHA256 from crypto.hash)', () => {
  it('equals createHmac for keys and messages of every length class, hex and buffer', () => {
    fc.assert(
      fc.property(keys, messages, (key, msg) => {
        const p = prepareHmacKey(key);
        expect(hmacPrepared(p, msg, 'hex')).toBe(oracleHex(key, msg));
        expect(hmacPrepared(p, msg, 'buffer').equals(oracleBuffer(key, msg))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('equals createHmac at every pair of edge lengths (bytes)', () => {
    for (const k of EDGES) {
      for (const m of EDGES) {
        const key = randomBytes(k);
        const msg = randomBytes(m);
        expect(hmacPrepared(prepareHmacKey(key), msg, 'hex'), `key ${k}, message ${m}`).toBe(
          oracleHex(key, msg),
        );
      }
    }
  });

  it('a prepared key is reusable: same result twice, and right for each of many messages', () => {
    fc.assert(
      fc.property(keys, fc.array(messages, { minLength: 2, maxLength: 12 }), (key, msgs) => {
        const p = prepareHmacKey(key);
        for (const msg of [...msgs, ...msgs]) {
          expect(hmacPrepared(p, msg, 'hex')).toBe(oracleHex(key, msg));
          expect(hmacPrepared(p, msg, 'buffer').equals(oracleBuffer(key, msg))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns a fresh buffer: a later call does not change an earlier result', () => {
    const p = prepareHmacKey('key');
    const first = hmacPrepared(p, 'one', 'buffer');
    const copy = Buffer.from(first);
    hmacPrepared(p, 'two, longer than one', 'buffer');
    expect(first.equals(copy)).toBe(true);
  });

  it('copies the key: changing the caller bytes later does not change the prepared key', () => {
    const key = Buffer.from('secret-key');
    const p = prepareHmacKey(key);
    const expected = oracleHex(Buffer.from('secret-key'), 'message');
    key.fill(0);
    expect(hmacPrepared(p, 'message', 'hex')).toBe(expected);
  });

  it('hmacOnce equals createHmac, also between uses of a prepared key (separate buffers)', () => {
    fc.assert(
      fc.property(keys, keys, messages, messages, (k1, k2, m1, m2) => {
        const p = prepareHmacKey(k1);
        expect(hmacOnce(k2, m2, 'hex')).toBe(oracleHex(k2, m2));
        expect(hmacPrepared(p, m1, 'hex')).toBe(oracleHex(k1, m1));
        expect(hmacOnce(k1, m1, 'buffer').equals(oracleBuffer(k1, m1))).toBe(true);
        expect(hmacOnce(k2, m2, 'buffer').equals(oracleBuffer(k2, m2))).toBe(true);
        expect(hmacPrepared(p, m2, 'buffer').equals(oracleBuffer(k1, m2))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('derives the TC3 signing key chain like createHmac (the signer use)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1, maxLength: 20 }), (secret, service) => {
        const date = '2024-05-01';
        const kService = hmacOnce(hmacOnce(`TC3${secret}`, date, 'buffer'), service, 'buffer');
        const kSigning = prepareHmacKey(hmacOnce(kService, 'tc3_request', 'buffer'));
        const oDate = oracleBuffer(`TC3${secret}`, date);
        const oSigning = oracleBuffer(oracleBuffer(oDate, service), 'tc3_request');
        expect(hmacPrepared(kSigning, 'string to sign', 'hex')).toBe(
          oracleHex(oSigning, 'string to sign'),
        );
      }),
    );
  });
});
