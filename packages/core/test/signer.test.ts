import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toQueryString } from '../src/protocol/query.js';
import { signTc3, signTc3Details } from '../src/signer/sign.js';
import { tc3Date } from '../src/signer/tc3.js';

// The official SDK's signer is the oracle (CommonJS, default export).
const require = createRequire(import.meta.url);
const Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js').default as {
  sign3(o: {
    method: string;
    url: string;
    payload: Buffer;
    timestamp: number;
    service: string;
    secretId: string;
    secretKey: string;
    headers: Record<string, string>;
  }): string;
};

const JSON_TYPE = 'application/json; charset=utf-8';
const FORM_TYPE = 'application/x-www-form-urlencoded';

interface Case {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  timestamp: number;
  method: 'POST' | 'GET';
  body: string;
  query: string;
}

function official(c: Case): string {
  return Sign.sign3({
    method: c.method,
    url: `https://${c.host}/${c.query ? `?${c.query}` : ''}`,
    payload: Buffer.from(c.body, 'utf8'),
    timestamp: c.timestamp,
    service: c.service,
    secretId: c.secretId,
    secretKey: c.secretKey,
    headers: { 'Content-Type': c.method === 'GET' ? FORM_TYPE : JSON_TYPE },
  });
}

function ours(c: Case): string {
  return signTc3({
    secretId: c.secretId,
    secretKey: c.secretKey,
    service: c.service,
    host: c.host,
    method: c.method,
    query: c.query,
    contentType: c.method === 'GET' ? FORM_TYPE : JSON_TYPE,
    body: Buffer.from(c.body, 'utf8'),
    timestamp: c.timestamp,
  });
}

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}$/);
const requestValue = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string({ unit: 'binary' }), { maxLength: 3 }),
  fc.array(fc.record({ Name: fc.string(), Values: fc.array(fc.string({ unit: 'grapheme' })) }), {
    maxLength: 2,
  }),
);
const requestObject = fc.dictionary(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,12}$/), requestValue, {
  maxKeys: 6,
});

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    secretId: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }),
    secretKey: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    service: label,
    region: fc.option(label, { nil: undefined }),
    timestamp: fc.integer({ min: 0, max: 253_402_300_799 }),
    method: fc.constantFrom<'POST' | 'GET'>('POST', 'GET'),
    input: requestObject,
    rawBody: fc.oneof(
      fc.constant(''),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme', maxLength: 2000 }),
    ),
    useRaw: fc.boolean(),
  })
  .map((r) => ({
    secretId: r.secretId,
    secretKey: r.secretKey,
    service: r.service,
    host: r.region
      ? `${r.service}.${r.region}.tencentcloudapi.com`
      : `${r.service}.tencentcloudapi.com`,
    timestamp: r.timestamp,
    method: r.method,
    body: r.method === 'GET' ? '' : r.useRaw ? r.rawBody : JSON.stringify(r.input),
    query: r.method === 'GET' ? toQueryString(r.input) : '',
  }));

describe('TC3-HMAC-SHA256 signer', () => {
  it('matches the official Sign.sign3 over thousands of random requests', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        expect(ours(c)).toBe(official(c));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches the official signer for large bodies', () => {
    const big = 'é中🙂'.repeat(300_000);
    const c: Case = {
      secretId: 'AKIDlarge',
      secretKey: 'k',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      timestamp: 1_700_000_000,
      method: 'POST',
      body: JSON.stringify({ Data: big }),
      query: '',
    };
    expect(ours(c)).toBe(official(c));
  });

  it('reproduces the fixed vector of the API 3.0 documentation', () => {
    // Example request of the public TC3 documentation (cvm DescribeInstances, 2019-02-25).
    const d = signTc3Details({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      body: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
      timestamp: 1551113065,
    });
    expect(d.credentialScope).toBe('2019-02-25/cvm/tc3_request');
    expect(d.canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n' +
        'content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(d.authorization).toBe(
      Sign.sign3({
        method: 'POST',
        url: 'https://cvm.tencentcloudapi.com/',
        payload: Buffer.from(
          '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
        ),
        timestamp: 1551113065,
        service: 'cvm',
        secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
        secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
        headers: { 'Content-Type': JSON_TYPE },
      }),
    );
  });

  it('signs a fixed vector with a known signature', () => {
    const auth = signTc3({
      secretId: 'AKIDEXAMPLE',
      secretKey: 'secret',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      contentType: JSON_TYPE,
      body: '{}',
      timestamp: 1_700_000_000,
    });
    expect(auth).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDEXAMPLE\/2023-11-14\/cvm\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/,
    );
    expect(auth).toBe(
      official({
        secretId: 'AKIDEXAMPLE',
        secretKey: 'secret',
        service: 'cvm',
        host: 'cvm.tencentcloudapi.com',
        timestamp: 1_700_000_000,
        method: 'POST',
        body: '{}',
        query: '',
      }),
    );
  });

  it('signs GET query strings', () => {
    const query = toQueryString({
      InstanceIds: ['ins-1', 'ins 2'],
      Filters: [{ Name: "a'b", Values: ['中'] }],
    });
    expect(query).toBe(
      'InstanceIds.0=ins-1&InstanceIds.1=ins%202&Filters.0.Name=a%27b&Filters.0.Values.0=%E4%B8%AD',
    );
    const c: Case = {
      secretId: 'id',
      secretKey: 'key',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      timestamp: 1_600_000_000,
      method: 'GET',
      body: '',
      query,
    };
    expect(ours(c)).toBe(official(c));
    expect(signTc3Details({ ...c, contentType: FORM_TYPE }).canonicalRequest).toContain(
      `\n${query}\n`,
    );
  });

  it('takes the service from the caller, not the host, and uses the cached key correctly', () => {
    const base = {
      secretId: 'id',
      secretKey: 'key',
      host: '127.0.0.1:8080',
      contentType: JSON_TYPE,
      body: '{}',
      timestamp: 1_600_000_000,
    };
    const a = signTc3Details({ ...base, service: 'cvm' });
    expect(a.credentialScope).toBe('2020-09-13/cvm/tc3_request');
    // Same inputs twice (cache hit) give the same result; another service or day differs.
    expect(signTc3({ ...base, service: 'cvm' })).toBe(a.authorization);
    expect(signTc3({ ...base, service: 'cbs' })).not.toBe(a.authorization);
    expect(signTc3({ ...base, service: 'cvm', timestamp: base.timestamp + 86_400 })).not.toBe(
      a.authorization,
    );
    expect(signTc3({ ...base, service: 'cvm', secretKey: 'other' })).not.toBe(a.authorization);
    // Many distinct keys do not break the bounded cache.
    for (let i = 0; i < 100; i++) signTc3({ ...base, service: `s${i}` });
    expect(signTc3({ ...base, service: 'cvm' })).toBe(a.authorization);
  });

  it('formats the scope date in UTC', () => {
    expect(tc3Date(0)).toBe('1970-01-01');
    expect(tc3Date(1_551_113_065)).toBe('2019-02-25');
    expect(tc3Date(86_399)).toBe('1970-01-01');
  });
});
