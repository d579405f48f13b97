// Semantic diff of two API snapshots -> a list of changes in plain words, each with the semver
// level it needs. The rules (see README "Updating specs and releasing"):
//   major: an action, type, member, error code or version removed (a service code that became
//          one of core's common codes is not removed: patch); a member's type changed; an
//          input member became (or was added as) required; an output member became optional or
//          nullable; an action's input/output type or paging kind changed; the package root
//          exports another API version; a waiter removed or polling another action;
//   minor: an action, API version, type, optional input member, output member, error code or
//          waiter added; a paginator or streaming variant added; an input member became optional;
//   patch: descriptions and deprecation marks; a waiter's states or timing changed.
// Order of members, int64 vs uint64 (both `Int64`) and transport details are not public.

import type { ShapeRole } from '../ir/model.js';
import { own } from '../own.js';
import { COMMON_ERROR_SET } from '../spec/common-codes.js';
import {
  type ActionSnapshot,
  type ApiSnapshot,
  decodeMember,
  type TypeSnapshot,
  type VersionSnapshot,
} from './snapshot.js';

export type Bump = 'major' | 'minor' | 'patch';

export interface ApiChange {
  level: Bump;
  /** Plain words, e.g. "Added action DescribeFoo". */
  text: string;
}

const RANK: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

/** The bump a list of changes needs; undefined when there is none. */
export function bumpOf(changes: readonly ApiChange[]): Bump | undefined {
  let best: Bump | undefined;
  for (const c of changes) if (!best || RANK[c.level] > RANK[best]) best = c.level;
  return best;
}

const INPUT_ROLES: ReadonlySet<ShapeRole> = new Set(['request', 'in', 'both']);
const OUTPUT_ROLES: ReadonlySet<ShapeRole> = new Set(['response', 'out', 'both']);

const keys = (o: object) => Object.keys(o).sort();

/** Every public change from `old` to `now`, breaking ones first, then additions, then docs. */
export function diffSnapshots(old: ApiSnapshot, now: ApiSnapshot): ApiChange[] {
  const out: ApiChange[] = [];
  const add = (level: Bump, text: string) =>
    out.push({ level, text: level === 'major' ? `${text} (breaking)` : text });
  const oldVersions = keys(old.versions);
  const newVersions = keys(now.versions);
  // One shared version: no need to name it in every line.
  const single =
    oldVersions.length === 1 && newVersions.length === 1 && oldVersions[0] === newVersions[0];
  // The root export is what `import ... from '<package>'` sees: another version there breaks.
  const oldRoot = rootOf(old, oldVersions);
  const newRoot = rootOf(now, newVersions);
  if (oldRoot && newRoot && oldRoot !== newRoot)
    add('major', `Changed the API version the package root exports from ${oldRoot} to ${newRoot}`);
  for (const v of oldVersions) if (!own(now.versions, v)) add('major', `Removed API version ${v}`);
  for (const v of newVersions) if (!own(old.versions, v)) add('minor', `Added API version ${v}`);
  for (const v of newVersions) {
    const a = own(old.versions, v);
    const b = own(now.versions, v);
    if (a && b) diffVersion(a, b, single ? '' : ` in ${v}`, add);
  }
  return out.sort((x, y) => RANK[y.level] - RANK[x.level]);
}

/** The snapshot's root version; older snapshots without one exported the newest version. */
function rootOf(s: ApiSnapshot, versions: readonly string[]): string | undefined {
  return s.root ?? versions[versions.length - 1];
}

type Add = (level: Bump, text: string) => void;

function diffVersion(a: VersionSnapshot, b: VersionSnapshot, where: string, add: Add) {
  if (a.doc !== b.doc) add('patch', `Updated the service description${where}`);
  // Request/response types of added or removed actions are implied by the action line.
  const implied = new Set<string>();
  for (const name of keys(a.actions)) {
    const x = own(a.actions, name)!;
    const y = own(b.actions, name);
    if (!y) {
      add('major', `Removed action ${name}${where}`);
      implied.add(x.input).add(x.output);
    } else diffAction(name, x, y, where, add);
  }
  for (const name of keys(b.actions)) {
    const y = own(b.actions, name)!;
    if (!own(a.actions, name)) {
      add('minor', `Added action ${name}${where}`);
      implied.add(y.input).add(y.output);
    }
  }
  for (const name of keys(a.types)) {
    const x = own(a.types, name)!;
    const y = own(b.types, name);
    if (!y) {
      if (!implied.has(name)) add('major', `Removed type ${name}${where}`);
    } else diffType(name, x, y, where, add);
  }
  for (const name of keys(b.types))
    if (!own(a.types, name) && !implied.has(name)) add('minor', `Added type ${name}${where}`);
  for (const code of keys(a.errors)) {
    if (Object.hasOwn(b.errors, code)) continue;
    // A code core now lists as common left the service's registry but not any union: every
    // action's type still includes it through CommonErrorCode, and describe() still knows it.
    if (COMMON_ERROR_SET.has(code))
      add('patch', `Error code ${code}${where} is now one of core's common codes`);
    else add('major', `Removed error code ${code}${where}`);
  }
  for (const code of keys(b.errors)) {
    if (!Object.hasOwn(a.errors, code)) add('minor', `Added error code ${code}${where}`);
    else if (own(a.errors, code) !== own(b.errors, code))
      add('patch', `Updated the description of error code ${code}${where}`);
  }
  diffWaiters(a, b, where, add);
}

