// Our waiters overlay, specs/<service>/v<YYYYMMDD>/waiters.json: which action to poll, the JSON
// path to read in its output and the values that mean success, failure or "poll again", with
// delays and a maximum wait. Checked against the version's shapes; turned into IrWaiter.
import type { IrWaiter, IrWaiterAcceptor } from '../ir/model.js';
import { COMMON_ERROR_SET } from './common-codes.js';
import type { LoadedSpec } from './load.js';
import { jsonKey } from './problems.js';
import type { ApiObject, ApiSpec, ErrorsSpec } from './types.js';

/** The file as written (see generator/README.md, "Waiters overlay"). */
export interface WaitersOverlay {
  note?: string;
  waiters: Record<string, WaiterSpec>;
}

export interface WaiterSpec {
  /** Our one-line description (TSDoc of the generated function). */
  description?: string;
  action: string;
  /** Where the state values come from (a fact's source), or why they are what they are. */
  source: string;
  delay: { minMs: number; maxMs: number };
  maxWaitMs: number;
  acceptors: AcceptorSpec[];
}

export type AcceptorSpec =
  | { state: IrWaiterAcceptor['state']; path: string; match?: 'all' | 'any'; values: unknown[] }
  | { state: IrWaiterAcceptor['state']; errors: string[] };

type At = (file: string, path: string, message: string, hint: string) => void;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const NAME = /^[A-Z][A-Za-z0-9]*$/;
const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\[\])?$/;
const CODE = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)*$/;
const STATES = new Set(['success', 'failure', 'retry']);
const WAITER_KEYS = new Set(['description', 'action', 'source', 'delay', 'maxWaitMs', 'acceptors']);
const PATH_KEYS = new Set(['state', 'path', 'match', 'values']);
const ERROR_KEYS = new Set(['state', 'errors']);

/**
 * Problems of a version's waiters.json (file + JSON path + what is wrong), for a spec that
 * passed validation. Error codes must be declared by the service or common (or a prefix of one).
 */
export function checkWaiters(spec: LoadedSpec, at: At) {
  const api = spec.api as ApiSpec;
  const declared = (spec.errors as ErrorsSpec | undefined)?.errors.map((e) => e.code) ?? [];
  const codes = new Set([...declared, ...COMMON_ERROR_SET]);
  const d = spec.waiters;
  const file = spec.waitersFile;
  if (d === undefined || !file) return;
  if (!isObj(d) || !isObj(d.waiters)) {
    return at(file, '$.waiters', 'missing or not an object', 'use {"waiters": {"Name": {...}}}');
  }
  for (const k of Object.keys(d)) {
    if (k !== 'note' && k !== 'waiters')
      at(file, `$${jsonKey(k)}`, `unknown key "${k}"`, 'the file holds "note" and "waiters"');
  }
  for (const [name, w] of Object.entries(d.waiters)) {
    const p = `$.waiters${jsonKey(name)}`;
    if (!NAME.test(name)) {
      at(file, p, `waiter name "${name}" is not PascalCase`, 'e.g. "InstanceRunning"');
    }
    if (!isObj(w)) {
      at(file, p, 'not an object', 'use {"action", "source", "delay", "maxWaitMs", "acceptors"}');
      continue;
    }
    for (const k of Object.keys(w)) {
      if (!WAITER_KEYS.has(k))
        at(
          file,
          `${p}${jsonKey(k)}`,
          `unknown key "${k}"`,
          `one of ${[...WAITER_KEYS].join(', ')}`,
        );
    }
    for (const k of ['description', 'source'] as const) {
      if (w[k] === undefined && k === 'description') continue;
      if (typeof w[k] !== 'string' || (w[k] as string).trim() === '')
        at(file, `${p}.${k}`, `missing or empty "${k}"`, 'one line of text in our own words');
    }
    const action = typeof w.action === 'string' ? Object.hasOwn(api.actions, w.action) : false;
    if (!action) {
      at(
        file,
        `${p}.action`,
        `unknown action ${JSON.stringify(w.action)}`,
        `an action of ${api.metadata.serviceShortName} ${api.metadata.apiVersion}, e.g. a Describe* action`,
      );
    }
    checkTiming(w, p, file, at);
    if (!Array.isArray(w.acceptors) || w.acceptors.length === 0) {
      at(
        file,
        `${p}.acceptors`,
        'missing or empty',
        'a list of {"state", "path", "values"} or {"state", "errors"}',
      );
      continue;
    }
    if (!w.acceptors.some((a) => isObj(a) && a.state === 'success')) {
      at(file, `${p}.acceptors`, 'no acceptor means success', 'add one with "state": "success"');
    }
    const output = action ? api.objects[api.actions[w.action as string]!.output] : undefined;
    w.acceptors.forEach((a: unknown, i: number) => {
      checkAcceptor(
        a,
        `${p}.acceptors[${i}]`,
        output && api.actions[w.action as string]!.output,
        api,
        codes,
        file,
        at,
      );
    });
  }
}

