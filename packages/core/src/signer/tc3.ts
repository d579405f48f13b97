/**
 * TC3-HMAC-SHA256 request signing (Tencent Cloud API 3.0).
 *
 * The caller passes the exact bytes it sends: the body is hashed as given, never re-serialized.
 * The service comes from the API spec (ServiceInfo), never from the endpoint host.
 */
import { createHmac, hash } from 'node:crypto';

export interface Tc3SignInput {
  readonly secretId: string;
  readonly secretKey: string;
  /** Signing service, e.g. `cvm` (the spec's serviceShortName). */
  readonly service: string;
  /** The Host header value exactly as sent (with the port when the URL has one). */
  readonly host: string;
  readonly method?: 'POST' | 'GET';
  /** Request path; `/` for the API. */
  readonly path?: string;
  /** Raw query string without `?`, as sent (GET requests). */
  readonly query?: string;
  readonly contentType: string;
  /** The bytes sent as the body (empty for GET). */
  readonly body: Uint8Array | string;
  /** Unix seconds, the value of X-TC-Timestamp. */
  readonly timestamp: number;
}

export interface Tc3Signature {
  readonly authorization: string;
  readonly signature: string;
  readonly credentialScope: string;
  readonly signedHeaders: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

const ALGORITHM = 'TC3-HMAC-SHA256';
const SIGNED_HEADERS = 'content-type;host';

// One-shot hashing (Node >= 20.12) costs half of createHash().update().digest() on small inputs.
const sha256Hex = (data: Uint8Array | string): string => hash('sha256', data, 'hex');

// Every request of a day signs with the same date: format it once per UTC day.
let lastDay = Number.NaN;
let lastDate = '';

/** UTC date of a Unix timestamp as YYYY-MM-DD. */
export function tc3Date(timestamp: number): string {
  const day = Math.floor(timestamp / 86_400);
  if (day !== lastDay) {
    lastDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
    lastDay = day;
  }
  return lastDate;
}

// Derived keys depend only on (secretKey, date, service): a few entries cover a process, and
// almost every request reuses the previous one, so that one is checked before the map.
const KEY_CACHE_MAX = 32;
const keyCache = new Map<string, Buffer>();
let lastKey: { secretKey: string; date: string; service: string; key: Buffer } | undefined;

function signingKey(secretKey: string, date: string, service: string): Buffer {
  const last = lastKey;
  if (last && last.secretKey === secretKey && last.date === date && last.service === service) {
    return last.key;
  }
  const id = `${date}\n${service}\n${secretKey}`;
  let key = keyCache.get(id);
  if (!key) {
    const kDate = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
    const kService = createHmac('sha256', kDate).update(service).digest();
    key = createHmac('sha256', kService).update('tc3_request').digest();
    if (keyCache.size >= KEY_CACHE_MAX) {
      const oldest = keyCache.keys().next().value;
      if (oldest !== undefined) keyCache.delete(oldest);
    }
    keyCache.set(id, key);
  }
  lastKey = { secretKey, date, service, key };
  return key;
}

interface Tc3Parts {
  readonly date: string;
  readonly credentialScope: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
}

/** What TC3 signs, without a key: the canonical request and the string to sign. */
export interface Tc3Canonical {
  readonly date: string;
  readonly credentialScope: string;
  readonly signedHeaders: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/** The canonical request and string to sign of a request (no secret involved). */
export function tc3Canonical(input: Omit<Tc3SignInput, 'secretId' | 'secretKey'>): Tc3Canonical {
  const date = tc3Date(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const canonicalRequest =
    `${input.method ?? 'POST'}\n${input.path ?? '/'}\n${input.query ?? ''}\n` +
    `content-type:${input.contentType.trim().toLowerCase()}\n` +
    `host:${input.host.trim().toLowerCase()}\n\n` +
    `${SIGNED_HEADERS}\n${sha256Hex(input.body)}`;
  const stringToSign = `${ALGORITHM}\n${input.timestamp}\n${credentialScope}\n${sha256Hex(canonicalRequest)}`;
  return { date, credentialScope, signedHeaders: SIGNED_HEADERS, canonicalRequest, stringToSign };
}

function sign(input: Tc3SignInput): Tc3Parts {
  const { date, credentialScope, canonicalRequest, stringToSign } = tc3Canonical(input);
  const signature = createHmac('sha256', signingKey(input.secretKey, date, input.service))
    .update(stringToSign)
    .digest('hex');
  return { date, credentialScope, canonicalRequest, stringToSign, signature };
}

const authorization = (secretId: string, p: Tc3Parts): string =>
  `${ALGORITHM} Credential=${secretId}/${p.credentialScope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${p.signature}`;

/** Signs a request and returns every intermediate value (the emulator verifies with them). */
export function signTc3Details(input: Tc3SignInput): Tc3Signature {
  const p = sign(input);
  return {
    authorization: authorization(input.secretId, p),
    signature: p.signature,
    credentialScope: p.credentialScope,
    signedHeaders: SIGNED_HEADERS,
    canonicalRequest: p.canonicalRequest,
    stringToSign: p.stringToSign,
  };
}

/** The Authorization header value for a request. */
export function signTc3(input: Tc3SignInput): string {
  return authorization(input.secretId, sign(input));
}

/** Authorization value for actions sent unsigned (e.g. sts AssumeRoleWithWebIdentity). */
export const UNSIGNED_AUTHORIZATION = 'SKIP';
