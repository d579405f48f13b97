import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  defaultCredentialsChain,
  providerChain,
  resolveRegion,
} from '../../src/credentials/chain.js';
import { CredentialsError } from '../../src/errors/index.js';
import { localServer } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tc-chain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let close: (() => void) | undefined;
afterEach(() => close?.());

describe('default chain', () => {
  it('lists every provider tried and why, and prints nothing', async () => {
    const log = vi.spyOn(console, 'log');
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const srv = await localServer((_r, res) => res.writeHead(404).end());
    close = srv.close;
    const chain = defaultCredentialsChain({
      env: {},
      profile: { paths: [join(dir, 'nope')] },
      tccli: { dir: join(dir, 'no-tccli') },
      cvmRole: { baseUrl: srv.url, timeoutMs: 200 },
    });
    const err = await chain().catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.tried.map((t: { provider: string }) => t.provider)).toEqual([
      'environment',
      'profile file',
      'tccli profile',
      'CVM instance role',
      'OIDC web identity (TKE)',
    ]);
    expect(err.message).toContain('TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set');
    expect(err.message).toContain('nope: not found');
    expect(err.message).toContain(`${join(dir, 'no-tccli', 'default.credential')} not found`);
    expect(err.message).toContain('HTTP 404');
    expect(err.message).toContain(
      'TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN, TKE_REGION not set',
    );
    expect(log).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('takes the first provider that works: environment before profile', async () => {
    const file = join(dir, 'creds');
    writeFileSync(file, '[default]\nsecret_id=AKIDfile\nsecret_key=k\n');
    const both = defaultCredentialsChain({
      env: { TENCENTCLOUD_SECRET_ID: 'AKIDenv', TENCENTCLOUD_SECRET_KEY: 'k' },
      profile: { paths: [file] },
      cvmRole: false,
      webIdentity: false,
    });
    expect((await both()).secretId).toBe('AKIDenv');
    const fileOnly = defaultCredentialsChain({
      env: {},
      profile: { paths: [file] },
      cvmRole: false,
      webIdentity: false,
    });
    expect((await fileOnly()).secretId).toBe('AKIDfile');
  });

  it('sticks to the provider it chose and probes only once under concurrency', async () => {
    const failing = vi.fn(async () => {
      throw new Error('no');
    });
    const working = vi.fn(async () => ({ secretId: 'a', secretKey: 'b' }));
    const chain = providerChain([
      { name: 'first', provider: failing },
      { name: 'second', provider: working },
    ]);
    await Promise.all(Array.from({ length: 50 }, () => chain()));
    await chain();
    expect(failing).toHaveBeenCalledTimes(1);
    expect(working).toHaveBeenCalledTimes(2);
  });
});

describe('region', () => {
  it('comes from the option, then TENCENTCLOUD_REGION, then the profile', async () => {
    const file = join(dir, 'region');
    writeFileSync(file, '[default]\nregion=ap-nanjing\n');
    const profile = { paths: [file] };
    expect(
      await resolveRegion({ region: 'ap-a', env: { TENCENTCLOUD_REGION: 'ap-b' }, profile }),
    ).toBe('ap-a');
    expect(await resolveRegion({ env: { TENCENTCLOUD_REGION: 'ap-b' }, profile })).toBe('ap-b');
    expect(await resolveRegion({ env: {}, profile })).toBe('ap-nanjing');
    expect(await resolveRegion({ env: {}, profile: { paths: [] } })).toBeUndefined();
  });
});