function checkTiming(w: Obj, p: string, file: string, at: At) {
  const int = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  const delay = w.delay;
  if (!isObj(delay) || !int(delay.minMs) || !int(delay.maxMs)) {
    at(
      file,
      `${p}.delay`,
      'missing or malformed delay',
      'use {"minMs": 5000, "maxMs": 30000} (integers >= 0)',
    );
  } else if ((delay.maxMs as number) < (delay.minMs as number)) {
    at(
      file,
      `${p}.delay.maxMs`,
      'maxMs is below minMs',
      'the cap must be at least the first delay',
    );
  }
  if (!int(w.maxWaitMs) || w.maxWaitMs === 0) {
    at(
      file,
      `${p}.maxWaitMs`,
      'missing or not a positive integer',
      'milliseconds, e.g. 900000 for 15 minutes',
    );
  }
}

function checkAcceptor(
  a: unknown,
  p: string,
  outputName: string | undefined,
  api: ApiSpec,
  codes: ReadonlySet<string>,
  file: string,
  at: At,
) {
  if (!isObj(a))
    return at(file, p, 'not an object', 'use {"state", "path", "values"} or {"state", "errors"}');
  if (typeof a.state !== 'string' || !STATES.has(a.state)) {
    at(
      file,
      `${p}.state`,
      `unknown state ${JSON.stringify(a.state)}`,
      'one of success, failure, retry',
    );
  }
  const byPath = 'path' in a;
  if (byPath === 'errors' in a) {
    return at(
      file,
      p,
      'needs exactly one of "path" and "errors"',
      'a path into the output, or API error codes',
    );
  }
  const keys = byPath ? PATH_KEYS : ERROR_KEYS;
  for (const k of Object.keys(a)) {
    if (!keys.has(k))
      at(file, `${p}${jsonKey(k)}`, `unknown key "${k}"`, `one of ${[...keys].join(', ')}`);
  }
  if (!byPath) {
    if (!Array.isArray(a.errors) || a.errors.length === 0) {
      return at(file, `${p}.errors`, 'missing or empty', 'e.g. ["ResourceNotFound"]');
    }
    a.errors.forEach((c: unknown, i: number) => {
      const known =
        typeof c === 'string' &&
        CODE.test(c) &&
        [...codes].some((k) => k === c || k.startsWith(`${c}.`));
      if (!known) {
        at(
          file,
          `${p}.errors[${i}]`,
          `error code ${JSON.stringify(c)} is neither declared in errors.json nor common`,
          'name a code (or a prefix of codes) the service or the platform declares',
        );
      }
    });
    return;
  }
  if (typeof a.path !== 'string')
    return at(file, `${p}.path`, 'not a string', 'e.g. "InstanceSet[].InstanceState"');
  if (a.match !== undefined && a.match !== 'all' && a.match !== 'any') {
    at(file, `${p}.match`, `unknown match ${JSON.stringify(a.match)}`, '"all" (default) or "any"');
  }
  if (a.match !== undefined && !a.path.includes('[]')) {
    at(
      file,
      `${p}.match`,
      'match on a path without []',
      'a path without [] reads one value; drop "match"',
    );
  }
  const leaf = outputName ? walkPath(a.path, outputName, api, `${p}.path`, file, at) : undefined;
  if (!Array.isArray(a.values) || a.values.length === 0) {
    return at(
      file,
      `${p}.values`,
      'missing or empty',
      'the values that mean this state, e.g. ["RUNNING"]',
    );
  }
  if (!leaf) return;
  const want =
    leaf === 'int'
      ? 'an integer'
      : leaf === 'float'
        ? 'a number'
        : leaf === 'bool'
          ? 'a boolean'
          : 'a string';
  a.values.forEach((v: unknown, i: number) => {
    const ok =
      v === null ||
      (leaf === 'int'
        ? Number.isInteger(v)
        : leaf === 'float'
          ? typeof v === 'number'
          : leaf === 'bool'
            ? typeof v === 'boolean'
            : typeof v === 'string');
    if (!ok)
      at(
        file,
        `${p}.values[${i}]`,
        `${JSON.stringify(v)} is not ${want}`,
        `the member at the path is ${want}`,
      );
  });
}

