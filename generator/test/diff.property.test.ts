// Property tests of the API diff: the bump follows from what a caller could observe, checked
// against a model written differently from the implementation (sets of values a member admits).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bumpOf, diffSnapshots } from '../src/diff/diff.js';
import { snapshotOf, tsType } from '../src/diff/snapshot.js';
import type { IrMember, IrService, ShapeRole } from '../src/ir/model.js';
import {
  arbMember,
  arbRole,
  arbService,
  clone,
  member,
  service,
  shape,
  version,
  withAction,
} from './diff-fixtures.js';

const snap = (s: IrService) => snapshotOf('@scope/svc', s);
const diff = (a: IrService, b: IrService) => diffSnapshots(snap(a), snap(b));

/** Every value a member can hold (outputs) or accept (inputs), as tokens. */
function values(m: IrMember): Set<string> {
  const v = new Set([`type:${tsType(m.type)}`]);
  if (m.optional) v.add('absent');
  if (m.nullable) v.add('null');
  return v;
}
const subset = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));
const sameSet = (a: Set<string>, b: Set<string>) => subset(a, b) && subset(b, a);
const isInput = (r: ShapeRole) => r === 'request' || r === 'in' || r === 'both';
const isOutput = (r: ShapeRole) => r === 'response' || r === 'out' || r === 'both';

/** The model: breaking when old callers may pass what is no longer accepted (inputs) or may
 * receive what they never received before (outputs). */
function expectedLevel(role: ShapeRole, before: IrMember, after: IrMember) {
  const a = values(before);
  const b = values(after);
  if ((isInput(role) && !subset(a, b)) || (isOutput(role) && !subset(b, a))) return 'major';
  if (!sameSet(a, b)) return 'minor';
  if (before.doc !== after.doc || before.deprecated !== after.deprecated) return 'patch';
  return undefined;
}

/** A copy with every list reversed: order is not part of the API. */
function reversed(s: IrService): IrService {
  const c = clone(s);
  for (const v of c.versions) {
    v.actions.reverse();
    v.shapes.reverse();
    v.errors.reverse();
    for (const sh of v.shapes) sh.members.reverse();
    for (const a of v.actions) a.errorCodes.reverse();
  }
  c.versions.reverse();
  return c;
}

describe('api diff properties', () => {
  it('finds nothing between a service and itself, in any order', () => {
    fc.assert(
      fc.property(arbService, (s) => {
        expect(diff(s, clone(s))).toEqual([]);
        expect(diff(s, reversed(s))).toEqual([]);
      }),
    );
  });

  it('classifies a changed member like the value-set model, for every role', () => {
    fc.assert(
      fc.property(arbRole, arbMember, arbMember, (role, before, after0) => {
        const after = { ...after0, name: before.name };
        const a = service(version('2017-03-12', { shapes: [shape('Thing', role, [before])] }));
        const b = service(version('2017-03-12', { shapes: [shape('Thing', role, [after])] }));
        expect(bumpOf(diff(a, b))).toBe(expectedLevel(role, before, after));
      }),
    );
  });

  it('adding a member breaks only when an input must now pass it', () => {
    fc.assert(
      fc.property(arbRole, arbMember, (role, m) => {
        const a = service(version('2017-03-12', { shapes: [shape('Thing', role, [])] }));
        const b = service(version('2017-03-12', { shapes: [shape('Thing', role, [m])] }));
        const changes = diff(a, b);
        expect(changes).toHaveLength(1);
        expect(changes[0]!.level).toBe(isInput(role) && !m.optional ? 'major' : 'minor');
        expect(changes[0]!.text).toContain(`member ${m.name} of Thing`);
        // and removing it again is always breaking
        expect(bumpOf(diff(b, a))).toBe('major');
      }),
    );
  });

  it('adding an action is exactly one minor change naming it; removing it is major', () => {
    fc.assert(
      fc.property(arbService, fc.nat(), (s, pick) => {
        const next = clone(s);
        const i = pick % next.versions.length;
        next.versions[i] = withAction(next.versions[i]!, 'Probe1Action', [member('Id')]);
        const where = s.versions.length > 1 ? ` in ${next.versions[i]!.apiVersion}` : '';
        expect(diff(s, next)).toEqual([
          { level: 'minor', text: `Added action Probe1Action${where}` },
        ]);
        expect(diff(next, s)).toEqual([
          { level: 'major', text: `Removed action Probe1Action${where} (breaking)` },
        ]);
      }),
    );
  });

  it('changing descriptions only is a patch (or nothing)', () => {
    fc.assert(
      fc.property(arbService, fc.string({ minLength: 1, maxLength: 5 }), (s, extra) => {
        const next = clone(s);
        for (const v of next.versions) {
          v.doc = `${v.doc ?? ''}${extra}`;
          for (const a of v.actions) a.doc = `${a.doc ?? ''}${extra}`;
          for (const sh of v.shapes) for (const m of sh.members) m.doc = `${m.doc ?? ''}${extra}`;
          for (const e of v.errors) e.doc = `${e.doc ?? ''}${extra}`;
        }
        const changes = diff(s, next);
        expect(changes.every((c) => c.level === 'patch')).toBe(true);
        expect(bumpOf(changes)).toBe('patch'); // at least the version description changed
      }),
    );
  });

  it('every addition one way is a breaking removal the other way', () => {
    fc.assert(
      fc.property(arbService, arbService, (a, b) => {
        const forward = diff(a, b).map((c) => c.text);
        const backward = new Set(diff(b, a).map((c) => c.text));
        for (const t of forward) {
          const m = /^Added (action|API version|type|error code) (.*)$/.exec(t);
          if (m) expect(backward).toContain(`Removed ${m[1]} ${m[2]} (breaking)`);
        }
      }),
    );
  });

  it('the bump is the highest level of its changes, and only breaking lines say so', () => {
    fc.assert(
      fc.property(arbService, arbService, (a, b) => {
        const changes = diff(a, b);
        const levels = new Set(changes.map((c) => c.level));
        const expected = levels.has('major')
          ? 'major'
          : levels.has('minor')
            ? 'minor'
            : levels.has('patch')
              ? 'patch'
              : undefined;
        expect(bumpOf(changes)).toBe(expected);
        for (const c of changes) expect(c.text.endsWith('(breaking)')).toBe(c.level === 'major');
      }),
    );
  });
});
