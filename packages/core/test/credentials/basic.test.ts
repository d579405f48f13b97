import { describe, expect, it } from 'vitest';
import { envCredentials, staticCredentials } from '../../src/credentials/basic.js';
import { CredentialsError } from '../../src/errors/index.js';

describe('static and environment credentials', () => {
  it('static credentials must be complete', async () => {
    expect(() => staticCredentials({ secretId: 'a', secretKey: '' })).toThrow(CredentialsError);
    expect(await staticCredentials({ secretId: 'a', secretKey: 'b' })()).toEqual({
      secretId: 'a',
      secretKey: 'b',
    });
  });

  it('reads the three variables', async () => {
    const env = {
      TENCENTCLOUD_SECRET_ID: 'id',
      TENCENTCLOUD_SECRET_KEY: 'key',
      TENCENTCLOUD_SESSION_TOKEN: 'tok',
    };
    expect(await envCredentials(env)()).toEqual({ secretId: 'id', secretKey: 'key', token: 'tok' });
  });

  it('explains what is missing, without values', async () => {
    await expect(envCredentials({})()).rejects.toThrow(/are not set/);
    const err = await envCredentials({ TENCENTCLOUD_SECRET_KEY: 'half-secret-value' })().catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(/TENCENTCLOUD_SECRET_ID is not set/);
    expect(err.message).not.toContain('half-secret-value');
  });
});
