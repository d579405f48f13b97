/**
 * What only the fetch + Web Crypto runtime does differently (run by vitest.web.config.ts, where
 * `#runtime` is src/runtime/web): async signing equal to node:crypto's, no agents or proxies,
 * the environment-only credentials chain, the `env` option, and no file system.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileCredentials } from '../../src/credentials/profile.js';
import {
  BaseServiceClient,
  ConfigurationError,
  CredentialsError,
  RUNTIME_NAME,
  RUNTIME_TRANSPORT,
  signTc3,
  signTc3Async,
  signTc3DetailsAsync,
} from '../../src/index.js';
import * as nodeCrypto from '../../src/runtime/node/crypto.js';
import * as webCrypto from '../../src/runtime/web/crypto.js';
import { json, startServer } from '../helpers/server.js';

const CVM = {
  service: 'cvm',
  version: '2017-03-12',
  packageName: '@scope/cvm',
  packageVersion: '1.0.0',
};
const READ = { name: 'DescribeInstances', readOnly: true } as const;
const KEYS = { secretId: 'AKIDweb', secretKey: 'web-secret-key' };

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({
    '*': (_req, res) => json(res, 200, { Response: { TotalCount: 1, RequestId: 'r-1' } }),
  });
});
afterAll(() => server.close());

describe('the web runtime', () => {
  it('is the one vitest.web.config.ts selected', () => {
    expect(RUNTIME_NAME).toBe('web');
    expect(RUNTIME_TRANSPORT).toBe('fetch');
  });

  it('signs with Web Crypto exactly as node:crypto does (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.string({ maxLength: 300 }),
        fc.constantFrom('cvm', 'hunyuan', 'tke'),
        fc.integer({ min: 0, max: 4_102_444_800 }),
        fc.constantFrom('POST', 'GET') as fc.Arbitrary<'POST' | 'GET'>,
        async (secretKey, body, service, timestamp, method) => {
          const input = {
            secretId: 'AKID',
            secretKey,
            service,
            host: `${service}.tencentcloudapi.com`,
            method,
            contentType: 'application/json; charset=utf-8',
            body,
            timestamp,
          };
          expect(await webCrypto.tc3PartsAsync(input)).toEqual(nodeCrypto.tc3Parts(input));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('computes the legacy HMAC-SHA1 and HMAC-SHA256 like node:crypto (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (key, data) => {
        for (const alg of ['sha1', 'sha256'] as const)
          expect(await webCrypto.hmacBase64(alg, key, data)).toBe(
            nodeCrypto.hmacBase64(alg, key, data),
          );
      }),
      { numRuns: 200 },
    );
  });

  it('offers the async signer; the synchronous one says which to use instead', async () => {
    const input = {
      ...KEYS,
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      contentType: 'application/json',
      body: '{}',
      timestamp: 1_700_000_000,
    };
    expect(await signTc3Async(input)).toBe(nodeCrypto.tc3Authorization(input));
    expect((await signTc3DetailsAsync(input)).signature).toBe(nodeCrypto.tc3Parts(input).signature);
    expect(() => signTc3(input)).toThrow(ConfigurationError);
    expect(() => signTc3(input)).toThrow(/signTc3Async/);
  });

  it('sends a call with fetch whose signature verifies and whose User-Agent names the runtime', async () => {
    server.received.length = 0;
    const client = new BaseServiceClient(CVM, {
      endpoint: server.url,
      region: 'ap-guangzhou',
      credentials: KEYS,
    });
    const out = await client.request<{ TotalCount: number }>(READ, { Limit: 1 });
    expect(out.TotalCount).toBe(1);
    const got = server.received[0];
    expect(got?.headers['user-agent']).toMatch(/ web$/);
    const timestamp = Number(got?.headers['x-tc-timestamp']);
    const expected = nodeCrypto.tc3Authorization({
      ...KEYS,
      service: 'cvm',
      host: String(got?.headers.host),
      contentType: String(got?.headers['content-type']),
      body: got?.body ?? '',
      timestamp,
    });
    expect(got?.headers.authorization).toBe(expected);
  });

  it('refuses the agent and proxy options, naming them (fetch takes neither)', () => {
    expect(() => new BaseServiceClient(CVM, { agent: {} as never })).toThrow(
      expect.objectContaining({ option: 'agent' }),
    );
    expect(() => new BaseServiceClient(CVM, { proxy: 'http://127.0.0.1:3128' })).toThrow(
      expect.objectContaining({ option: 'proxy' }),
    );
    expect(() => new BaseServiceClient(CVM, { proxy: false })).not.toThrow();
  });

  it('reads credentials and region from the env option (Workers bindings)', async () => {
    server.received.length = 0;
    const env = {
      TENCENTCLOUD_SECRET_ID: 'AKIDfromenv',
      TENCENTCLOUD_SECRET_KEY: 'key-from-env',
      TENCENTCLOUD_REGION: 'ap-shanghai',
    };
    const client = new BaseServiceClient(CVM, { endpoint: server.url, env });
    await client.request(READ, {});
    expect(server.received[0]?.headers['x-tc-region']).toBe('ap-shanghai');
    expect(server.received[0]?.headers.authorization).toContain('Credential=AKIDfromenv/');
    expect(JSON.stringify(client)).not.toContain('key-from-env');
  });

  it('without credentials: a CredentialsError that says what to pass, and nothing is sent', async () => {
    server.received.length = 0;
    const client = new BaseServiceClient(CVM, { endpoint: server.url, env: {} });
    const err = await client.request(READ, {}).catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(/environment: TENCENTCLOUD_SECRET_ID/);
    expect(err.message).toMatch(/web runtime: no file system or instance metadata here/);
    expect(err.message).not.toMatch(/profile file|CVM instance role/);
    expect(server.received).toHaveLength(0);
  });

  it('a file-based provider is a CredentialsError, not a crash', async () => {
    const err = await profileCredentials()().catch((e) => e);
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err.message).toMatch(/needs a file system, which this runtime \(web\) does not have/);
  });
});
