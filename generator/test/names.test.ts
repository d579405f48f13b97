import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IrService, IrVersion } from '../src/ir/model.js';
import { camelCase, pascalCase, VersionNames, versionFolder } from '../src/ir/names.js';

const version = (actions: string[], shapes: string[]): IrVersion => ({
  apiVersion: '2017-03-12',
  actions: actions.map((name) => ({
    name,
    input: `${name}Request`,
    output: `${name}Response`,
    status: 'online',
    readOnly: false,
    errorCodes: [],
    skipSign: false,
    sse: false,
    rawBody: false,
    outputHasError: false,
  })),
  shapes: shapes.map((name) => ({ name, role: 'out', members: [] })),
  errors: [],
  inputHash: '',
});
const svc = (short: string, v: IrVersion): IrService => ({
  specDir: short,
  serviceShortName: short,
  versions: [v],
  rootVersion: v.apiVersion,
  rootReason: 'most actions',
});

describe('naming authority', () => {
  it('camelCases action names', () => {
    expect(camelCase('DescribeInstances')).toBe('describeInstances');
    expect(camelCase('CVMStatus')).toBe('cvmStatus');
    expect(camelCase('AI3D')).toBe('ai3D');
    expect(camelCase('A')).toBe('a');
    expect(pascalCase('cvm')).toBe('Cvm');
    expect(versionFolder('2017-03-12')).toBe('v20170312');
  });

  it('avoids reserved words, client members and model names', () => {
    const v = version(
      ['Delete', 'Request', 'DescribeFoo'],
      ['CvmClient', 'DescribeFooErrorCode', 'Int64'],
    );
    const n = new VersionNames(svc('cvm', v), v);
    expect(n.action('Delete').fn).toBe('deleteAction');
    expect(n.action('Request').method).toBe('requestAction');
    expect(n.client).toBe('CvmClient_');
    expect(n.action('DescribeFoo').errorCode).toBe('DescribeFooErrorCode_');
    expect(n.int64).toBe('CoreInt64');
  });

  it('gives every exported name of a version exactly once', () => {
    // Random names, plus the names core's re-exports and the generated files' imports use
    const name = fc.oneof(
      fc.stringMatching(/^[A-Z][a-zA-Z0-9]{0,8}$/),
      fc.constantFrom('Credentials', 'SdkError', 'Int64', 'CoreInt64', 'CommonErrorCode', 'Items'),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { maxLength: 12 }),
        fc.uniqueArray(name, { maxLength: 12 }),
        (actions, shapes) => {
          const unique = [...new Set(actions.map((a) => a.toLowerCase()))];
          const acts = actions
            .filter((a) => unique.includes(a.toLowerCase()))
            .filter((a, i, all) => all.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i);
          const v = version(acts, shapes);
          const n = new VersionNames(svc('demo', v), v);
          const names = [
            n.client,
            n.serviceConst,
            n.errorsConst,
            n.errorCodeMap,
            n.errorGuard,
            n.createClient,
            n.serviceErrorCode,
            n.actionMap,
            ...shapes,
            ...[...n.coreValues, ...n.coreTypes].map(([, as]) => as),
          ];
          for (const a of acts) {
            const x = n.action(a);
            names.push(x.fn, x.errorCode, x.paginate, x.pages, x.stream);
          }
          expect(new Set(names).size).toBe(names.length);
        },
      ),
    );
  });

  it('claims waitUntil<Name> after the actions: a clash with an action or model renames the waiter, never the action', () => {
    const waiter = (name: string) => ({
      name,
      action: 'DescribeInstances',
      source: 'test',
      minDelayMs: 1,
      maxDelayMs: 2,
      maxWaitMs: 3,
      acceptors: [],
    });
    // The action WaitUntilInstanceRunning takes `waitUntilInstanceRunning` first.
    const v = version(['DescribeInstances', 'WaitUntilInstanceRunning'], ['CvmActionMap']);
    v.waiters = [waiter('InstanceRunning'), waiter('InstanceStopped')];
    const n = new VersionNames(svc('cvm', v), v);
    expect(n.action('WaitUntilInstanceRunning').fn).toBe('waitUntilInstanceRunning');
    expect(n.waiter('InstanceRunning')).toBe('waitUntilInstanceRunning_');
    expect(n.waiter('InstanceStopped')).toBe('waitUntilInstanceStopped');
    // The call(name) type map gives way to a model of its name.
    expect(n.actionMap).toBe('CvmActionMap_');
    // Without the clash, the names are the plain ones.
    const plain = version(['DescribeInstances'], []);
    plain.waiters = [waiter('InstanceRunning')];
    const p = new VersionNames(svc('cvm', plain), plain);
    expect(p.waiter('InstanceRunning')).toBe('waitUntilInstanceRunning');
    expect(p.actionMap).toBe('CvmActionMap');
  });

  it('waiter names never repeat another exported name (property)', () => {
    const name = fc.stringMatching(/^[A-Z][a-zA-Z]{0,6}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { maxLength: 6 }),
        fc.uniqueArray(name, { maxLength: 6 }),
        (ws, extra) => {
          // Actions named after the waiters' functions, to force clashes.
          const acts = [...new Set([...ws.map((w) => `WaitUntil${w}`), ...extra])];
          const v = version(acts, []);
          v.waiters = ws.map((w) => ({
            name: w,
            action: acts[0]!,
            source: 'test',
            minDelayMs: 1,
            maxDelayMs: 2,
            maxWaitMs: 3,
            acceptors: [],
          }));
          const n = new VersionNames(svc('demo', v), v);
          const names = [
            n.client,
            n.actionMap,
            ...acts.map((a) => n.action(a).fn),
            ...ws.map((w) => n.waiter(w)),
          ];
          expect(new Set(names).size).toBe(names.length);
        },
      ),
    );
  });
});
