/**
 * STS `AssumeRole` and `AssumeRoleWithWebIdentity` (sts 2018-08-13), called directly with
 * core's own TC3 signer: no dependency on any generated package.
 */
import { processEnv, tc3Authorization } from '#runtime';
import { CredentialsError } from '../errors/index.js';
import { redactText, registerSecret } from '../protocol/redact.js';
import { UNSIGNED_AUTHORIZATION } from '../signer/tc3.js';
import type { Credentials } from '../types.js';
import {
  type RefreshableCredentialsProvider,
  type RefreshOptions,
  refreshingProvider,
} from './cache.js';
import { expiry } from './cvm-role.js';
import { fileAccess } from './files.js';
import { httpText } from './http.js';
import { type CredentialsSource, resolveCredentials } from './source.js';

type Env = Readonly<Record<string, string | undefined>>;

export const STS_ENDPOINT = 'https://sts.tencentcloudapi.com';
const STS_VERSION = '2018-08-13';
const CONTENT_TYPE = 'application/json; charset=utf-8';
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;

interface StsCallOptions {
  /** STS root URL (injectable for tests). Default `https://sts.tencentcloudapi.com`. */
  readonly endpoint?: string;
  /**
   * Region sent in X-TC-Region. AssumeRole: default `ap-guangzhou`. Web identity: default
   * `TKE_REGION`, and one of the two is required.
   */
  readonly region?: string;
  readonly timeoutMs?: number;
}

interface StsAnswer {
  Response?: {
    Credentials?: { TmpSecretId?: string; TmpSecretKey?: string; Token?: string };
    ExpiredTime?: number;
    Expiration?: string;
    Error?: { Code?: string; Message?: string };
    RequestId?: string;
  };
}

async function callSts(
  action: string,
  params: Record<string, unknown>,
  signWith: Credentials | undefined,
  options: StsCallOptions,
): Promise<Credentials> {
  const url = new URL(options.endpoint ?? STS_ENDPOINT);
  const body = JSON.stringify(params);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'Content-Type': CONTENT_TYPE,
    Host: url.host,
    'X-TC-Action': action,
    'X-TC-Version': STS_VERSION,
    'X-TC-Timestamp': String(timestamp),
    'X-TC-Region': options.region ?? 'ap-guangzhou',
    Authorization: signWith
      ? await tc3Authorization({
          secretId: signWith.secretId,
          secretKey: signWith.secretKey,
          service: 'sts',
          host: url.host,
          contentType: CONTENT_TYPE,
          body,
          timestamp,
        })
      : UNSIGNED_AUTHORIZATION,
  };
  if (signWith?.token) headers['X-TC-Token'] = signWith.token;
  let answer: StsAnswer;
  try {
    const res = await httpText(url.href, {
      method: 'POST',
      headers,
      body,
      timeoutMs: options.timeoutMs ?? 10_000,
    });
    answer = JSON.parse(res.body);
  } catch (err) {
    throw new CredentialsError(`STS ${action} failed: ${redactText((err as Error).message)}`, {
      cause: err,
    });
  }
  const r = answer.Response;
  if (r?.Error) {
    // Everything the server sent is scrubbed: an error may echo request headers.
    throw new CredentialsError(
      redactText(
        `STS ${action} failed: ${r.Error.Code}: ${r.Error.Message ?? ''} (RequestId ${r.RequestId})`,
      ),
    );
  }
  const c = r?.Credentials;
  if (!c?.TmpSecretId || !c.TmpSecretKey) {
    throw new CredentialsError(`STS ${action} answered without credentials`);
  }
  return {
    secretId: c.TmpSecretId,
    secretKey: c.TmpSecretKey,
    ...(c.Token ? { token: c.Token } : {}),
    ...expiry(r?.ExpiredTime, r?.Expiration),
  };
}

