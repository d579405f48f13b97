import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cvmRoleCredentials } from '../../src/credentials/cvm-role.js';
import { CredentialsError } from '../../src/errors/index.js';
import { localServer } from './helpers.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('CVM instance role', () => {
  it('discovers the role, fetches credentials with their expiry, refreshes near expiry', async () => {
    let n = 0;
    let now = 1_000_000_000;
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
            ExpiredTime: now / 1000 + 3600,
            Expiration: 'ignored',
            Code: 'Success',
          }),
        );
      }
      res.writeHead(404).end();
    });
    close = srv.close;
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
    now = (1_000_000 + 3600 - 30) * 1000; // inside the clock-skew margin: fetched again
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
    expect(err.message).toMatch(/unreachable \(.*no complete response within 50 ms/);
  });

  it('fetches again when the first answer is already expired, and uses the fresh one', async () => {
    const now = Date.UTC(2030, 5, 1);
    const expiries = [now / 1000 - 10, now / 1000 + 30, now / 1000 + 7200]; // expired, margin, good
    let n = 0;
    const srv = await localServer((req, res) => {
      if (!req.url.endsWith('/security-credentials/r')) return void res.writeHead(404).end();
      n++;
      res.end(
        JSON.stringify({
          Code: 'Success',
          TmpSecretId: `AKIDstale${n}`,
          TmpSecretKey: `cvm-stale-key-${n}-abcdef`,
          Token: `cvm-stale-token-${n}-abcdef`,
          ExpiredTime: expiries[n - 1],
        }),
      );
    });
    close = srv.close;
    const p = cvmRoleCredentials({
      baseUrl: srv.url,
      roleName: 'r',
      now: () => now,
      staleRetryDelayMs: 0,
    });
    const c = await p();
    expect(c.secretId).toBe('AKIDstale3');
    expect(c.expiresAt).toEqual(new Date(now + 7200_000));
    expect(n).toBe(3);
  });

  it('gives up after a few expired answers, saying when they expired, never the secrets', async () => {
    const now = Date.UTC(2030, 5, 1);
    const srv = await localServer((req, res) => {
      if (!req.url.endsWith('/security-credentials/r')) return void res.writeHead(404).end();
      res.end(
        JSON.stringify({
          Code: 'Success',
          TmpSecretId: 'AKIDexpired',
          TmpSecretKey: 'cvm-expired-key-abcdef',
          Token: 'cvm-expired-token-abcdef',
          Expiration: '2030-05-31T23:00:00Z',
        }),
      );
    });
    close = srv.close;
    const err = await cvmRoleCredentials({
      baseUrl: srv.url,
      roleName: 'r',
      now: () => now,
      staleRetryDelayMs: 0,
    })().catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toContain('the CVM metadata service returned credentials that expire at');
    expect(err.message).toContain('2030-05-31T23:00:00.000Z (already expired');
    expect(err.message).toContain('3 times in a row');
    const shown = `${err.message}\n${err.stack}\n${inspect(err)}\n${JSON.stringify(err)}`;
    for (const secret of ['cvm-expired-key-abcdef', 'cvm-expired-token-abcdef'])
      expect(shown).not.toContain(secret);
    expect(srv.requests).toHaveLength(3);
  });
});
