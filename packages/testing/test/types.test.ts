/**
 * Which code a bad value gets, as Tencent answers: a value of the wrong type is
 * InvalidParameter, an integer of the right type that its member cannot hold is
 * InvalidParameterValue, and a missing required member is MissingParameter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Emulator, startEmulator, validateInput } from '../src/index.js';
import { toJson } from '../src/server/envelope.js';
import { CRED, call, DEMO, errorCode } from './helpers.js';

const json = fc.jsonValue({ maxDepth: 2 }).filter((v) => v !== null);
const isInt = (v: unknown) => typeof v === 'bigint' || Number.isInteger(v);
const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One member of DEMO's PutThingRequest per kind, and what a value of its type is. */
const KINDS: readonly {
  kind: string;
  path: string;
  wrap: (v: unknown) => Record<string, unknown>;
  right: (v: unknown) => boolean;
}[] = [
  { kind: 'string', path: 'Name', wrap: (v) => ({ Name: v }), right: (v) => typeof v === 'string' },
  { kind: 'int64', path: 'Count', wrap: (v) => ({ Name: 'a', Count: v }), right: isInt },
  { kind: 'uint64', path: 'Size', wrap: (v) => ({ Name: 'a', Size: v }), right: isInt },
  {
    kind: 'float',
    path: 'Ratio',
    wrap: (v) => ({ Name: 'a', Ratio: v }),
    right: (v) => typeof v === 'number',
  },
  {
    kind: 'bool',
    path: 'Enabled',
    wrap: (v) => ({ Name: 'a', Enabled: v }),
    right: (v) => typeof v === 'boolean',
  },
  { kind: 'list', path: 'Ids', wrap: (v) => ({ Name: 'a', Ids: v }), right: Array.isArray },
  {
    kind: 'list element (string)',
    path: 'Ids.1',
    wrap: (v) => ({ Name: 'a', Ids: ['x', v] }),
    right: (v) => typeof v === 'string',
  },
  {
    kind: 'object',
    path: 'Placement',
    wrap: (v) => ({ Name: 'a', Placement: v }),
    right: isObject,
  },
  {
    kind: 'nested int64',
    path: 'Placement.ProjectId',
    wrap: (v) => ({ Name: 'a', Placement: { Zone: 'z', ProjectId: v } }),
    right: isInt,
  },
];

const put = 'PutThingRequest';

describe('wrong-typed values answer InvalidParameter naming the path', () => {
  it.each(KINDS.map((k) => [k.kind, k.path, k] as const))(
    '%s member `%s`: any JSON value of another type',
    (_kind, path, { wrap, right }) => {
      fc.assert(
        fc.property(
          json.filter((v) => !right(v)),
          (v) => {
            const problem = validateInput(DEMO.api, put, wrap(v));
            expect(problem?.code).toBe('InvalidParameter');
            expect(problem?.message).toContain(`\`${path}\``);
          },
        ),
      );
    },
  );

  it.each([
    ['int64', 'Count', (s: string) => !/^-?\d+$/.test(s)],
    ['float', 'Ratio', (s: string) => s.trim() === '' || !Number.isFinite(Number(s))],
    ['bool', 'Enabled', (s: string) => s !== 'true' && s !== 'false'],
  ] as const)('%s member `%s` from a query string: any text that is not one', (_k, path, bad) => {
    fc.assert(
      fc.property(fc.string().filter(bad), (text) => {
        const problem = validateInput(
          DEMO.api,
          put,
          { Name: 'a', [path]: text },
          {
            fromStrings: true,
          },
        );
        expect(problem?.code).toBe('InvalidParameter');
        expect(problem?.message).toContain(`\`${path}\``);
      }),
    );
  });

  it('over HTTP too: the envelope says InvalidParameter for each kind', async () => {
    const emu: Emulator = await startEmulator({ specs: [DEMO], credentials: [CRED] });
    try {
      for (const { path, wrap, right } of KINDS) {
        await fc.assert(
          fc.asyncProperty(
            json.filter((v) => !right(v)),
            async (v) => {
              const r = await call(emu.port, { action: 'PutThing', rawBody: toJson(wrap(v)) });
              expect(errorCode(r)).toBe('InvalidParameter');
              expect(r.json.Response.Error.Message).toContain(`\`${path}\``);
            },
          ),
          { numRuns: 15 },
        );
      }
    } finally {
      await emu.close();
    }
  });
});

describe('right type, value not allowed: InvalidParameterValue; absent: MissingParameter', () => {
  const INT64_MIN = -(2n ** 63n);
  const INT64_MAX = 2n ** 63n - 1n;
  const UINT64_MAX = 2n ** 64n - 1n;

  it('uint64 below 0 or above 2^64-1, int64 outside its range', () => {
    const cases = fc.oneof(
      fc.record({ path: fc.constant('Size'), n: fc.bigInt({ max: -1n }) }),
      fc.record({ path: fc.constant('Size'), n: fc.bigInt({ min: UINT64_MAX + 1n }) }),
      fc.record({ path: fc.constant('Count'), n: fc.bigInt({ min: INT64_MAX + 1n }) }),
      fc.record({ path: fc.constant('Count'), n: fc.bigInt({ max: INT64_MIN - 1n }) }),
      fc.record({ path: fc.constant('Size'), n: fc.integer({ max: -1 }) }),
    );
    fc.assert(
      fc.property(cases, ({ path, n }) => {
        const problem = validateInput(DEMO.api, put, { Name: 'a', [path]: n });
        expect(problem?.code).toBe('InvalidParameterValue');
        expect(problem?.message).toContain(`\`${path}\``);
      }),
    );
  });

  it('accepts every integer each width can hold', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
        fc.bigInt({ min: 0n, max: UINT64_MAX }),
        (count, size) => {
          expect(validateInput(DEMO.api, put, { Name: 'a', Count: count, Size: size })).toBe(
            undefined,
          );
        },
      ),
    );
  });

  it('a missing required member stays MissingParameter, whatever else is wrong-typed later', () => {
    fc.assert(
      fc.property(
        json.filter((v) => !isInt(v)),
        (v) => {
          const problem = validateInput(DEMO.api, put, { Placement: { ProjectId: v } });
          expect(problem?.code).toBe('MissingParameter');
          expect(problem?.message).toContain('`Name`');
        },
      ),
    );
  });
});
