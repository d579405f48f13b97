/**
 * tccli's profiles: `~/.tccli/<profile>.credential` (JSON: `secretId`, `secretKey`, optional
 * `token`; `type` `oauth` / `sso` for temporary keys with `expiresAt` in Unix seconds, which
 * tccli refreshes in the file; `type: "cvm-role"` for an instance role; optional `role-arn`
 * and `role-session-name`), so the SDK finds what `tccli configure` or `tccli auth login`
 * wrote. The region is read from `<profile>.configure` by region.ts.
 */

import { CredentialsError } from '../errors/index.js';
import type { Credentials, CredentialsProvider } from '../types.js';
import { refreshingProvider } from './cache.js';
import { fileAccess } from './files.js';
import { markStopsChain } from './profile.js';
import { type TccliOptions, tccliPath } from './region.js';

export { type TccliOptions, tccliPath, tccliRegionSync } from './region.js';

interface TccliCredentialFile {
  readonly type?: unknown;
  readonly secretId?: unknown;
  readonly secretKey?: unknown;
  readonly token?: unknown;
  readonly expiresAt?: unknown;
  readonly 'role-arn'?: unknown;
  readonly 'role-session-name'?: unknown;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Reads one tccli credential file; `undefined` when it does not exist. */
async function readCredentialFile(path: string): Promise<TccliCredentialFile | undefined> {
  let raw: string;
  try {
    raw = await fileAccess('the tccli credential file').readText(path);
  } catch (err) {
    if (err instanceof CredentialsError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw markStopsChain(new CredentialsError(`${path} is unreadable (${code ?? 'error'})`));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // The text is never quoted: it holds the secret key.
    throw markStopsChain(new CredentialsError(`${path} is not valid JSON`));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw markStopsChain(new CredentialsError(`${path} does not hold a JSON object`));
  }
  return parsed as TccliCredentialFile;
}

/**
 * Credentials of a tccli profile (`TCCLI_PROFILE`, then `TENCENTCLOUD_PROFILE`, then
 * `default`). Temporary keys are cached until shortly before `expiresAt`, then the file is read
 * again (tccli rewrites it when it refreshes them). With `role-arn`, the role is assumed with
 * the file's keys through STS. A missing file moves the default chain on; a file that is not
 * JSON, or lacks a key, stops it.
 */
export function tccliCredentials(options: TccliOptions = {}): CredentialsProvider {
  const fetch = async (): Promise<Credentials> => {
    const path = tccliPath('credential', options);
    const file = await readCredentialFile(path);
    if (!file) throw new CredentialsError(`${path} not found`);
    if (file.type === 'cvm-role') {
      throw new CredentialsError(
        `${path} says to use the CVM instance role (the default chain tries it next)`,
      );
    }
    const secretId = text(file.secretId);
    const secretKey = text(file.secretKey);
    if (!secretId || !secretKey) {
      throw markStopsChain(
        new CredentialsError(`${path}: the profile lacks secretId or secretKey`),
      );
    }
    const token = text(file.token);
    const expires = typeof file.expiresAt === 'number' ? file.expiresAt * 1000 : undefined;
    return {
      secretId,
      secretKey,
      ...(token ? { token } : {}),
      ...(expires !== undefined ? { expiresAt: new Date(expires) } : {}),
    };
  };
  const keys = refreshingProvider(fetch, {}, `the tccli profile (run tccli to refresh it)`);
  let chosen: CredentialsProvider | undefined;
  return async () => {
    if (chosen) return chosen();
    // The first read decides between the file's keys and a role assumed with them.
    const file = await readCredentialFile(tccliPath('credential', options));
    const roleArn = text(file?.['role-arn']);
    if (!roleArn) {
      const creds = await keys();
      chosen = keys;
      return creds;
    }
    const sessionName = text(file?.['role-session-name']);
    const { assumeRoleCredentials } = await import('./sts.js');
    chosen = assumeRoleCredentials({
      source: keys,
      roleArn,
      ...(sessionName ? { roleSessionName: sessionName } : {}),
    });
    return chosen();
  };
}
