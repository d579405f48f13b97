/**
 * TC3 and legacy signatures with node:crypto, synchronously (Node, and Bun and Deno, which
 * implement node:crypto natively). One-shot `hash` costs half of createHash().update().digest()
 * on small inputs; the final HMAC uses a key prepared once per derived key (hmac.ts).
 */
import { createHmac, hash } from 'node:crypto';
import {
  tc3Authorization as authorizationOf,
  DerivedKeyCache,
  TC3_SIGNED_HEADERS,
  type Tc3Canonical,
  type Tc3Parts,
  type Tc3SignInput,
  tc3CanonicalRequest,
  tc3Date,
  tc3Scope,
  tc3StringToSign,
} from '../../signer/tc3.js';
import { hmacPrepared, type PreparedHmacKey, prepareHmacKey } from './hmac.js';

const sha256Hex = (data: Uint8Array | string): string => hash('sha256', data, 'hex');

// Created on first use: this module and core's shared chunk import each other (the chunk
// imports `#runtime`), so nothing from the chunk may run while this module loads.
let keyCache: DerivedKeyCache<PreparedHmacKey> | undefined;
const keys = () => (keyCache ??= new DerivedKeyCache<PreparedHmacKey>());

function signingKey(secretKey: string, date: string, service: string): PreparedHmacKey {
  let key = keys().get(secretKey, date, service);
  if (!key) {
    const kDate = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
    const kService = createHmac('sha256', kDate).update(service).digest();
    key = prepareHmacKey(createHmac('sha256', kService).update('tc3_request').digest());
    keys().set(secretKey, date, service, key);
  }
  return key;
}

function canonical(input: Omit<Tc3SignInput, 'secretId' | 'secretKey'>): Tc3Canonical {
  const date = tc3Date(input.timestamp);
  const credentialScope = tc3Scope(date, input.service);
  const canonicalRequest = tc3CanonicalRequest(input, sha256Hex(input.body));
  const stringToSign = tc3StringToSign(
    input.timestamp,
    credentialScope,
    sha256Hex(canonicalRequest),
  );
  return {
    date,
    credentialScope,
    signedHeaders: TC3_SIGNED_HEADERS,
    canonicalRequest,
    stringToSign,
  };
}

export function tc3Parts(input: Tc3SignInput): Tc3Parts {
  const c = canonical(input);
  const key = signingKey(input.secretKey, c.date, input.service);
  return { ...c, signature: hmacPrepared(key, c.stringToSign, 'hex') };
}

export const tc3PartsAsync = async (input: Tc3SignInput): Promise<Tc3Parts> => tc3Parts(input);

export function tc3Authorization(input: Tc3SignInput): string {
  const c = canonical(input);
  const key = signingKey(input.secretKey, c.date, input.service);
  return authorizationOf(
    input.secretId,
    c.credentialScope,
    hmacPrepared(key, c.stringToSign, 'hex'),
  );
}

export const tc3CanonicalSync = canonical;

export const tc3CanonicalOf = async (
  input: Omit<Tc3SignInput, 'secretId' | 'secretKey'>,
): Promise<Tc3Canonical> => canonical(input);

export const hmacBase64 = (algorithm: 'sha1' | 'sha256', key: string, data: string): string =>
  createHmac(algorithm, key).update(data, 'utf8').digest('base64');

/** Buffer.from is about 5x faster than TextEncoder#encode on Node for a JSON body. */
export const utf8Bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');
