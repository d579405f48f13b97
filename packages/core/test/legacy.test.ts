import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenParams, legacyStringToSign, signLegacy } from '../src/signer/legacy.js';

const require = createRequire(import.meta.url);
// The official SDK is the oracle: its Sign.sign (HMAC + base64) and AbstractClient's
// mergeData / formatSignString, called with a minimal `this`.
const Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js').default;
const {
  AbstractClient,
} = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/abstract_client.js');

const officialStringToSign = (params: object, endpoint: string, method: string) =>
  AbstractClient.prototype.formatSignString.call(
    { profile: { httpProfile: { reqMethod: method } }, endpoint, path: '/' },
    params,
  );

const input = {
  InstanceIds: ['ins-1', 'ins-2'],
  Filters: [{ Name: 'zone', Values: ['ap-guangzhou-3'] }],
  Limit: 20,
  DryRun: false,
  Skip: null,
  Big: 12345678901234567890n,
};

describe('legacy signature', () => {
  it('flattens like the official SDK', () => {
    const { Big: _b, ...plain } = input;
    expect(flattenParams(plain)).toEqual(
      Object.fromEntries(
        Object.entries(
          AbstractClient.prototype.mergeData.call(AbstractClient.prototype, plain),
        ).map(([k, v]) => [k, String(v)]),
      ),
    );
    expect(flattenParams(input).Big).toBe('12345678901234567890');
  });

  for (const signatureMethod of ['HmacSHA1', 'HmacSHA256'] as const) {
    it(`matches the official SDK for ${signatureMethod}`, async () => {
      const signed = await signLegacy({
        secretId: 'AKIDEXAMPLE',
        secretKey: 'secret-key-example',
        token: 'tok',
        signatureMethod,
        host: 'cvm.tencentcloudapi.com',
        action: 'DescribeInstances',
        version: '2017-03-12',
        region: 'ap-guangzhou',
        language: 'en-US',
        input,
        timestamp: 1700000000,
        nonce: 4242,
      });
      const { Signature, ...unsigned } = signed.params;
      const expectedString = officialStringToSign(unsigned, 'cvm.tencentcloudapi.com', 'POST');
      expect(signed.stringToSign).toBe(expectedString);
      expect(Signature).toBe(Sign.sign('secret-key-example', expectedString, signatureMethod));
      expect(new URLSearchParams(signed.form).get('Signature')).toBe(Signature);
      expect(new URLSearchParams(signed.form).get('Filters.0.Values.0')).toBe('ap-guangzhou-3');
    });
  }

  it('agrees with the official sign string on arbitrary flat params (property)', () => {
    const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.]{0,8}$/);
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.string()),
        fc.constantFrom('GET', 'POST'),
        (params, method) => {
          expect(legacyStringToSign(method, 'cvm.tencentcloudapi.com', '/', params)).toBe(
            officialStringToSign(params, 'cvm.tencentcloudapi.com', method),
          );
        },
      ),
    );
  });
});
