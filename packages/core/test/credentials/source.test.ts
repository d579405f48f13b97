import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { staticCredentials } from '../../src/credentials/basic.js';
import { resolveCredentials } from '../../src/credentials/source.js';
import { CredentialsError } from '../../src/errors/index.js';
import { ServiceClient } from '../../src/index.js';
import { redactText } from '../../src/protocol/redact.js';
import type { Credentials } from '../../src/types.js';
import { localServer } from './helpers.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

const FIELDS = ['secretId', 'secretKey', 'token'] as const;
const VALID: Credentials = {
  secretId: 'AKIDvalidsecretid0000',
  secretKey: 'valid-secret-key-0000',
  token: 'valid-session-token-0000',
};

/** Printable, header-safe characters only: what a real key or token is made of. */
const visible = fc
  .array(fc.integer({ min: 0x21, max: 0x7e }), { minLength: 1, maxLength: 40 })
  .map((codes) => String.fromCharCode(...codes));
/** One character a header cannot carry: C0 controls (CR, LF, tab, NUL...), space, DEL, C1, non-ASCII. */
const forbidden = fc.oneof(
  fc.integer({ min: 0, max: 0x20 }).map((c) => String.fromCharCode(c)),
  fc.constant('\x7f'),
  fc.integer({ min: 0x80, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('é', '中', '\u2028', '\ufeff', '😀'),
);
/** A value with a distinctive valid prefix (so "never echoed" is a real check) and a bad character. */
const badValue = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 10 }),
    forbidden,
    fc.string({ maxLength: 10 }),
  )
  .map(([prefix, bad, rest]) => ({ prefix: `p${prefix}`, value: `p${prefix}${bad}${rest}` }));

function expectRejected(err: unknown, field: string, prefix: string): void {
  expect(err).toBeInstanceOf(CredentialsError);
  const e = err as CredentialsError;
  expect(e.message).toMatch(new RegExp(`^Credentials ${field} contains `));
  for (const shown of [e.message, e.stack ?? '', inspect(e), JSON.stringify(e)]) {
    expect(shown).not.toContain(prefix);
  }
}

describe('resolveCredentials checks every credential, whatever produced it', () => {
  it('rejects control characters and non-ASCII in any field, naming it, never echoing it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIELDS), badValue, async (field, { prefix, value }) => {
        const creds = { ...VALID, [field]: value };
        // A plain object, a plain provider function, and static credentials.
        expectRejected(await resolveCredentials(creds).catch((e) => e), field, prefix);
        expectRejected(await resolveCredentials(async () => creds).catch((e) => e), field, prefix);
        let thrown: unknown;
        try {
          staticCredentials(creds);
        } catch (e) {
          thrown = e;
        }
        expectRejected(thrown, field, prefix);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts any visible ASCII value', async () => {
    await fc.assert(
      fc.asyncProperty(
        visible,
        visible,
        fc.option(visible, { nil: undefined }),
        async (id, key, token) => {
          const creds =
            token === undefined
              ? { secretId: id, secretKey: key }
              : { secretId: id, secretKey: key, token };
          expect(await resolveCredentials(async () => creds)).toBe(creds);
        },
      ),
    );
  });

  it('says what kind of character is wrong and where, for the usual mistakes', async () => {
    const cases: Array<[string, string, string]> = [
      ['secretKey', 'key-from-env\n', 'a line break at position 13 of 13'],
      ['secretId', 'AKID\r\nX-Evil: 1', 'a line break at position 5 of 15'],
      ['token', 'tok en-abcdef', 'a space at position 4 of 13'],
      ['secretKey', 'k\tabcdef', 'a control character at position 2 of 8'],
      ['secretId', 'AKIDé', 'a non-ASCII character at position 5 of 5'],
    ];
    for (const [field, value, what] of cases) {
      const err = await resolveCredentials({ ...VALID, [field]: value }).catch((e) => e);
      expect(err).toBeInstanceOf(CredentialsError);
      expect(err.message).toContain(`Credentials ${field} contains ${what};`);
    }
  });

  it('registers the secret key and token of a plain provider function for redaction', async () => {
    const creds = {
      secretId: 'AKIDnotasecret123',
      secretKey: 'plain-provider-key-4d1e',
      token: 'plain-provider-token-8a2c',
    };
    await resolveCredentials(async () => creds);
    expect(redactText(`${creds.secretId} ${creds.secretKey} ${creds.token}`)).toBe(
      'AKIDnotasecret123 [REDACTED] [REDACTED]',
    );
  });

  it('a client given such credentials fails with CredentialsError and sends nothing', async () => {
    const srv = await localServer((_r, res) => res.end('{"Response":{"RequestId":"x"}}'));
    close = srv.close;
    const cvm = {
      service: 'cvm',
      version: '2017-03-12',
      packageName: '@scope/cvm',
      packageVersion: '1.0.0',
    };
    for (const field of FIELDS) {
      const client = new ServiceClient(cvm, {
        region: 'ap-guangzhou',
        endpoint: srv.url,
        credentials: { ...VALID, [field]: 'bad\r\nvalue-abcdef' },
      });
      const err = await client
        .request({ name: 'DescribeThings', readOnly: true }, {})
        .catch((e) => e);
      expect(err).toBeInstanceOf(CredentialsError);
      expect(err.message).toMatch(new RegExp(`^Credentials ${field} contains a line break`));
    }
    expect(srv.requests).toHaveLength(0);
  });
});
