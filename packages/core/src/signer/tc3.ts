/**
 * TC3-HMAC-SHA256 request signing (Tencent Cloud API 3.0): the strings it signs and the
 * derived-key cache. Pure: the hashing comes from the runtime (runtime/<name>/crypto.ts), which
 * composes these parts synchronously (node:crypto) or asynchronously (Web Crypto).
 *
 * The caller passes the exact bytes it sends: the body is hashed as given, never re-serialized.
 * The service comes from the API spec (ServiceInfo), never from the endpoint host.
 */

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

/** What TC3 signs, without a key: the canonical request and the string to sign. */
export interface Tc3Canonical {
  readonly date: string;
  readonly credentialScope: string;
  readonly signedHeaders: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/** Every intermediate value of one signature. */
export interface Tc3Parts extends Tc3Canonical {
  readonly signature: string;
}

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
export const TC3_SIGNED_HEADERS = 'content-type;host';

/** Authorization value for actions sent unsigned (e.g. sts AssumeRoleWithWebIdentity). */
export const UNSIGNED_AUTHORIZATION = 'SKIP';

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

/** The canonical request of `input` whose body hashes (SHA-256, hex) to `bodyHash`. */
export function tc3CanonicalRequest(
  input: Omit<Tc3SignInput, 'secretId' | 'secretKey'>,
  bodyHash: string,
): string {
  return (
    `${input.method ?? 'POST'}\n${input.path ?? '/'}\n${input.query ?? ''}\n` +
    `content-type:${input.contentType.trim().toLowerCase()}\n` +
    `host:${input.host.trim().toLowerCase()}\n\n` +
    `${TC3_SIGNED_HEADERS}\n${bodyHash}`
  );
}

/** `<date>/<service>/tc3_request` */
export const tc3Scope = (date: string, service: string): string => `${date}/${service}/tc3_request`;

/** The string to sign, given the hash (hex) of the canonical request. */
export const tc3StringToSign = (timestamp: number, scope: string, canonicalHash: string): string =>
  `${TC3_ALGORITHM}\n${timestamp}\n${scope}\n${canonicalHash}`;

export const tc3Authorization = (secretId: string, scope: string, signature: string): string =>
  `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${TC3_SIGNED_HEADERS}, Signature=${signature}`;

/** The public shape of a signature from its parts. */
export const tc3Signature = (secretId: string, p: Tc3Parts): Tc3Signature => ({
  authorization: tc3Authorization(secretId, p.credentialScope, p.signature),
  signature: p.signature,
  credentialScope: p.credentialScope,
  signedHeaders: TC3_SIGNED_HEADERS,
  canonicalRequest: p.canonicalRequest,
  stringToSign: p.stringToSign,
});

const KEY_CACHE_MAX = 32;

/**
 * Derived keys depend only on (secretKey, date, service): a few entries cover a process, and
 * almost every request reuses the previous one, so that one is checked before the map.
 * `K` is whatever the runtime signs with (prepared HMAC pads, a CryptoKey).
 */
export class DerivedKeyCache<K> {
  readonly #map = new Map<string, K>();
  #last: { secretKey: string; date: string; service: string; key: K } | undefined;

  get(secretKey: string, date: string, service: string): K | undefined {
    const last = this.#last;
    if (last && last.secretKey === secretKey && last.date === date && last.service === service) {
      return last.key;
    }
    const key = this.#map.get(`${date}\n${service}\n${secretKey}`);
    if (key !== undefined) this.#last = { secretKey, date, service, key };
    return key;
  }

  set(secretKey: string, date: string, service: string, key: K): void {
    if (this.#map.size >= KEY_CACHE_MAX) {
      const oldest = this.#map.keys().next().value;
      if (oldest !== undefined) this.#map.delete(oldest);
    }
    this.#map.set(`${date}\n${service}\n${secretKey}`, key);
    this.#last = { secretKey, date, service, key };
  }
}