/** A waiter is a generated function and client method: removing one breaks its callers. */
function diffWaiters(a: VersionSnapshot, b: VersionSnapshot, where: string, add: Add) {
  const x = a.waiters ?? {};
  const y = b.waiters ?? {};
  for (const name of keys(x)) {
    const before = own(x, name)!;
    const after = own(y, name);
    if (after === undefined) add('major', `Removed waiter ${name}${where}`);
    else if (before.split(' ')[0] !== after.split(' ')[0])
      add(
        'major',
        `Changed the action waiter ${name}${where} polls from ${before.split(' ')[0]} to ${after.split(' ')[0]}`,
      );
    else if (before !== after)
      add('patch', `Updated the states or timing of waiter ${name}${where}`);
  }
  for (const name of keys(y)) if (!own(x, name)) add('minor', `Added waiter ${name}${where}`);
}

function diffAction(name: string, x: ActionSnapshot, y: ActionSnapshot, where: string, add: Add) {
  const of = `of action ${name}${where}`;
  if (x.input !== y.input)
    add('major', `Changed the input type ${of} from ${x.input} to ${y.input}`);
  if (x.output !== y.output)
    add('major', `Changed the output type ${of} from ${x.output} to ${y.output}`);
  if (x.paginate !== y.paginate) {
    if (!x.paginate) add('minor', `Added paginators for action ${name}${where}`);
    else if (!y.paginate) add('major', `Removed the paginators ${of}`);
    else add('major', `Changed the paging ${of} from ${x.paginate} to ${y.paginate}`);
  }
  if (x.stream !== y.stream) {
    if (y.stream) add('minor', `Added a streaming variant of action ${name}${where}`);
    else add('major', `Removed the streaming variant ${of}`);
  }
  const before = new Set(x.errors?.split(' ') ?? []);
  const after = new Set(y.errors?.split(' ') ?? []);
  for (const c of before) if (!after.has(c)) add('major', `Removed error code ${c} ${of}`);
  for (const c of after)
    if (!before.has(c)) add('minor', `Added error code ${c} to action ${name}${where}`);
  if (x.status !== y.status) {
    if (y.status === 'deprecated') add('patch', `Deprecated action ${name}${where}`);
    else if (y.status === 'offline') add('patch', `Marked action ${name}${where} as offline`);
    else add('patch', `Action ${name}${where} is ${y.status ?? 'online'} again`);
  }
  if (x.doc !== y.doc) add('patch', `Updated the description ${of}`);
}

function diffType(name: string, x: TypeSnapshot, y: TypeSnapshot, where: string, add: Add) {
  // A type seen from both sides (before or after) must stay compatible in both directions.
  const input = INPUT_ROLES.has(x.role) || INPUT_ROLES.has(y.role);
  const output = OUTPUT_ROLES.has(x.role) || OUTPUT_ROLES.has(y.role);
  const of = (m: string) => `member ${m} of ${name}${where}`;
  for (const m of keys(x.members))
    if (!Object.hasOwn(y.members, m)) add('major', `Removed ${of(m)}`);
  for (const m of keys(y.members)) {
    const after = decodeMember(own(y.members, m)!);
    const text = own(x.members, m);
    if (text === undefined) {
      if (input && !after.optional) add('major', `Added required ${of(m)}`);
      else add('minor', `Added ${after.optional && input ? 'optional ' : ''}${of(m)}`);
      continue;
    }
    if (text === own(y.members, m)) continue;
    const before = decodeMember(text);
    if (before.type !== after.type)
      add('major', `Changed the type of ${of(m)} from ${before.type} to ${after.type}`);
    if (before.optional && !after.optional) {
      if (input) add('major', `${cap(of(m))} became required`);
      else add('minor', `${cap(of(m))} is now always present`);
    } else if (!before.optional && after.optional) {
      if (output) add('major', `${cap(of(m))} became optional`);
      else add('minor', `${cap(of(m))} became optional`);
    }
    if (!before.nullable && after.nullable) {
      if (output) add('major', `${cap(of(m))} became nullable`);
      else add('minor', `${cap(of(m))} accepts null`);
    } else if (before.nullable && !after.nullable) {
      if (input) add('major', `${cap(of(m))} no longer accepts null`);
      else add('minor', `${cap(of(m))} is never null any more`);
    }
    if (before.deprecated !== after.deprecated)
      add(
        'patch',
        after.deprecated ? `Deprecated ${of(m)}` : `${cap(of(m))} is no longer deprecated`,
      );
    if (before.doc !== after.doc) add('patch', `Updated the description of ${of(m)}`);
  }
  if (x.doc !== y.doc) add('patch', `Updated the description of type ${name}${where}`);
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
