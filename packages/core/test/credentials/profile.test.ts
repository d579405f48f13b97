import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  parseIni,
  profileCredentials,
  profileRegion,
  resolveRegionSync,
} from '../../src/credentials/profile.js';

const dir = mkdtempSync(join(tmpdir(), 'tc-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const home = join(dir, 'home-credentials');
const system = join(dir, 'etc-credentials');
writeFileSync(
  home,
  `; comment
[default]
secret_id = AKIDhome
secret_key = "home-key"
region = ap-shanghai

[profile work]
secret_id=AKIDwork
secret_key=work-key
token=work-token
`,
);
writeFileSync(system, '[default]\nsecret_id = AKIDsys\nsecret_key = sys-key\n');

describe('profile file', () => {
  it('parses ini sections, comments and quotes', () => {
    expect(parseIni('# x\n[a]\nK = "v"\n[ profile b ]\nk=w\n')).toEqual({
      a: { k: 'v' },
      b: { k: 'w' },
    });
  });

  it('reads [default] from the first file that exists', async () => {
    const p = profileCredentials({ paths: [join(dir, 'missing'), home, system], env: {} });
    expect(await p()).toEqual({ secretId: 'AKIDhome', secretKey: 'home-key' });
    const sys = profileCredentials({ paths: [join(dir, 'missing'), system], env: {} });
    expect((await sys()).secretId).toBe('AKIDsys');
  });

  it('reads a named profile from the option or TENCENTCLOUD_PROFILE', async () => {
    expect(await profileCredentials({ paths: [home], profile: 'work', env: {} })()).toEqual({
      secretId: 'AKIDwork',
      secretKey: 'work-key',
      token: 'work-token',
    });
    expect(
      (await profileCredentials({ paths: [home], env: { TENCENTCLOUD_PROFILE: 'work' } })())
        .secretId,
    ).toBe('AKIDwork');
  });

  it('says which files it looked at, or which profile is missing', async () => {
    await expect(
      profileCredentials({ paths: [join(dir, 'a'), join(dir, 'b')], env: {} })(),
    ).rejects.toThrow(/a: not found; .*b: not found/);
    await expect(profileCredentials({ paths: [home], profile: 'nope', env: {} })()).rejects.toThrow(
      /no \[nope\] profile/,
    );
  });

  it('gives the region of the profile', async () => {
    expect(await profileRegion({ paths: [home], env: {} })).toBe('ap-shanghai');
    expect(await profileRegion({ paths: [join(dir, 'none')], env: {} })).toBeUndefined();
  });
});

describe('region, synchronously', () => {
  it('comes from the option, then TENCENTCLOUD_REGION, then the profile', () => {
    const o = { paths: [home] };
    expect(resolveRegionSync('ap-x', { ...o, env: { TENCENTCLOUD_REGION: 'ap-y' } })).toBe('ap-x');
    expect(resolveRegionSync(undefined, { ...o, env: { TENCENTCLOUD_REGION: 'ap-y' } })).toBe(
      'ap-y',
    );
    expect(resolveRegionSync(undefined, { ...o, env: {} })).toBe('ap-shanghai');
    expect(resolveRegionSync(undefined, { paths: [join(dir, 'none')], env: {} })).toBeUndefined();
  });
});
