import { afterEach, describe, expect, it } from 'vitest';
import { cvmRoleCredentials } from '../../src/credentials/cvm-role.js';
import { CredentialsError } from '../../src/errors/index.js';
import { localServer } from './helpers.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('CVM instance role', () => {
  it('discovers the role, fetches credentials with their expiry, refreshes near expiry', async () => {
    let n = 0;
    const srv = await localServer((req, res) => {
      if (req.url === '/latest/meta-data/cam/security-credentials/')
        return void res.end('my-role\n');
      if (req.url === '/latest/meta-data/cam/security-credentials/my-role') {
        n++;
        return void res.end(
          JSON.stringify({
            TmpSecretId: `AKIDtmp${n}`,
            TmpSecretKey: `cvm-tmp-key-${n}`,
            Token: `cvm-token-${n}`,
            ExpiredTime: 1_000_000 + 3600,
            Expiration: 'ignored',
            Code: 'Success',
          }),
        );
      }
      res.writeHead(404).end();
    });
    close = srv.close;
    let now = 1_000_000_000;
    const p = cvmRoleCredentials({ baseUrl: `${srv.url}/latest/meta-data/`, now: () => now });
    const c = await p();
    expect(c).toEqual({
      secretId: 'AKIDtmp1',
      secretKey: 'cvm-tmp-key-1',
      token: 'cvm-token-1',
      expiresAt: new Date((1_000_000 + 3600) * 1000),
    });
    await p();
    expect(n).toBe(1);
    now = (1_000_000 + 3600 - 60) * 1000;
    expect((await p()).secretId).toBe('AKIDtmp2');
    // The role name is discovered once.
    expect(srv.requests.filter((r) => r.url.endsWith('/security-credentials/'))).toHaveLength(1);
  });

  it('fails with a reason when no role is bound or the answer is not Success', async () => {
    const srv = await localServer((req, res) => {
      if (req.url?.endsWith('/security-credentials/')) return void res.writeHead(404).end();
      res.end('{}');
    });
    close = srv.close;
    await expect(cvmRoleCredentials({ baseUrl: srv.url })()).rejects.toThrow(
      /HTTP 404 for the role name/,
    );
    await expect(cvmRoleCredentials({ baseUrl: srv.url, roleName: 'r' })()).rejects.toThrow(
      /Code \?/,
    );
  });

  it('gives up quickly when the metadata service does not answer', async () => {
    const srv = await localServer(() => {}); // never answers
    close = srv.close;
    const err = await cvmRoleCredentials({ baseUrl: srv.url, timeoutMs: 50 })().catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(/unreachable \(no answer within 50 ms\)/);
  });
});
