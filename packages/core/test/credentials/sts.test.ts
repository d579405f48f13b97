import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { staticCredentials } from '../../src/credentials/basic.js';
import { assumeRoleCredentials, webIdentityCredentials } from '../../src/credentials/sts.js';
import { CredentialsError } from '../../src/errors/index.js';
import { signTc3 } from '../../src/signer/tc3.js';
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
      'TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE not set',
    );
  });
});
