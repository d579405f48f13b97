import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { defaultCredentialsChain, providerChain } from '../../src/credentials/chain.js';
import {
  defaultProfilePaths,
  parseIni,
  profileCredentials,
  profileRegion,
  profileRegionSync,
  resolveRegionSync,
} from '../../src/credentials/profile.js';
import { CredentialsError } from '../../src/errors/index.js';
import { ServiceClient } from '../../src/index.js';
import { localServer } from './helpers.js';

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

describe('TENCENTCLOUD_CREDENTIALS_FILE', () => {
  const named = join(dir, 'named-credentials');
  writeFileSync(
    named,
    '[default]\nsecret_id = AKIDnamed\nsecret_key = named-key\nregion = ap-tokyo\n',
  );

  it('names the file read instead of the home and system files', async () => {
    const env = { TENCENTCLOUD_CREDENTIALS_FILE: named };
    expect(await profileCredentials({ env })()).toEqual({
      secretId: 'AKIDnamed',
      secretKey: 'named-key',
    });
    expect(defaultProfilePaths(env)).toEqual([named]);
    expect(defaultProfilePaths({})).toHaveLength(2);
  });

  it('is where the region of the profile comes from too, sync and async', async () => {
    const env = { TENCENTCLOUD_CREDENTIALS_FILE: named };
    expect(resolveRegionSync(undefined, { env })).toBe('ap-tokyo');
    expect(profileRegionSync({ env })).toBe('ap-tokyo');
    expect(await profileRegion({ env })).toBe('ap-tokyo');
    expect(resolveRegionSync(undefined, { env: { ...env, TENCENTCLOUD_REGION: 'ap-seoul' } })).toBe(
      'ap-seoul',
    );
  });

  it('gives a client its region, when neither the option nor TENCENTCLOUD_REGION does', async () => {
    const srv = await localServer((_r, res) => res.end('{"Response":{"RequestId":"r-1"}}'));
    vi.stubEnv('TENCENTCLOUD_CREDENTIALS_FILE', named);
    vi.stubEnv('TENCENTCLOUD_REGION', '');
    vi.stubEnv('TENCENTCLOUD_PROFILE', 'default');
    try {
      const client = new ServiceClient(
        {
          service: 'cvm',
          version: '2017-03-12',
          packageName: '@scope/cvm',
          packageVersion: '1.0.0',
        },
        { endpoint: srv.url, credentials: { secretId: 'AKIDx', secretKey: 'region-test-key' } },
      );
      await client.request({ name: 'DescribeThings', readOnly: true }, {});
      expect(srv.requests[0]?.headers['x-tc-region']).toBe('ap-tokyo');
    } finally {
      vi.unstubAllEnvs();
      srv.close();
    }
  });

  it('an explicit `paths` option wins over the variable', async () => {
    const env = { TENCENTCLOUD_CREDENTIALS_FILE: named };
    expect((await profileCredentials({ env, paths: [home] })()).secretId).toBe('AKIDhome');
  });

  it('set to a missing file or to nothing is an error, with no fallback to the home file', async () => {
    const missing = join(dir, 'no-such-file');
    const err = await profileCredentials({
      env: { TENCENTCLOUD_CREDENTIALS_FILE: missing },
    })().catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toBe(`${missing} (TENCENTCLOUD_CREDENTIALS_FILE): not found`);
    await expect(
      profileCredentials({ env: { TENCENTCLOUD_CREDENTIALS_FILE: '' } })(),
    ).rejects.toThrow('TENCENTCLOUD_CREDENTIALS_FILE is set but empty');
    expect(profileRegionSync({ env: { TENCENTCLOUD_CREDENTIALS_FILE: missing } })).toBeUndefined();
    expect(profileRegionSync({ env: { TENCENTCLOUD_CREDENTIALS_FILE: '' } })).toBeUndefined();
  });

  it('is honoured by the default chain, and a missing file stops it', async () => {
    const ok = defaultCredentialsChain({
      env: { TENCENTCLOUD_CREDENTIALS_FILE: named },
      cvmRole: false,
      webIdentity: false,
    });
    expect((await ok()).secretId).toBe('AKIDnamed');
    const cvmRole = vi.fn(async () => ({ secretId: 'AKIDcvm', secretKey: 'cvm-key' }));
    const broken = providerChain([
      {
        name: 'profile file',
        provider: profileCredentials({
          env: { TENCENTCLOUD_CREDENTIALS_FILE: join(dir, 'gone') },
        }),
      },
      { name: 'CVM instance role', provider: cvmRole },
    ]);
    const err = await broken().catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(
      /^No credentials: the profile file is configured but cannot be used/,
    );
    expect(err.message).toContain('gone (TENCENTCLOUD_CREDENTIALS_FILE): not found');
    expect(cvmRole).not.toHaveBeenCalled();
  });
});

