import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { defaultCredentialsChain, resolveRegion } from '../../src/credentials/chain.js';
import { fileRegionSync } from '../../src/credentials/region.js';
import { tccliCredentials, tccliRegionSync } from '../../src/credentials/tccli.js';
import { CredentialsError } from '../../src/errors/index.js';

const root = mkdtempSync(join(tmpdir(), 'tc-tccli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
/** A fresh HOME with `.tccli/<name>.<kind>` files. */
function home(files: Record<string, unknown>): { home: string; dir: string } {
  const h = join(root, `home${n++}`);
  const dir = join(h, '.tccli');
  mkdirSync(dir, { recursive: true });
  for (const [name, value] of Object.entries(files))
    writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
  return { home: h, dir };
}
const savedHome = process.env.HOME;
afterEach(() => {
  process.env.HOME = savedHome;
});
const noProfile = { paths: [join(root, 'no-ini')] };

describe('tccli profiles', () => {
  it('reads the keys tccli configure wrote, and the named profile from TCCLI_PROFILE', async () => {
    const { dir } = home({
      'default.credential': { secretId: 'AKIDtccli', secretKey: 'tccli-secret-key' },
      'work.credential': {
        secretId: 'AKIDwork',
        secretKey: 'work-secret-key',
        token: 'work-token-123',
      },
    });
    expect(await tccliCredentials({ dir, env: {} })()).toEqual({
      secretId: 'AKIDtccli',
      secretKey: 'tccli-secret-key',
    });
    expect(await tccliCredentials({ dir, env: { TCCLI_PROFILE: 'work' } })()).toEqual({
      secretId: 'AKIDwork',
      secretKey: 'work-secret-key',
      token: 'work-token-123',
    });
  });

  it('comes after the profile file in the default chain, from ~/.tccli by default', async () => {
    const { home: h } = home({
      'default.credential': { secretId: 'AKIDhome', secretKey: 'home-secret-key' },
    });
    process.env.HOME = h;
    const chain = defaultCredentialsChain({
      env: {},
      profile: noProfile,
      cvmRole: false,
      webIdentity: false,
    });
    expect((await chain()).secretId).toBe('AKIDhome');
    expect(chain.chosenProvider()).toBe('tccli profile');
    const ini = join(root, `ini${n++}`);
    writeFileSync(ini, '[default]\nsecret_id=AKIDini\nsecret_key=ini-secret\n');
    const first = defaultCredentialsChain({
      env: {},
      profile: { paths: [ini] },
      cvmRole: false,
      webIdentity: false,
    });
    expect((await first()).secretId).toBe('AKIDini');
  });

  it('keeps the expiry of OAuth / SSO keys, which tccli refreshes in the file', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    const { dir } = home({
      'default.credential': {
        type: 'oauth',
        secretId: 'AKIDtmp',
        secretKey: 'tmp-secret-key',
        token: 'tmp-token-123',
        expiresAt,
        oauth: { openId: 'o', accessToken: 'a', refreshToken: 'r', expiresAt, site: 'cn' },
      },
    });
    const creds = await tccliCredentials({ dir, env: {} })();
    expect(creds.token).toBe('tmp-token-123');
    expect(creds.expiresAt?.getTime()).toBe(expiresAt * 1000);
  });

  it('stops the chain on a broken file, without quoting it; a CVM-role profile moves it on', async () => {
    const broken = home({
      'default.credential': '{"secretId": "AKIDx", "secretKey": "leaky-secret-value"',
    });
    const err = await defaultCredentialsChain({
      env: {},
      profile: noProfile,
      tccli: { dir: broken.dir },
      cvmRole: false,
      webIdentity: false,
    })().catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toContain('is configured but cannot be used');
    expect(err.message).toContain('default.credential is not valid JSON');
    expect(err.message).not.toContain('leaky-secret-value');
    const role = home({ 'default.credential': { type: 'cvm-role' } });
    const moved = await defaultCredentialsChain({
      env: {},
      profile: noProfile,
      tccli: { dir: role.dir },
      cvmRole: false,
      webIdentity: false,
    })().catch((e) => e);
    expect(moved.message).toMatch(/No credentials found/);
    expect(moved.message).toContain('says to use the CVM instance role');
  });

  it('takes the region from _sys_param of the configure file, after every other source', async () => {
    const { home: h, dir } = home({
      'default.configure': { _sys_param: { region: 'ap-chengdu' } },
    });
    expect(tccliRegionSync({ dir, env: {} })).toBe('ap-chengdu');
    const ini = join(root, `ini${n++}`);
    writeFileSync(ini, '[default]\nregion=ap-shanghai\n');
    const tccli = { dir, env: {} };
    expect(await resolveRegion({ env: {}, profile: noProfile, tccli })).toBe('ap-chengdu');
    expect(await resolveRegion({ env: {}, profile: { paths: [ini] }, tccli })).toBe('ap-shanghai');
    expect(
      await resolveRegion({
        env: { TENCENTCLOUD_REGION: 'ap-beijing' },
        profile: { paths: [ini] },
        tccli,
      }),
    ).toBe('ap-beijing');
    expect(
      await resolveRegion({
        region: 'ap-hongkong',
        env: { TENCENTCLOUD_REGION: 'ap-beijing' },
        tccli,
      }),
    ).toBe('ap-hongkong');
    process.env.HOME = h;
    expect(fileRegionSync({ env: {}, paths: noProfile.paths })).toEqual({
      region: 'ap-chengdu',
      source: 'tccli configure',
      path: join(dir, 'default.configure'),
    });
  });
});
