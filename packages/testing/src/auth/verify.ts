/**
 * Server-side TC3-HMAC-SHA256 verification. The signature is recomputed with core's signer
 * (`signTc3Details`) from the request as received and compared in constant time; this file
 * only decides which error Tencent would answer, in the gateway's order: malformed header,
 * malformed SecretId, unknown SecretId, expired timestamp, wrong signature, bad token.
 */
import { timingSafeEqual } from 'node:crypto';
import { signTc3Details } from '@scope/core';

export interface EmulatorCredentials {
  readonly secretId: string;
  readonly secretKey: string;
  /** Set for temporary credentials: requests must carry it in X-TC-Token. */
  readonly token?: string;
}

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

export interface AuthFailure {
  readonly code:
    | 'AuthFailure.SignatureFailure'
    | 'AuthFailure.SignatureExpire'
    | 'AuthFailure.SecretIdNotFound'
    | 'AuthFailure.InvalidSecretId'
    | 'AuthFailure.TokenFailure'
    | 'MissingParameter';
  readonly message: string;
}

export interface ParsedAuthorization {
  readonly secretId: string;
  readonly date: string;
  readonly service: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

const AUTH_RE =
  /^TC3-HMAC-SHA256\s+Credential=([^/,\s]*)\/([^/,\s]*)\/([^/,\s]*)\/tc3_request\s*,\s*SignedHeaders=([^,\s]*)\s*,\s*Signature=([^,\s]*)\s*$/;

/** Splits an Authorization header; undefined when it is not a TC3 header. */
export function parseAuthorization(value: string | undefined): ParsedAuthorization | undefined {
  const m = value ? AUTH_RE.exec(value) : null;
  if (!m) return undefined;
  return {
    secretId: m[1]!,
    date: m[2]!,
    service: m[3]!,
    signedHeaders: m[4]!,
    signature: m[5]!,
  };
}

/**
 * A key pair for tests (not a real key): pass it to `startEmulator({ credentials })` and to
 * the client under test.
 */
export const TEST_CREDENTIALS: EmulatorCredentials = Object.freeze({
  secretId: 'AKIDEMULATOR0000000000000000000000000',
  secretKey: 'emulator-secret-key-not-a-real-secret',
});

/** Tencent API keys look like `AKID` + alphanumerics; anything else is not an API key at all. */
const SECRET_ID_SHAPE = /^AKID[A-Za-z0-9]{4,}$/;

export const MAX_SKEW_SECONDS = 300;

export interface VerifyOptions {
  readonly credentials: readonly EmulatorCredentials[];
  /** The service the request was routed to (host or credential scope). */
  readonly service: string;
  /** Server clock, Unix seconds. */
  readonly now: number;
  readonly maxSkewSeconds?: number;
}

/** Checks a signed request; returns the failure Tencent would answer, or undefined when valid. */
export function verifyTc3(req: ReceivedRequest, opts: VerifyOptions): AuthFailure | undefined {
  const auth = parseAuthorization(req.headers.authorization);
  if (!auth) {
    return req.headers.authorization
      ? signatureFailure('The Authorization header is not a valid TC3-HMAC-SHA256 header.')
      : { code: 'MissingParameter', message: 'The request is missing the Authorization header.' };
  }
  const cred = opts.credentials.find((c) => c.secretId === auth.secretId);
  if (!cred) {
    return SECRET_ID_SHAPE.test(auth.secretId)
      ? {
          code: 'AuthFailure.SecretIdNotFound',
          message: 'The SecretId is not found, please ensure that your SecretId is correct.',
        }
      : {
          code: 'AuthFailure.InvalidSecretId',
          message: 'Invalid key (not a Tencent Cloud API key type).',
        };
  }
  const tsText = req.headers['x-tc-timestamp'];
  if (!tsText || !/^\d+$/.test(tsText)) {
    return { code: 'MissingParameter', message: 'The request is missing a valid X-TC-Timestamp.' };
  }
  const timestamp = Number(tsText);
  const skew = Math.abs(opts.now - timestamp);
  if (skew > (opts.maxSkewSeconds ?? MAX_SKEW_SECONDS)) {
    return {
      code: 'AuthFailure.SignatureExpire',
      message: `Signature expired. Timestamp: ${timestamp}, server time: ${Math.floor(opts.now)}; the difference must be within ${opts.maxSkewSeconds ?? MAX_SKEW_SECONDS} seconds.`,
    };
  }
  if (auth.service !== opts.service) {
    // The official Node SDK signs with the endpoint's first label: `127` for 127.0.0.1.
    const hint = /^\d+$/.test(auth.service)
      ? ' The client signed with the first label of an IP address; give it a `<service>.tencentcloudapi.com` endpoint and the emulator as its HTTP proxy.'
      : '';
    return signatureFailure(
      `The credential scope names service \`${auth.service}\`, but the request is for \`${opts.service}\`.${hint}`,
    );
  }
  if (auth.signedHeaders !== 'content-type;host') {
    return signatureFailure(
      `SignedHeaders \`${auth.signedHeaders}\` is not supported by the emulator (sign content-type;host).`,
    );
  }
  if (!signatureMatches(req, auth, cred, timestamp)) return signatureFailure();
  if (cred.token !== undefined && req.headers['x-tc-token'] !== cred.token) {
    return {
      code: 'AuthFailure.TokenFailure',
      message: req.headers['x-tc-token']
        ? 'The session token is invalid.'
        : 'The request is signed with temporary credentials but carries no X-TC-Token.',
    };
  }
  return undefined;
}

function signatureFailure(detail?: string): AuthFailure {
  return {
    code: 'AuthFailure.SignatureFailure',
    message:
      'The provided credentials could not be validated. Please check your signature is correct.' +
      (detail ? ` ${detail}` : ''),
  };
}

/**
 * Clients disagree on whether `host` in the canonical request carries the port (the official
 * Node SDK drops it, a raw Host header keeps it), so both forms are accepted.
 */
function signatureMatches(
  req: ReceivedRequest,
  auth: ParsedAuthorization,
  cred: EmulatorCredentials,
  timestamp: number,
): boolean {
  const host = req.headers.host ?? '';
  const hosts = host.includes(':') ? [host, host.replace(/:\d+$/, '')] : [host];
  const received = Buffer.from(auth.signature);
  for (const h of hosts) {
    const expected = signTc3Details({
      secretId: cred.secretId,
      secretKey: cred.secretKey,
      service: auth.service,
      host: h,
      method: req.method === 'GET' ? 'GET' : 'POST',
      path: req.path,
      query: req.query,
      contentType: req.headers['content-type'] ?? '',
      body: req.body,
      timestamp,
    });
    const want = Buffer.from(expected.signature);
    if (expected.credentialScope.slice(0, 10) !== auth.date) continue;
    if (want.length === received.length && timingSafeEqual(want, received)) return true;
  }
  return false;
}