describe('a profile file that is not INI', () => {
  const SECRET = 'broken-file-secret-value-31f0';
  const table: Array<[string, string, number, RegExp]> = [
    ['JSON instead of INI', `{\n  "secret_key": "${SECRET}"\n}\n`, 1, /expected `key = value`/],
    [
      'a colon instead of =',
      `[default]\nsecret_id = AKID1\nsecret_key: ${SECRET}\n`,
      3,
      /expected `key = value`/,
    ],
    [
      'an unclosed section header',
      `[default\nsecret_key = ${SECRET}\n`,
      1,
      /without its closing `\]`/,
    ],
    ['an empty section name', `[]\nsecret_key = ${SECRET}\n`, 1, /empty or malformed section name/],
    ['a value without a key', `[default]\n= ${SECRET}\n`, 2, /a value without a key/],
    [
      'keys before any section',
      `secret_id = AKID1\nsecret_key = ${SECRET}\n[default]\n`,
      1,
      /before the first `\[section\]`/,
    ],
    [
      'text after a header',
      `\n\n[default] extra\nsecret_key = ${SECRET}\n`,
      3,
      /without its closing `\]`/,
    ],
    [
      'binary garbage',
      `[default]\nsecret_key = ${SECRET}\n\u0000\u0001\u0002PK\u0003\u0004\n`,
      3,
      /expected `key = value`/,
    ],
  ];

  it.each(table)(
    '%s: says so, with the file and line, never the content',
    async (_name, text, line, what) => {
      const file = join(dir, `broken-${line}-${Math.abs(text.length)}`);
      writeFileSync(file, text);
      const err = await profileCredentials({ paths: [file], env: {} })().catch((e) => e);
      expect(err).toBeInstanceOf(CredentialsError);
      expect(err.message).toMatch(
        new RegExp(`^${escapeRegExp(file)} is not a valid INI file: line ${line}: `),
      );
      expect(err.message).toMatch(what);
      expect(err.message).not.toContain('no [default] profile');
      for (const shown of [err.message, err.stack, inspect(err), JSON.stringify(err)])
        expect(shown).not.toContain(SECRET);
    },
  );

  it('stops the default chain rather than fall back to other credentials', async () => {
    const file = join(dir, 'broken-for-chain');
    writeFileSync(file, 'this is not ini\n');
    const next = vi.fn(async () => ({ secretId: 'AKIDnext', secretKey: 'next-key' }));
    const chain = providerChain([
      { name: 'profile file', provider: profileCredentials({ paths: [file], env: {} }) },
      { name: 'CVM instance role', provider: next },
    ]);
    const err = await chain().catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toContain(`${file} is not a valid INI file: line 1`);
    expect(next).not.toHaveBeenCalled();
  });

  it('parseIni accepts what real files hold: BOM, CRLF, comments, blank lines, empty values', () => {
    expect(
      parseIni('\ufeff; c\r\n# c\r\n\r\n[default]\r\nsecret_id =\r\nkey = a=b\r\n', 'f'),
    ).toEqual({
      default: { secret_id: '', key: 'a=b' },
    });
  });

  it('the region read at client construction ignores a broken file instead of throwing', () => {
    const file = join(dir, 'broken-region');
    writeFileSync(file, 'region: ap-x\n');
    expect(profileRegionSync({ paths: [file], env: {} })).toBeUndefined();
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
