import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORE_VERSION, ProtocolError, parseEnvelope, TencentCloudError } from '../src/index.js';

const res = (status: number, body: string, type = 'application/json') => ({
  status,
  headers: { 'content-type': type },
  body: Buffer.from(body),
});

describe('parseEnvelope', () => {
  it('returns the payload with its RequestId', () => {
    const r = parseEnvelope<{ TotalCount: number }>(
      res(200, '{"Response":{"TotalCount":0,"InstanceStatusSet":[],"RequestId":"b5b4"}}'),
    );
    expect(r).toEqual({
      ok: true,
      requestId: 'b5b4',
      data: { TotalCount: 0, InstanceStatusSet: [], RequestId: 'b5b4' },
    });
  });

  it('turns an error envelope into TencentCloudError with context', () => {
    const r = parseEnvelope(
      res(
        200,
        '{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"m"},"RequestId":"ed93"}}',
      ),
      { service: 'cvm', version: '2017-03-12', action: 'DescribeInstancesStatus' },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(TencentCloudError);
    expect(r.error).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
      message: 'm',
      requestId: 'ed93',
      httpStatus: 200,
      service: 'cvm',
      action: 'DescribeInstancesStatus',
      category: 'authentication',
    });
  });

  it('keeps integers beyond 2^53 exact by default and accepts another parser', () => {
    const body = '{"Response":{"Id":12345678901234567890,"RequestId":"r"}}';
    const exact = parseEnvelope<{ Id: bigint }>(res(200, body));
    expect(exact.ok && exact.data.Id).toBe(12345678901234567890n);
    const plain = parseEnvelope<{ Id: number }>(res(200, body), { parseJson: JSON.parse });
    expect(plain.ok && plain.data.Id).toBe(12345678901234567000);
  });

  const bad: [string, ReturnType<typeof res>, RegExp][] = [
    [
      'gateway HTML',
      res(502, '<html><h1>502 Bad Gateway</h1></html>', 'text/html'),
      /^HTML .*HTTP 502, content-type text\/html, \d+ bytes\), body: <html>/,
    ],
    ['empty body', res(200, ''), /^Empty response body/],
    ['truncated JSON', res(200, '{"Response":{"A":'), /^Response body is not valid JSON/],
    ['JSON without Response', res(200, '{"a":1}'), /^JSON without a "Response" object/],
    ['Response not an object', res(200, '{"Response":[1]}'), /^JSON without a "Response"/],
    ['array', res(200, '[]'), /^JSON without a "Response"/],
    [
      '5xx without envelope',
      res(504, 'upstream timed out', 'text/plain'),
      /not valid JSON.*HTTP 504/,
    ],
    ['success envelope with 5xx', res(500, '{"Response":{"RequestId":"r"}}'), /HTTP error status/],
    ['no RequestId', res(200, '{"Response":{"A":1}}'), /without a RequestId/],
    [
      'Error without Code',
      res(200, '{"Response":{"Error":{"Message":"x"},"RequestId":"r"}}'),
      /without a Code/,
    ],
  ];
  for (const [name, r, message] of bad) {
    it(`reports ${name} as ProtocolError`, () => {
      const out = parseEnvelope(r);
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.error).toBeInstanceOf(ProtocolError);
      expect(out.error.message).toMatch(message);
    });
  }

  it('limits and sanitizes the body snippet', () => {
    const long = `<html>${'x'.repeat(1000)}\u0000\u001b[31m</html>`;
    const out = parseEnvelope(res(502, long, 'text/html'));
    if (out.ok) throw new Error('expected failure');
    const e = out.error as ProtocolError;
    expect(e.bodySnippet.length).toBeLessThanOrEqual(201);
    expect(e.bodySnippet.endsWith('…')).toBe(true);
    const ctl = parseEnvelope(res(502, 'a\u0000b\u001bc\nd', 'text/plain'));
    if (!ctl.ok) expect((ctl.error as ProtocolError).bodySnippet).toBe('a b c d');
    const sig = parseEnvelope(
      res(502, 'Authorization: TC3-HMAC-SHA256 Signature=abcdef0123', 'text/plain'),
    );
    if (!sig.ok) expect(sig.error.message).not.toContain('abcdef0123');
  });
});

describe('version', () => {
  it('CORE_VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(CORE_VERSION).toBe(pkg.version);
    expect(pkg.name).toBe('@scope/core');
  });
});
