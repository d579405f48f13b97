/**
 * CVM instance role: temporary credentials from the instance metadata service. Not on a CVM
 * instance, the service is unreachable and the short timeout keeps the chain moving.
 */
import { CredentialsError } from '../errors/index.js';
import type { Credentials } from '../types.js';
import {
  type RefreshableCredentialsProvider,
  type RefreshOptions,
  refreshingProvider,
} from './cache.js';
import { httpText } from './http.js';

export const METADATA_BASE_URL = 'http://metadata.tencentyun.com/latest/meta-data/';

export interface CvmRoleOptions extends RefreshOptions {
  /** Role bound to the instance; discovered from the metadata service when omitted. */
  readonly roleName?: string;
  /** Metadata service root (injectable for tests). */
  readonly baseUrl?: string;
  /** Timeout of each metadata request. Default 1000 ms. */
  readonly timeoutMs?: number;
}

interface RoleAnswer {
  Code?: string;
  TmpSecretId?: string;
  TmpSecretKey?: string;
  Token?: string;
  ExpiredTime?: number;
  Expiration?: string;
}

export function cvmRoleCredentials(options: CvmRoleOptions = {}): RefreshableCredentialsProvider {
  const base = (options.baseUrl ?? METADATA_BASE_URL).replace(/\/?$/, '/');
  const rolesUrl = `${base}cam/security-credentials/`;
  const timeoutMs = options.timeoutMs ?? 1000;
  let roleName = options.roleName;

  const get = async (url: string, what: string): Promise<string> => {
    let res: { status: number; body: string };
    try {
      res = await httpText(url, { timeoutMs });
    } catch (err) {
      throw new CredentialsError(`metadata service unreachable (${(err as Error).message})`, {
        cause: err,
      });
    }
    if (res.status !== 200) {
      throw new CredentialsError(`metadata service answered HTTP ${res.status} for ${what}`);
    }
    return res.body;
  };

  return refreshingProvider(
    async (): Promise<Credentials> => {
      if (!roleName) {
        const name = (await get(rolesUrl, 'the role name')).split('\n')[0]?.trim();
        if (!name) throw new CredentialsError('no CAM role is bound to this instance');
        roleName = name;
      }
      let answer: RoleAnswer;
      try {
        answer = JSON.parse(await get(rolesUrl + encodeURIComponent(roleName), `role ${roleName}`));
      } catch (err) {
        if (err instanceof CredentialsError) throw err;
        throw new CredentialsError(`metadata service sent invalid JSON for role ${roleName}`);
      }
      if (answer.Code !== 'Success' || !answer.TmpSecretId || !answer.TmpSecretKey) {
        throw new CredentialsError(
          `metadata service refused role ${roleName} (Code ${answer.Code ?? '?'})`,
        );
      }
      return {
        secretId: answer.TmpSecretId,
        secretKey: answer.TmpSecretKey,
        ...(answer.Token ? { token: answer.Token } : {}),
        ...expiry(answer.ExpiredTime, answer.Expiration),
      };
      // An answer that is already expired (or about to be) is fetched again a few times by
      // refreshingProvider, then reported with its expiry time; it is never handed out.
    },
    options,
    'the CVM metadata service',
  );
}

/** Expiry from Unix seconds or an ISO date, whichever is present. */
export function expiry(seconds: number | undefined, iso: string | undefined): { expiresAt?: Date } {
  if (typeof seconds === 'number' && seconds > 0) return { expiresAt: new Date(seconds * 1000) };
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? {} : { expiresAt: new Date(t) };
}
