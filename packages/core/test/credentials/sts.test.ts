import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { staticCredentials } from '../../src/credentials/basic.js';
import { assumeRoleCredentials, webIdentityCredentials } from '../../src/credentials/sts.js';
import { CredentialsError } from '../../src/errors/index.js';
import { ServiceClient } from '../../src/index.js';
import { signTc3 } from '../../src/signer/sign.js';
import { localServer, type Recorded } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tc-sts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let close: (() => void) | undefined;
afterEach(() => close?.());

const SOURCE = { secretId: 'AKIDsource', secretKey: 'sts-source-secret-key' };

function answer(n: number, expiredTime: number) {
  return JSON.stringify({
    Response: {
      Credentials: {
        TmpSecretId: `AKIDsts${n}`,
        TmpSecretKey: `sts-tmp-key-${n}`,
        Token: `sts-token-${n}`,
      },
      ExpiredTime: expiredTime,
      Expiration: new Date(expiredTime * 1000).toISOString(),
      RequestId: `req-${n}`,
    },
  });
}

/** What a correct server computes for the request it received. */
function expectedAuthorization(r: Recorded): string {
  return signTc3({
    ...SOURCE,
    service: 'sts',
    host: String(r.headers.host),
    contentType: String(r.headers['content-type']),
    body: r.body,
    timestamp: Number(r.headers['x-tc-timestamp']),
  });
}

describe('STS AssumeRole', () => {
  it("signs with core's TC3 signer and the source credentials", async () => {
    let n = 0;
    const srv = await localServer((_r, res) => res.end(answer(++n, 2_000_000_000)));
    close = srv.close;
    const p = assumeRoleCredentials({
      source: staticCredentials(SOURCE),
      roleArn: 'qcs::cam::uin/1:roleName/r',
      roleSessionName: 's',
      durationSeconds: 900,
      endpoint: srv.url,
      region: 'ap-beijing',
    });
    expect(await p()).toEqual({
      secretId: 'AKIDsts1',
      secretKey: 'sts-tmp-key-1',
      token: 'sts-token-1',
      expiresAt: new Date(2_000_000_000_000),
    });
    const [r] = srv.requests;
    expect(r?.headers['x-tc-action']).toBe('AssumeRole');
    expect(r?.headers['x-tc-version']).toBe('2018-08-13');
    expect(r?.headers['x-tc-region']).toBe('ap-beijing');
    expect(r?.headers.authorization).toBe(expectedAuthorization(r as Recorded));
    expect(JSON.parse(r?.body ?? '')).toEqual({
      RoleArn: 'qcs::cam::uin/1:roleName/r',
      RoleSessionName: 's',
      DurationSeconds: 900,
    });
  });

  it('reports an STS error envelope as CredentialsError with code and RequestId', async () => {
    const srv = await localServer((_r, res) =>
      res.end(
        JSON.stringify({
          Response: {
            Error: { Code: 'InvalidParameter.RoleArn', Message: 'bad arn' },
            RequestId: 'q-1',
          },
        }),
      ),
    );
    close = srv.close;
    const err = await assumeRoleCredentials({
      source: staticCredentials(SOURCE),
      roleArn: 'x',
      endpoint: srv.url,
    })().catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe(
      'STS AssumeRole failed: InvalidParameter.RoleArn: bad arn (RequestId q-1)',
    );
  });
});

describe('STS AssumeRoleWithWebIdentity (TKE OIDC)', () => {
  it('sends unsigned, from the TKE variables, and re-reads the token file at each refresh', async () => {
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'oidc-token-one\n');
    let n = 0;
    let now = 1_000_000_000;
    const srv = await localServer((_r, res) => res.end(answer(++n, now / 1000 + 3600)));
    close = srv.close;
    const p = webIdentityCredentials({
      endpoint: srv.url,
      now: () => now,
      env: {
        TKE_PROVIDER_ID: 'prov',
        TKE_WEB_IDENTITY_TOKEN_FILE: tokenFile,
        TKE_ROLE_ARN: 'qcs::cam::uin/1:roleName/pod',
        TKE_REGION: 'ap-chengdu',
      },
    });
    expect((await p()).secretId).toBe('AKIDsts1');
    writeFileSync(tokenFile, 'oidc-token-two\n'); // the platform rotates the token
    now += 3600_000 - 60_000;
    expect((await p()).secretId).toBe('AKIDsts2');
    const bodies = srv.requests.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.WebIdentityToken)).toEqual(['oidc-token-one', 'oidc-token-two']);
    expect(bodies[0]).toMatchObject({
      ProviderId: 'prov',
      RoleArn: 'qcs::cam::uin/1:roleName/pod',
    });
    expect(srv.requests[0]?.headers.authorization).toBe('SKIP');
    expect(srv.requests[0]?.headers['x-tc-region']).toBe('ap-chengdu');
    expect(srv.requests[0]?.headers['x-tc-action']).toBe('AssumeRoleWithWebIdentity');
  });

  it('lists the missing variables', async () => {
    await expect(webIdentityCredentials({ env: { TKE_ROLE_ARN: 'x' } })()).rejects.toThrow(
      'TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_REGION not set',
    );
  });

  it('fails clearly without TKE_REGION instead of guessing a region, and sends nothing', async () => {
    const tokenFile = join(dir, 'token-no-region');
    writeFileSync(tokenFile, 'oidc-token-no-region\n');
    const srv = await localServer((_r, res) => res.end(answer(1, 2_000_000_000)));
    close = srv.close;
    const env = {
      TKE_PROVIDER_ID: 'prov',
      TKE_WEB_IDENTITY_TOKEN_FILE: tokenFile,
      TKE_ROLE_ARN: 'qcs::cam::uin/1:roleName/pod',
    };
    for (const e of [env, { ...env, TKE_REGION: '' }]) {
      const err = await webIdentityCredentials({ endpoint: srv.url, env: e })().catch((x) => x);
      expect(err).toBeInstanceOf(CredentialsError);
      expect(err.message).toBe('TKE_REGION not set');
    }
    expect(srv.requests).toHaveLength(0);
    // The option stands in for the variable.
    const p = webIdentityCredentials({ endpoint: srv.url, env, region: 'ap-hongkong' });
    expect((await p()).secretId).toBe('AKIDsts1');
    expect(srv.requests[0]?.headers['x-tc-region']).toBe('ap-hongkong');
  });

  it('rejects a TKE_REGION that is not a region name, without sending it', async () => {
    const srv = await localServer((_r, res) => res.end(answer(1, 2_000_000_000)));
    close = srv.close;
    const tokenFile = join(dir, 'token-bad-region');
    writeFileSync(tokenFile, 'oidc-token-bad-region\n');
    const err = await webIdentityCredentials({
      endpoint: srv.url,
      env: {
        TKE_PROVIDER_ID: 'prov',
        TKE_WEB_IDENTITY_TOKEN_FILE: tokenFile,
        TKE_ROLE_ARN: 'r',
        TKE_REGION: 'ap-guangzhou\r\nX-Evil: 1',
      },
    })().catch((x) => x);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(/^TKE_REGION is not a region name/);
    expect(srv.requests).toHaveLength(0);
  });
});

