/**
 * TC3 and legacy signatures with Web Crypto (`crypto.subtle`), for Workers, edge functions and
 * browsers. Web Crypto is asynchronous only, so the synchronous API throws here and the call
 * path awaits `tc3Authorization`. The derived key is imported once per (key, date, service).
 */
import { ConfigurationError } from '../../errors/transport.js';
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

const encoder = new TextEncoder();
const bytes = (data: Uint8Array | string): Uint8Array<ArrayBuffer> =>
  (typeof data === 'string'
    ? encoder.encode(data)
    : new Uint8Array(data)) as Uint8Array<ArrayBuffer>;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex = (buf: ArrayBuffer): string => {
  const b = new Uint8Array(buf);
  let out = '';
  for (let i = 0; i < b.length; i++) out += HEX[b[i] as number];
  return out;
};

const subtle = () => globalThis.crypto.subtle;
type CryptoKey = Awaited<ReturnType<SubtleCryptoLike['importKey']>>;
type SubtleCryptoLike = typeof globalThis.crypto.subtle;
const sha256Hex = async (data: Uint8Array | string): Promise<string> =>
  hex(await subtle().digest('SHA-256', bytes(data)));

// Web Crypto refuses an empty HMAC key; HMAC pads keys with zero bytes, so one zero byte is
// the same key (RFC 2104).
const hmacKey = (raw: Uint8Array | ArrayBuffer, hash: 'SHA-1' | 'SHA-256') =>
  subtle().importKey(
    'raw',
    (raw.byteLength === 0 ? new Uint8Array(1) : raw) as ArrayBuffer,
    { name: 'HMAC', hash },
    false,
    ['sign'],
  );
const hmac = async (key: CryptoKey, data: string): Promise<ArrayBuffer> =>
  subtle().sign('HMAC', key, bytes(data));

const keyCache = new DerivedKeyCache<Promise<CryptoKey>>();

function signingKey(secretKey: string, date: string, service: string): Promise<CryptoKey> {
  let key = keyCache.get(secretKey, date, service);
  if (!key) {
    key = (async () => {
      const kDate = await hmac(await hmacKey(bytes(`TC3${secretKey}`), 'SHA-256'), date);
      const kService = await hmac(await hmacKey(kDate, 'SHA-256'), service);
      const kSigning = await hmac(await hmacKey(kService, 'SHA-256'), 'tc3_request');
      return hmacKey(kSigning, 'SHA-256');
    })();
    keyCache.set(secretKey, date, service, key);
  }
  return key;
}

async function canonical(
  input: Omit<Tc3SignInput, 'secretId' | 'secretKey'>,
): Promise<Tc3Canonical> {
  const date = tc3Date(input.timestamp);
  const credentialScope = tc3Scope(date, input.service);
  const canonicalRequest = tc3CanonicalRequest(input, await sha256Hex(input.body));
  const stringToSign = tc3StringToSign(
    input.timestamp,
    credentialScope,
    await sha256Hex(canonicalRequest),
  );
  return {
    date,
    credentialScope,
    signedHeaders: TC3_SIGNED_HEADERS,
    canonicalRequest,
    stringToSign,
  };
}

export async function tc3PartsAsync(input: Tc3SignInput): Promise<Tc3Parts> {
  const c = await canonical(input);
  const key = await signingKey(input.secretKey, c.date, input.service);
  return { ...c, signature: hex(await hmac(key, c.stringToSign)) };
}

const syncUnavailable = () =>
  new ConfigurationError(
    'signTc3, signTc3Details and tc3Canonical are synchronous and need node:crypto; this runtime has Web Crypto only: use signTc3Async, signTc3DetailsAsync or tc3CanonicalAsync',
    { option: 'signTc3' },
  );

export function tc3Parts(_input: Tc3SignInput): Tc3Parts {
  throw syncUnavailable();
}

export function tc3AuthorizationSync(_input: Tc3SignInput): string {
  throw syncUnavailable();
}

export function tc3CanonicalSync(
  _input: Omit<Tc3SignInput, 'secretId' | 'secretKey'>,
): Tc3Canonical {
  throw syncUnavailable();
}

export async function tc3Authorization(input: Tc3SignInput): Promise<string> {
  const p = await tc3PartsAsync(input);
  return authorizationOf(input.secretId, p.credentialScope, p.signature);
}

export const tc3CanonicalOf = canonical;

export async function hmacBase64(
  algorithm: 'sha1' | 'sha256',
  key: string,
  data: string,
): Promise<string> {
  const mac = new Uint8Array(
    await hmac(await hmacKey(bytes(key), algorithm === 'sha1' ? 'SHA-1' : 'SHA-256'), data),
  );
  let binary = '';
  for (let i = 0; i < mac.length; i++) binary += String.fromCharCode(mac[i] as number);
  return btoa(binary);
}

export const utf8Bytes = (text: string): Uint8Array => encoder.encode(text);
