// Small IR builders and fast-check arbitraries for the API diff tests.
import fc from 'fast-check';
import { rootByRule } from '../src/ir/build.js';
import type {
  IrAction,
  IrMember,
  IrService,
  IrShape,
  IrType,
  IrVersion,
  Primitive,
  ShapeRole,
} from '../src/ir/model.js';

export const str: IrType = { kind: 'primitive', name: 'string' };
export const int: IrType = { kind: 'primitive', name: 'int64' };

export function member(name: string, type: IrType = str, extra: Partial<IrMember> = {}): IrMember {
  return { name, type, optional: true, nullable: false, deprecated: false, ...extra };
}

export function shape(name: string, role: ShapeRole, members: IrMember[], doc?: string): IrShape {
  return { name, role, members, ...(doc ? { doc } : {}) };
}

export function action(name: string, extra: Partial<IrAction> = {}): IrAction {
  return {
    name,
    input: `${name}Request`,
    output: `${name}Response`,
    status: 'online',
    readOnly: name.startsWith('Describe'),
    errorCodes: [],
    skipSign: false,
    sse: false,
    rawBody: false,
    outputHasError: false,
    ...extra,
  };
}

/** An action plus its request and response shapes. */
export function withAction(v: IrVersion, name: string, input: IrMember[] = []): IrVersion {
  return {
    ...v,
    actions: [...v.actions, action(name)],
    shapes: [
      ...v.shapes,
      shape(`${name}Request`, 'request', input),
      shape(`${name}Response`, 'response', [member('RequestId', str, { optional: false })]),
    ],
  };
}

export function version(apiVersion = '2017-03-12', extra: Partial<IrVersion> = {}): IrVersion {
  return { apiVersion, actions: [], shapes: [], errors: [], inputHash: 'x', ...extra };
}

export function service(...versions: IrVersion[]): IrService {
  return {
    specDir: 'cvm',
    serviceShortName: 'cvm',
    versions,
    rootVersion: versions.length > 0 ? rootByRule(versions) : '',
    rootReason: 'most actions',
  };
}

/** Deep copy, to mutate one side of a diff. */
export const clone = <T>(x: T): T => structuredClone(x);

// --- arbitraries ---------------------------------------------------------------------------

const PRIMS: Primitive[] = ['string', 'int64', 'uint64', 'bool', 'float', 'datetime'];
export const arbName = fc.stringMatching(/^[A-Z][a-z]{1,5}[A-Z]?[a-z]{0,3}$/);
const arbDoc = fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: undefined });
export const arbRole = fc.constantFrom<ShapeRole>('request', 'response', 'in', 'out', 'both');

export const arbType: fc.Arbitrary<IrType> = fc.oneof(
  fc.constantFrom(...PRIMS).map((name): IrType => ({ kind: 'primitive', name })),
  arbName.map((name): IrType => ({ kind: 'ref', name })),
  fc
    .constantFrom(...PRIMS)
    .map((name): IrType => ({ kind: 'list', of: { kind: 'primitive', name } })),
);

export const arbMember: fc.Arbitrary<IrMember> = fc
  .record({
    name: arbName,
    type: arbType,
    optional: fc.boolean(),
    nullable: fc.boolean(),
    deprecated: fc.boolean(),
    doc: arbDoc,
  })
  .map(({ doc, ...m }) => ({ ...m, ...(doc ? { doc } : {}) }));

const arbShape: fc.Arbitrary<IrShape> = fc
  .record({
    name: arbName,
    role: arbRole,
    members: fc.uniqueArray(arbMember, { selector: (m) => m.name, maxLength: 5 }),
    doc: arbDoc,
  })
  .map(({ doc, ...s }) => ({ ...s, ...(doc ? { doc } : {}) }));

const arbAction: fc.Arbitrary<IrAction> = fc
  .record({
    name: arbName,
    doc: arbDoc,
    errorCodes: fc.uniqueArray(fc.constantFrom('A.B', 'C', 'D.E.F', 'InvalidParameter'), {
      maxLength: 3,
    }),
    paging: fc.constantFrom(undefined, 'offset' as const, 'token' as const),
    sse: fc.boolean(),
  })
  .map(({ name, doc, errorCodes, paging, sse }) =>
    action(name, {
      ...(doc ? { doc } : {}),
      errorCodes,
      sse,
      ...(paging ? { pagination: { kind: paging, items: 'Set', itemType: str } } : {}),
    }),
  );

export const arbVersion: fc.Arbitrary<IrVersion> = fc
  .record({
    apiVersion: fc.constantFrom('2017-03-12', '2020-01-01', '2022-02-02'),
    actions: fc.uniqueArray(arbAction, { selector: (a) => a.name, maxLength: 4 }),
    shapes: fc.uniqueArray(arbShape, { selector: (s) => s.name, maxLength: 4 }),
    errors: fc.uniqueArray(
      fc.record({ code: fc.constantFrom('X.Y', 'Z', 'Q.R'), doc: arbDoc }).map(({ code, doc }) => ({
        code,
        ...(doc ? { doc } : {}),
      })),
      { selector: (e) => e.code, maxLength: 3 },
    ),
    doc: arbDoc,
  })
  .map(({ doc, ...v }) => ({ ...v, inputHash: 'h', ...(doc ? { doc } : {}) }));

export const arbService: fc.Arbitrary<IrService> = fc
  .uniqueArray(arbVersion, { selector: (v) => v.apiVersion, minLength: 1, maxLength: 2 })
  .map((list) => {
    const versions = list.sort((a, b) => (a.apiVersion < b.apiVersion ? -1 : 1));
    return {
      specDir: 'svc',
      serviceShortName: 'svc',
      versions,
      rootVersion: rootByRule(versions),
      rootReason: 'most actions' as const,
    };
  });
