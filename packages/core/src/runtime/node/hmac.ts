/**
 * HMAC-SHA256 (RFC 2104) built from two one-shot `crypto.hash` calls over a key prepared once.
 *
 * Why it is faster than `createHmac(...).update(...).digest()` on Node 20 for short messages
 * (measured by bench/hmac.mjs): createHmac builds a native Hmac object and re-derives the padded
 * key on every call. Here the key blocks (key XOR ipad, key XOR opad) are computed once per key
 * and stay at the front of two buffers owned by the prepared key, so a call only writes the
 * message after the inner block, hashes, copies the 32-byte inner digest after the outer block
 * and hashes again: no object set-up and no allocation besides one view and the result.
 * The inner digest is taken as a latin1 ('binary') string and written back as latin1: on
 * Node 20 `crypto.hash(..., 'buffer')` costs about four times a string output.
 *
 * Synchronous and single-threaded, so a prepared key's buffers are never used by two calls at
 * once. Prepared keys hold key material: keep them private (the signer's derived-key cache).
 */
import type * as NodeCrypto from 'node:crypto';

// node:crypto pulls node:stream in with it: 2.5-4 ms of a process's start (measured on Node 20
// in a script; `node -e` has it loaded already). Loaded on the first signature instead, so a
// process that imports the SDK and never calls it does not pay. getBuiltinModule is synchronous.
let lib: typeof NodeCrypto | undefined;
/** node:crypto, loaded on first use. */
export const nodeCrypto = (): typeof NodeCrypto =>
  (lib ??= process.getBuiltinModule('node:crypto'));

const BLOCK = 64; // SHA-256 block size
const DIGEST = 32; // SHA-256 output size
/** Messages of up to this many bytes are written into the prepared key's inner buffer. */
const INLINE = 512;

export interface PreparedHmacKey {
  /** key XOR ipad (64 bytes), then room for a message of up to INLINE bytes. */
  readonly inner: Buffer;
  /** key XOR opad (64 bytes), then the inner digest (32 bytes). */
  readonly outer: Buffer;
  /** The last view of `inner` hashed and its length: consecutive messages often share it. */
  view: Buffer;
  viewLength: number;
}

/** Writes key XOR ipad and key XOR opad (the key hashed first when over 64 bytes) into `p`. */
function pad(p: PreparedHmacKey, key: Uint8Array | string): void {
  let k: Uint8Array = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (k.length > BLOCK) k = nodeCrypto().hash('sha256', k, 'buffer');
  for (let i = 0; i < BLOCK; i++) {
    const b = i < k.length ? (k[i] as number) : 0;
    p.inner[i] = b ^ 0x36;
    p.outer[i] = b ^ 0x5c;
  }
}

/** A key prepared for any number of hmacPrepared calls (the signer caches one per derived key). */
export function prepareHmacKey(key: Uint8Array | string): PreparedHmacKey {
  // One allocation for both blocks (a native allocation costs about as much as the XOR loop);
  // not Buffer.allocUnsafe, whose shared pool would put key material in other Buffers' memory.
  const both = Buffer.alloc(BLOCK + INLINE + BLOCK + DIGEST);
  const inner = both.subarray(0, BLOCK + INLINE);
  const p = { inner, outer: both.subarray(BLOCK + INLINE), view: inner, viewLength: inner.length };
  pad(p, key);
  return p;
}

// The buffers of hmacOnce, re-padded on every call (safe: calls are synchronous).
let once: PreparedHmacKey | undefined;

/**
 * HMAC-SHA256 with a key used once (the TC3 derived-key chain): the module's own buffers are
 * re-padded instead of allocating a prepared key, which costs as much as the HMAC itself.
 */
export function hmacOnce(
  key: Uint8Array | string,
  message: string | Uint8Array,
  encoding: 'hex',
): string;
export function hmacOnce(
  key: Uint8Array | string,
  message: string | Uint8Array,
  encoding: 'buffer',
): Buffer;
export function hmacOnce(
  key: Uint8Array | string,
  message: string | Uint8Array,
  encoding: 'hex' | 'buffer',
): string | Buffer {
  once ??= prepareHmacKey('');
  pad(once, key);
  return encoding === 'hex'
    ? hmacPrepared(once, message, 'hex')
    : hmacPrepared(once, message, 'buffer');
}

/** The inner block followed by the message's bytes (strings as UTF-8, like createHmac). */
function innerInput(p: PreparedHmacKey, message: string | Uint8Array): Uint8Array {
  let length: number;
  if (typeof message === 'string') {
    // A UTF-16 code unit is at most 3 UTF-8 bytes: only then is a write sure to fit.
    if (message.length * 3 > INLINE) {
      return Buffer.concat([p.inner.subarray(0, BLOCK), Buffer.from(message, 'utf8')]);
    }
    length = BLOCK + p.inner.write(message, BLOCK, 'utf8');
  } else {
    if (message.length > INLINE) return Buffer.concat([p.inner.subarray(0, BLOCK), message]);
    p.inner.set(message, BLOCK);
    length = BLOCK + message.length;
  }
  if (length !== p.viewLength) {
    p.view = p.inner.subarray(0, length);
    p.viewLength = length;
  }
  return p.view;
}

/** HMAC-SHA256 of `message` under a prepared key; equal to createHmac's digest('hex' | buffer). */
export function hmacPrepared(
  p: PreparedHmacKey,
  message: string | Uint8Array,
  encoding: 'hex',
): string;
export function hmacPrepared(
  p: PreparedHmacKey,
  message: string | Uint8Array,
  encoding: 'buffer',
): Buffer;
export function hmacPrepared(
  p: PreparedHmacKey,
  message: string | Uint8Array,
  encoding: 'hex' | 'buffer',
): string | Buffer {
  p.outer.write(nodeCrypto().hash('sha256', innerInput(p, message), 'binary'), BLOCK, 'latin1');
  if (encoding === 'hex') return nodeCrypto().hash('sha256', p.outer, 'hex');
  return Buffer.from(nodeCrypto().hash('sha256', p.outer, 'binary'), 'latin1');
}
