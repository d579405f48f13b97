// The public API of a service package as compact JSON: what a user of the package can see
// (actions, types, members with their TypeScript types and flags, error codes, descriptions as
// short hashes) and nothing else. The generator writes it into each package as api-snapshot.json;
// the next generation diffs against it, so the "old IR" never depends on git history.
import { createHash } from 'node:crypto';
import type { IrService, IrType, IrVersion, IrWaiter, ShapeRole } from '../ir/model.js';
import { typeText } from '../ir/names.js';

export const SNAPSHOT_FILE = 'api-snapshot.json';
export const SNAPSHOT_FORMAT = 1;

export interface ApiSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  package: string;
  /**
   * The API version the package root exports. Absent in snapshots written before the root was
   * chosen by rule; those exported the newest version.
   */
  root?: string;
  /** By API version (`2017-03-12`). */
  versions: Record<string, VersionSnapshot>;
}

export interface VersionSnapshot {
  /** Hash of the description, when there is one. */
  doc?: string;
  actions: Record<string, ActionSnapshot>;
  types: Record<string, TypeSnapshot>;
  /** The service's own error codes -> description hash ('' without one). */
  errors: Record<string, string>;
  /**
   * Waiter (`InstanceRunning`) -> `<action polled> def:<hash of acceptors and timing>`; absent
   * when the version has none (snapshots written before waiters were recorded have none).
   */
  waiters?: Record<string, string>;
}

export interface ActionSnapshot {
  input: string;
  output: string;
  /** Absent when online. */
  status?: 'deprecated' | 'offline';
  doc?: string;
  /** Error codes the action documents, space-separated (one line in the file). */
  errors?: string;
  paginate?: 'offset' | 'page' | 'token';
  stream?: true;
}

export interface TypeSnapshot {
  role: ShapeRole;
  doc?: string;
  /**
   * Member -> `<TypeScript type>[ optional][ nullable][ deprecated][ doc:<hash>]`; one string per
   * member keeps the file short and every member on one line of a git diff.
   */
  members: Record<string, string>;
}

export interface MemberInfo {
  type: string;
  optional: boolean;
  nullable: boolean;
  deprecated: boolean;
  doc?: string;
}

/** Short, stable hash of a description: enough to notice that it changed. */
export function docHash(text: string | undefined): string | undefined {
  return text === undefined
    ? undefined
    : createHash('sha256').update(text).digest('hex').slice(0, 10);
}

/** The TypeScript type a member gets (int64 and uint64 are both `Int64`, so that is no change). */
export const tsType = (t: IrType): string => typeText(t);

export function encodeMember(m: MemberInfo): string {
  const parts = [m.type];
  if (m.optional) parts.push('optional');
  if (m.nullable) parts.push('nullable');
  if (m.deprecated) parts.push('deprecated');
  if (m.doc !== undefined) parts.push(`doc:${m.doc}`);
  return parts.join(' ');
}

export function decodeMember(text: string): MemberInfo {
  const [type = '', ...flags] = text.split(' ');
  const doc = flags.find((f) => f.startsWith('doc:'))?.slice(4);
  return {
    type,
    optional: flags.includes('optional'),
    nullable: flags.includes('nullable'),
    deprecated: flags.includes('deprecated'),
    ...(doc !== undefined ? { doc } : {}),
  };
}

function versionSnapshot(v: IrVersion): VersionSnapshot {
  const actions: Record<string, ActionSnapshot> = {};
  for (const a of [...v.actions].sort((x, y) => cmp(x.name, y.name))) {
    const doc = docHash(a.doc);
    actions[a.name] = {
      input: a.input,
      output: a.output,
      ...(a.status !== 'online' ? { status: a.status } : {}),
      ...(doc ? { doc } : {}),
      ...(a.errorCodes.length > 0 ? { errors: [...a.errorCodes].sort(cmp).join(' ') } : {}),
      ...(a.pagination ? { paginate: a.pagination.kind } : {}),
      ...(a.sse ? { stream: true as const } : {}),
    };
  }
  const types: Record<string, TypeSnapshot> = {};
  for (const s of [...v.shapes].sort((x, y) => cmp(x.name, y.name))) {
    const members: Record<string, string> = {};
    for (const m of s.members) {
      const doc = docHash(m.doc);
      members[m.name] = encodeMember({
        type: tsType(m.type),
        optional: m.optional,
        nullable: m.nullable,
        deprecated: m.deprecated,
        ...(doc ? { doc } : {}),
      });
    }
    const doc = docHash(s.doc);
    types[s.name] = { role: s.role, ...(doc ? { doc } : {}), members };
  }
  const errors: Record<string, string> = {};
  for (const e of [...v.errors].sort((x, y) => cmp(x.code, y.code)))
    errors[e.code] = docHash(e.doc) ?? '';
  const waiters: Record<string, string> = {};
  for (const w of [...(v.waiters ?? [])].sort((x, y) => cmp(x.name, y.name)))
    waiters[w.name] = `${w.action} def:${waiterHash(w)}`;
  const doc = docHash(v.doc);
  return {
    ...(doc ? { doc } : {}),
    actions,
    types,
    errors,
    ...(Object.keys(waiters).length > 0 ? { waiters } : {}),
  };
}

/** What a waiter does (acceptors, delays, maximum wait): a change of behaviour, not of the API. */
function waiterHash(w: IrWaiter): string {
  const { acceptors, minDelayMs, maxDelayMs, maxWaitMs } = w;
  return docHash(JSON.stringify({ acceptors, minDelayMs, maxDelayMs, maxWaitMs }))!;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function snapshotOf(packageName: string, svc: IrService): ApiSnapshot {
  const versions: Record<string, VersionSnapshot> = {};
  for (const v of [...svc.versions].sort((x, y) => cmp(x.apiVersion, y.apiVersion)))
    versions[v.apiVersion] = versionSnapshot(v);
  return {
    format: SNAPSHOT_FORMAT,
    package: packageName,
    ...(svc.rootVersion ? { root: svc.rootVersion } : {}),
    versions,
  };
}

/**
 * Objects only (no arrays), two-space indent: the text is exactly what `biome format` would
 * produce, so the file passes `pnpm lint` as generated.
 */
export function snapshotText(s: ApiSnapshot): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}

/** Parses a snapshot file; undefined when absent, unreadable or of another format. */
export function parseSnapshot(text: string | undefined): ApiSnapshot | undefined {
  if (text === undefined) return undefined;
  try {
    const s = JSON.parse(text) as Partial<ApiSnapshot>;
    if (s.format !== SNAPSHOT_FORMAT || typeof s.versions !== 'object' || s.versions === null)
      return undefined;
    return s as ApiSnapshot;
  } catch {
    return undefined;
  }
}

/** The snapshot as a generated file of the package (listed in its manifest like the others). */
export function apiSnapshotFile(packageName: string, svc: IrService) {
  return { path: SNAPSHOT_FILE, content: snapshotText(snapshotOf(packageName, svc)) };
}
