import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  isSecretName,
  REDACTED,
  redact,
  redactHeaders,
  redactOnInspect,
  redactText,
  registerSecret,
} from '../src/protocol/redact.js';

const KEY = 'sk-redact-test-7f3a9c1e5b';
const TOKEN = 'tok-redact-test-1d4e8a2b6c';

describe('redaction', () => {
  it('recognises secret names but keeps NextToken and ClientToken readable', () => {
    for (const n of [
      'Authorization',
      'x-tc-token',
      'secretKey',
      'secret_key',
      'TmpSecretKey',
      'Token',
    ]) {
      expect(isSecretName(n), n).toBe(true);
    }
    for (const n of ['NextToken', 'ClientToken', 'secretId', 'X-TC-Action']) {
      expect(isSecretName(n), n).toBe(false);
    }
  });

  it('redacts headers and nested objects by name', () => {
    expect(redactHeaders({ Authorization: 'TC3 x', 'X-TC-Token': 't', Host: 'h' })).toEqual({
      Authorization: REDACTED,
      'X-TC-Token': REDACTED,
      Host: 'h',
    });
    const cyclic: Record<string, unknown> = { credentials: { secretId: 'AKID1', secretKey: 'k' } };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({
      credentials: { secretId: 'AKID1', secretKey: REDACTED },
      self: '[Circular]',
    });
  });

  it('scrubs registered secrets, signatures, Authorization values and URL passwords from text', () => {
    registerSecret(KEY);
    registerSecret(TOKEN);
    const text = `key ${KEY} token=${TOKEN} Authorization: TC3-HMAC-SHA256 Credential=AKID/x, Signature=abcdef
proxy http://user:hunter2pass@proxy:3128 and url?Signature=deadbeef&x=1`;
    const out = redactText(text);
    expect(out).not.toContain(KEY);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('abcdef');
    expect(out).not.toContain('hunter2pass');
    expect(out).not.toContain('deadbeef');
    expect(out).toContain('user:[REDACTED]@proxy');
  });

  it('makes inspect and JSON.stringify of a class and an error safe', () => {
    class Holder {
      options = {
        credentials: { secretId: 'AKID2', secretKey: KEY, token: TOKEN },
        region: 'ap-x',
      };
    }
    redactOnInspect(Holder);
    const h = new Holder();
    for (const out of [inspect(h, { depth: 10 }), JSON.stringify(h)]) {
      expect(out).not.toContain(KEY);
      expect(out).not.toContain(TOKEN);
      expect(out).toContain('ap-x');
    }
    expect(inspect(h)).toMatch(/^Holder /);

    class BoomError extends Error {
      override name = 'BoomError';
      headers = { Authorization: 'TC3-HMAC-SHA256 Signature=0123' };
    }
    redactOnInspect(BoomError);
    const e = new BoomError(`failed with ${KEY}`);
    for (const out of [inspect(e), JSON.stringify(e), JSON.stringify(redact(e))]) {
      expect(out).not.toContain(KEY);
      expect(out).not.toContain('0123');
    }
    expect(inspect(e)).toContain('BoomError');
  });
});