export interface AssumeRoleOptions extends StsCallOptions, RefreshOptions {
  /**
   * Credentials allowed to assume the role: a provider (any async function) or fixed
   * credentials. Whatever it returns is checked and registered for redaction before use.
   */
  readonly source: CredentialsSource;
  readonly roleArn: string;
  readonly roleSessionName?: string;
  readonly durationSeconds?: number;
  readonly policy?: string;
  readonly externalId?: string;
}

/** Temporary credentials of `roleArn`, assumed with the `source` credentials. */
export function assumeRoleCredentials(options: AssumeRoleOptions): RefreshableCredentialsProvider {
  return refreshingProvider(
    async () => {
      // Through resolveCredentials, so a plain function's secrets are redacted like any other.
      const source = await resolveCredentials(options.source);
      return callSts(
        'AssumeRole',
        {
          RoleArn: options.roleArn,
          RoleSessionName: options.roleSessionName ?? `tc-sdk-${Date.now()}`,
          ...(options.durationSeconds ? { DurationSeconds: options.durationSeconds } : {}),
          ...(options.policy ? { Policy: options.policy } : {}),
          ...(options.externalId ? { ExternalId: options.externalId } : {}),
        },
        source,
        options,
      );
    },
    options,
    'STS AssumeRole',
  );
}

export interface WebIdentityOptions extends StsCallOptions, RefreshOptions {
  /** Default `TKE_PROVIDER_ID`. */
  readonly providerId?: string;
  /** File holding the OIDC token, read again at every refresh. Default `TKE_WEB_IDENTITY_TOKEN_FILE`. */
  readonly tokenFile?: string;
  /** Default `TKE_ROLE_ARN`. */
  readonly roleArn?: string;
  readonly roleSessionName?: string;
  readonly durationSeconds?: number;
  readonly env?: Env;
}

/**
 * OIDC role credentials (TKE pods): `AssumeRoleWithWebIdentity`, sent unsigned. The token file
 * is rotated by the platform, so it is read again at every refresh.
 */
export function webIdentityCredentials(
  options: WebIdentityOptions = {},
): RefreshableCredentialsProvider {
  const env = options.env ?? processEnv();
  const providerId = options.providerId ?? env.TKE_PROVIDER_ID;
  const tokenFile = options.tokenFile ?? env.TKE_WEB_IDENTITY_TOKEN_FILE;
  const roleArn = options.roleArn ?? env.TKE_ROLE_ARN;
  const region = options.region || env.TKE_REGION;
  return refreshingProvider(
    async () => {
      // No default region: the official SDKs require TKE_REGION too, and a guessed region
      // would send the pod's identity token to a region the cluster is not in.
      const missing = [
        providerId ? '' : 'TKE_PROVIDER_ID',
        tokenFile ? '' : 'TKE_WEB_IDENTITY_TOKEN_FILE',
        roleArn ? '' : 'TKE_ROLE_ARN',
        region ? '' : 'TKE_REGION',
      ].filter(Boolean);
      if (missing.length > 0 || !tokenFile || !region)
        throw new CredentialsError(`${missing.join(', ')} not set`);
      if (!REGION.test(region)) {
        throw new CredentialsError(
          `${options.region ? 'the region option' : 'TKE_REGION'} is not a region name (expected lower-case letters, digits and hyphens, such as ap-guangzhou)`,
        );
      }
      let token: string;
      const fs = fileAccess('the web identity token file');
      try {
        token = (await fs.readText(tokenFile)).trim();
        registerSecret(token);
      } catch (err) {
        throw new CredentialsError(`cannot read the web identity token file ${tokenFile}`, {
          cause: err,
        });
      }
      return callSts(
        'AssumeRoleWithWebIdentity',
        {
          ProviderId: providerId,
          WebIdentityToken: token,
          RoleArn: roleArn,
          RoleSessionName: options.roleSessionName ?? `tc-sdk-${Date.now()}`,
          ...(options.durationSeconds ? { DurationSeconds: options.durationSeconds } : {}),
        },
        undefined,
        { ...options, region },
      );
    },
    options,
    'STS AssumeRoleWithWebIdentity',
  );
}
