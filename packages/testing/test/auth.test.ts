import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { CRED, call, DEMO, errorCode, repoSpecs, TEMP } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ specs: [DEMO, repoSpecs], credentials: [CRED, TEMP] });
});
afterAll(() => emu.close());

const ok = { Name: 'a' };

describe('TC3 signature verification', () => {
  it('accepts a correctly signed request', async () => {
    const r = await call(emu.port, { action: 'PutThing', body: ok });
    expect(r.status).toBe(200);
    expect(r.json.Response.Error).toBeUndefined();
    expect(r.json.Response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects a wrong secret key with AuthFailure.SignatureFailure (HTTP 200 envelope)', async () => {
    const r = await call(emu.port, {
      action: 'PutThing',
      body: ok,
      cred: { secretId: CRED.secretId, secretKey: 'wrong' },
    });
    expect(r.status).toBe(200);
    expect(errorCode(r)).toBe('AuthFailure.SignatureFailure');
    expect(r.json.Response.RequestId).toBeTypeOf('string');
  });

  it('rejects a body changed after signing, and a garbled Authorization header', async () => {
    const tampered = await call(emu.port, {
      action: 'PutThing',
      body: ok,
      sentBody: JSON.stringify({ Name: 'b' }),
    });
    expect(errorCode(tampered)).toBe('AuthFailure.SignatureFailure');
    const garbled = await call(emu.port, {
      action: 'PutThing',
      body: ok,
      headers: { Authorization: 'TC3-HMAC-SHA256 Credential=x' },
    });
    expect(errorCode(garbled)).toBe('AuthFailure.SignatureFailure');
  });

  it('rejects a signature made for another host', async () => {
    const r = await call(emu.port, {
      action: 'PutThing',
      body: ok,
      host: 'demo.tencentcloudapi.com',
      headers: { Host: 'demo.ap-shanghai.tencentcloudapi.com' },
    });
    expect(errorCode(r)).toBe('AuthFailure.SignatureFailure');
  });

  it('rejects a credential scope for another service', async () => {
    // Signed for service "cvm" but sent to demo's host.
    const r = await call(emu.port, {
      service: 'cvm',
      host: 'demo.tencentcloudapi.com',
      action: 'PutThing',
      body: ok,
    });
    expect(errorCode(r)).toBe('AuthFailure.SignatureFailure');
  });

  it('answers AuthFailure.SignatureExpire beyond 5 minutes of skew, not within', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = await call(emu.port, { action: 'PutThing', body: ok, timestamp: now - 400 });
    expect(errorCode(old)).toBe('AuthFailure.SignatureExpire');
    const future = await call(emu.port, { action: 'PutThing', body: ok, timestamp: now + 400 });
    expect(errorCode(future)).toBe('AuthFailure.SignatureExpire');
    const near = await call(emu.port, { action: 'PutThing', body: ok, timestamp: now - 240 });
    expect(errorCode(near)).toBeUndefined();
  });

  it('answers AuthFailure.SecretIdNotFound for an unknown well-formed SecretId', async () => {
    const r = await call(emu.port, {
      action: 'PutThing',
      body: ok,
      cred: { secretId: 'AKIDunknownKey12345678', secretKey: CRED.secretKey },
    });
    expect(errorCode(r)).toBe('AuthFailure.SecretIdNotFound');
  });

  it('answers AuthFailure.InvalidSecretId for a malformed SecretId', async () => {
    const r = await call(emu.port, {
      action: 'PutThing',
      body: ok,
      cred: { secretId: 'not-a-key', secretKey: CRED.secretKey },
    });
    expect(errorCode(r)).toBe('AuthFailure.InvalidSecretId');
  });

  it('answers AuthFailure.TokenFailure for temporary credentials without or with a wrong token', async () => {
    const missing = await call(emu.port, {
      action: 'PutThing',
      body: ok,
      cred: { secretId: TEMP.secretId, secretKey: TEMP.secretKey },
    });
    expect(errorCode(missing)).toBe('AuthFailure.TokenFailure');
    const wrong = await call(emu.port, {
      action: 'PutThing',
      body: ok,
      cred: { ...TEMP, token: 'other-token' },
    });
    expect(errorCode(wrong)).toBe('AuthFailure.TokenFailure');
    const good = await call(emu.port, { action: 'PutThing', body: ok, cred: TEMP });
    expect(errorCode(good)).toBeUndefined();
  });

  it('accepts unsigned (Authorization: SKIP) only for skipSign actions', async () => {
    const login = await call(emu.port, {
      action: 'Login',
      body: {},
      cred: null,
      headers: { Authorization: 'SKIP' },
    });
    expect(errorCode(login)).toBeUndefined();
    const put = await call(emu.port, {
      action: 'PutThing',
      body: ok,
      cred: null,
      headers: { Authorization: 'SKIP' },
    });
    expect(errorCode(put)).toBe('AuthFailure.SignatureFailure');
    const missing = await call(emu.port, { action: 'PutThing', body: ok, cred: null });
    expect(errorCode(missing)).toBe('MissingParameter');
  });

  it('accepts sts AssumeRoleWithWebIdentity unsigned, from the repo specs', async () => {
    const r = await call(emu.port, {
      service: 'sts',
      version: '2018-08-13',
      action: 'AssumeRoleWithWebIdentity',
      cred: null,
      headers: { Authorization: 'SKIP' },
      body: {
        ProviderId: 'OIDC',
        WebIdentityToken: 'token',
        RoleArn: 'qcs::cam::uin/1:roleName/r',
        RoleSessionName: 's',
      },
    });
    expect(errorCode(r)).toBeUndefined();
    expect(r.json.Response.Credentials).toBeTypeOf('object');
  });

  it('verifies signed GET requests (query string in the canonical request)', async () => {
    const r = await call(emu.port, {
      action: 'PutThing',
      method: 'GET',
      query: 'Name=x&Count=3&Tags.0.Key=k',
    });
    expect(errorCode(r)).toBeUndefined();
    expect(emu.requests.at(-1)?.body).toEqual({ Name: 'x', Count: 3, Tags: [{ Key: 'k' }] });
  });

  it('says plainly that legacy form signatures are not verified', async () => {
    const r = await call(emu.port, {
      action: 'PutThing',
      cred: null,
      contentType: 'application/x-www-form-urlencoded',
      rawBody: `Action=PutThing&Version=2020-01-01&SecretId=${CRED.secretId}&Timestamp=1&Nonce=2&Signature=abc&Name=x`,
    });
    expect(errorCode(r)).toBe('AuthFailure.SignatureFailure');
    expect(r.json.Response.Error.Message).toContain('legacy');
  });

  it('does not check signatures when started without credentials', async () => {
    const open = await startEmulator({ specs: [DEMO] });
    try {
      const r = await call(open.port, {
        action: 'PutThing',
        body: ok,
        cred: { secretId: 'AKIDanything0000', secretKey: 'x' },
      });
      expect(errorCode(r)).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});