/** Walks a path through the output shape; returns the leaf's kind, or undefined after a problem. */
function walkPath(path: string, outputName: string, api: ApiSpec, p: string, file: string, at: At) {
  let object: ApiObject | undefined = api.objects[outputName];
  let objectName = outputName;
  const segments = path.split('.');
  for (const [i, seg] of segments.entries()) {
    const m = SEGMENT.exec(seg);
    if (!m) {
      at(
        file,
        p,
        `malformed segment "${seg}" in "${path}"`,
        'member names joined by ".", "[]" after a list',
      );
      return undefined;
    }
    const member = object?.members.find((x) => x.name === m[1]);
    if (!object || !member) {
      const names = object?.members.map((x) => x.name).join(', ') ?? '';
      at(
        file,
        p,
        `"${path}": ${objectName} has no member ${m[1]}`,
        `members of ${objectName}: ${names}`,
      );
      return undefined;
    }
    const isList = member.type === 'list';
    if (isList && !m[2]) {
      at(
        file,
        p,
        `"${path}": ${objectName}.${m[1]} is a list`,
        `write ${m[1]}[] to read every element`,
      );
      return undefined;
    }
    if (!isList && m[2]) {
      at(file, p, `"${path}": ${objectName}.${m[1]} is not a list`, `write ${m[1]} without []`);
      return undefined;
    }
    const next = Object.hasOwn(api.objects, member.member) ? api.objects[member.member] : undefined;
    const last = i === segments.length - 1;
    if (last) {
      if (next) {
        at(
          file,
          p,
          `"${path}" ends at the object ${member.member}`,
          'continue the path to a string, number or boolean member',
        );
        return undefined;
      }
      return isList ? kindOf(member.member) : member.type;
    }
    if (!next) {
      at(
        file,
        p,
        `"${path}": ${objectName}.${m[1]} is a ${member.member}, it has no members`,
        'end the path here',
      );
      return undefined;
    }
    object = next;
    objectName = member.member;
  }
  return undefined;
}

function kindOf(primitive: string): string {
  if (primitive === 'int64' || primitive === 'uint64') return 'int';
  if (primitive === 'bool' || primitive === 'float') return primitive;
  return 'string';
}

/** `{ waiters }` of the IR version (sorted by name), or nothing without an overlay. */
export function waitersOf(spec: LoadedSpec): { waiters?: IrWaiter[] } {
  const waiters = buildWaiters(spec);
  return waiters ? { waiters } : {};
}

/** The IR of a validated overlay, sorted by name; undefined without waiters. */
export function buildWaiters(spec: LoadedSpec): IrWaiter[] | undefined {
  const d = spec.waiters as WaitersOverlay | undefined;
  if (!d) return undefined;
  const out = Object.keys(d.waiters)
    .sort()
    .map((name): IrWaiter => {
      const w = d.waiters[name]!;
      return {
        name,
        action: w.action,
        ...(w.description ? { doc: w.description } : {}),
        source: w.source,
        minDelayMs: w.delay.minMs,
        maxDelayMs: w.delay.maxMs,
        maxWaitMs: w.maxWaitMs,
        acceptors: w.acceptors.map(
          (a): IrWaiterAcceptor =>
            'path' in a
              ? {
                  state: a.state,
                  path: a.path,
                  ...(a.match ? { match: a.match } : {}),
                  values: a.values as (string | number | boolean | null)[],
                }
              : { state: a.state, errors: [...a.errors] },
        ),
      };
    });
  return out.length > 0 ? out : undefined;
}