describe('STS source secrets are redacted, whatever produced them', () => {
  it('a plain async function source: an STS error echoing its token and key shows neither', async () => {
    const token = 'plain-fn-source-token-7f3a9c';
    const secretKey = 'plain-fn-source-secret-5e1d2b';
    // A stand-in STS that echoes the request headers in its error message, as a proxy or a
    // misbehaving server might.
    const srv = await localServer((r, res) =>
      res.end(
        JSON.stringify({
          Response: {
            Error: {
              Code: 'AuthFailure.TokenFailure',
              Message: `token ${r.headers['x-tc-token']} rejected; headers ${JSON.stringify(r.headers)}; key ${secretKey}`,
            },
            RequestId: 'q-echo',
          },
        }),
      ),
    );
    close = srv.close;
    const p = assumeRoleCredentials({
      source: async () => ({ secretId: 'AKIDplainfn', secretKey, token }),
      roleArn: 'qcs::cam::uin/1:roleName/r',
      endpoint: srv.url,
    });
    const err = await p().catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(srv.requests[0]?.headers['x-tc-token']).toBe(token); // it was really echoed
    expect(err.message).toContain('AuthFailure.TokenFailure');
    expect(err.message).toContain('[REDACTED]');
    for (const shown of [err.message, err.stack, inspect(err), JSON.stringify(err)]) {
      expect(shown).not.toContain(token);
      expect(shown).not.toContain(secretKey);
    }
  });

  it('through a client: the logger and the onError hook do not show them either', async () => {
    const token = 'client-path-source-token-41c8e0';
    const secretKey = 'client-path-source-secret-9b2f77';
    const srv = await localServer((r, res) =>
      res.end(
        JSON.stringify({
          Response: {
            Error: { Code: 'AuthFailure', Message: `echo ${r.headers['x-tc-token']} ${secretKey}` },
            RequestId: 'q-echo2',
          },
        }),
      ),
    );
    close = srv.close;
    const seen: unknown[] = [];
    const log = (...args: unknown[]) => void seen.push(args);
    const client = new ServiceClient(
      { service: 'cvm', version: '2017-03-12', packageName: '@scope/cvm', packageVersion: '1.0.0' },
      {
        region: 'ap-guangzhou',
        endpoint: 'http://127.0.0.1:9',
        maxAttempts: 1,
        credentials: assumeRoleCredentials({
          source: async () => ({ secretId: 'AKIDclientpath', secretKey, token }),
          roleArn: 'qcs::cam::uin/1:roleName/r',
          endpoint: srv.url,
        }),
        logger: { debug: log, info: log, warn: log, error: log },
        hooks: { onError: (e) => void seen.push(e) },
      },
    );
    const err = await client
      .request({ name: 'DescribeThings', readOnly: true }, {})
      .catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(srv.requests).toHaveLength(1);
    expect(seen.length).toBeGreaterThan(0);
    const shown = [
      err.message,
      err.stack,
      inspect(err),
      JSON.stringify(err),
      inspect(seen, { depth: 8 }),
    ];
    for (const text of shown) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(secretKey);
    }
  });

  it('a source with a control character in its token fails before STS is called', async () => {
    const srv = await localServer((_r, res) => res.end(answer(1, 2_000_000_000)));
    close = srv.close;
    const err = await assumeRoleCredentials({
      source: async () => ({ secretId: 'AKIDx', secretKey: 'k-abcdef', token: 'tok\r\nX: 1' }),
      roleArn: 'r',
      endpoint: srv.url,
    })().catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(/^Credentials token contains a line break/);
    expect(srv.requests).toHaveLength(0);
  });
});
