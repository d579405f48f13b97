/**
 * Legacy API 3.0 signature (HmacSHA1 / HmacSHA256), an alternative to TC3 kept for accounts and
 * gateways that still require it.
 *
 * The request is a flat form: nested input becomes dotted keys (`Filters.0.Values.1`), plus the
 * common parameters Action, Version, Region, Timestamp, Nonce, SecretId (and Token, Language,
 * SignatureMethod). The string to sign is `METHOD + host + path + "?" + k=v&...` with keys
 * sorted and values NOT url-encoded; the signature is base64(HMAC(secretKey, stringToSign)).
 * The HMAC comes from the runtime (node:crypto or Web Crypto).
 */
import { hmacBase64 } from '#runtime';

export type LegacySignatureMethod = 'HmacSHA1' | 'HmacSHA256';

/** Flattens nested input into form fields; null and undefined members are left out. */
export function flattenParams(
  input: unknown,
  prefix = '',
  out: Record<string, string> = {},
): Record<string, string> {
  if (input === null || input === undefined) return out;
  if (typeof input === 'object') {
    for (const [k, v] of Object.entries(input)) flattenParams(v, prefix + k + '.', out);
    return out;
  }
  out[prefix.slice(0, -1)] = String(input);
  return out;
}

export interface LegacySignInput {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string | undefined;
  readonly signatureMethod: LegacySignatureMethod;
  readonly method?: 'POST' | 'GET';
  /** Host as sent, e.g. `cvm.tencentcloudapi.com`. */
  readonly host: string;
  readonly path?: string;
  readonly action: string;
  readonly version: string;
  readonly region?: string | undefined;
  readonly language?: string | undefined;
  /** The action's input (nested objects and arrays allowed). */
  readonly input: object;
  /** Unix seconds. */
  readonly timestamp: number;
  /** Random positive integer; must differ between requests. */
  readonly nonce: number;
}

export interface LegacySigned {
  /** Every form field, Signature included. */
  readonly params: Readonly<Record<string, string>>;
  /** The form, url-encoded: the POST body or the GET query string. */
  readonly form: string;
  readonly stringToSign: string;
  readonly signature: string;
}

export const LEGACY_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** The sorted `k=v&...` string to sign (values raw, as the API expects). */
export function legacyStringToSign(
  method: string,
  host: string,
  path: string,
  params: Readonly<Record<string, string>>,
): string {
  const pairs = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`);
  return `${method}${host}${path}?${pairs.join('&')}`;
}

export async function signLegacy(input: LegacySignInput): Promise<LegacySigned> {
  const method = input.method ?? 'POST';
  const params = flattenParams(input.input);
  params.Action = input.action;
  params.Version = input.version;
  params.Timestamp = String(input.timestamp);
  params.Nonce = String(input.nonce);
  params.SecretId = input.secretId;
  params.SignatureMethod = input.signatureMethod;
  if (input.region) params.Region = input.region;
  if (input.token) params.Token = input.token;
  if (input.language) params.Language = input.language;
  const stringToSign = legacyStringToSign(method, input.host, input.path ?? '/', params);
  const algorithm = input.signatureMethod === 'HmacSHA1' ? 'sha1' : 'sha256';
  const signature = await hmacBase64(algorithm, input.secretKey, stringToSign);
  params.Signature = signature;
  const form = Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return { params, form, stringToSign, signature };
}
