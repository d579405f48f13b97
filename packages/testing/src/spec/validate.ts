/**
 * Checks a request body against an action's input object, the way the API gateway does:
 * MissingParameter, UnknownParameter, InvalidParameterValue (wrong JSON type). Paths use the
 * API's own flattened notation (`Filters.0.Name`). The first problem found wins.
 */
import type { ApiSpec, SpecMember } from './model.js';

export interface ParamProblem {
  readonly code: 'MissingParameter' | 'UnknownParameter' | 'InvalidParameterValue';
  readonly message: string;
}

export interface ValidateOptions {
  /** Values came from a query string / form: accept numbers and booleans written as strings. */
  readonly fromStrings?: boolean;
}

/**
 * Validates `input` against object `objectName` and returns the first problem, or undefined.
 * With `fromStrings`, string scalars are converted in place to the member's type.
 */
export function validateInput(
  spec: ApiSpec,
  objectName: string,
  input: unknown,
  options: ValidateOptions = {},
): ParamProblem | undefined {
  if (!isPlainObject(input)) {
    return invalid('', 'the request body must be a JSON object');
  }
  return checkObject(spec, objectName, input, '', options.fromStrings === true);
}

function checkObject(
  spec: ApiSpec,
  objectName: string,
  value: Record<string, unknown>,
  prefix: string,
  fromStrings: boolean,
): ParamProblem | undefined {
  const obj = spec.objects[objectName];
  // An object the spec does not define: accept anything rather than invent rules.
  if (!obj) return undefined;
  const members = new Map(obj.members.map((m) => [m.name, m]));
  for (const key of Object.keys(value)) {
    if (!members.has(key)) {
      return {
        code: 'UnknownParameter',
        message: `The parameter \`${prefix}${key}\` is not recognized.`,
      };
    }
  }
  for (const member of obj.members) {
    const path = prefix + member.name;
    const v = value[member.name];
    if (v === undefined || v === null) {
      if (member.required) {
        return {
          code: 'MissingParameter',
          message: `The request is missing a required parameter \`${path}\`.`,
        };
      }
      continue;
    }
    const problem = checkMember(spec, member, v, path, fromStrings, (nv) => {
      value[member.name] = nv;
    });
    if (problem) return problem;
  }
  return undefined;
}

function checkMember(
  spec: ApiSpec,
  member: SpecMember,
  v: unknown,
  path: string,
  fromStrings: boolean,
  replace: (v: unknown) => void,
): ParamProblem | undefined {
  if (member.type === 'list') {
    if (!Array.isArray(v)) return invalid(path, `expected an array, got ${kind(v)}`);
    for (let i = 0; i < v.length; i++) {
      const problem = checkValue(
        spec,
        member.member ?? 'string',
        v[i],
        `${path}.${i}`,
        fromStrings,
        (nv) => {
          v[i] = nv;
        },
      );
      if (problem) return problem;
    }
    return undefined;
  }
  if (member.type === 'object') {
    return checkValue(spec, member.member ?? '', v, path, fromStrings, replace);
  }
  return checkScalar(
    member.type === 'int' ? (member.member ?? 'int64') : member.type,
    v,
    path,
    fromStrings,
    replace,
  );
}

/** A list element or object member value of kind `kind` (primitive name or object name). */
function checkValue(
  spec: ApiSpec,
  kindName: string,
  v: unknown,
  path: string,
  fromStrings: boolean,
  replace: (v: unknown) => void,
): ParamProblem | undefined {
  if (spec.objects[kindName]) {
    if (!isPlainObject(v)) return invalid(path, `expected an object, got ${kind(v)}`);
    return checkObject(spec, kindName, v, `${path}.`, fromStrings);
  }
  return checkScalar(kindName, v, path, fromStrings, replace);
}

const INT_KINDS = new Set(['int', 'int64', 'uint64', 'integer']);
const FLOAT_KINDS = new Set(['float', 'double']);

function checkScalar(
  kindName: string,
  v: unknown,
  path: string,
  fromStrings: boolean,
  replace: (v: unknown) => void,
): ParamProblem | undefined {
  if (INT_KINDS.has(kindName)) {
    let n = v;
    if (fromStrings && typeof v === 'string' && /^-?\d+$/.test(v)) {
      n = Number.isSafeInteger(Number(v)) ? Number(v) : BigInt(v);
      replace(n);
    }
    const ok = typeof n === 'bigint' || (typeof n === 'number' && Number.isInteger(n));
    if (!ok) return invalid(path, `expected an integer, got ${kind(v)}`);
    if (kindName === 'uint64' && (n as number | bigint) < 0) {
      return invalid(path, 'expected an unsigned integer, got a negative number');
    }
    return undefined;
  }
  if (FLOAT_KINDS.has(kindName)) {
    if (fromStrings && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) {
      replace(Number(v));
      return undefined;
    }
    return typeof v === 'number' || typeof v === 'bigint'
      ? undefined
      : invalid(path, `expected a number, got ${kind(v)}`);
  }
  if (kindName === 'bool' || kindName === 'boolean') {
    if (fromStrings && (v === 'true' || v === 'false')) {
      replace(v === 'true');
      return undefined;
    }
    return typeof v === 'boolean' ? undefined : invalid(path, `expected a boolean, got ${kind(v)}`);
  }
  // string, datetime, datetime_iso, date, binary (base64 text), and unknown primitives.
  return typeof v === 'string' ? undefined : invalid(path, `expected a string, got ${kind(v)}`);
}

function invalid(path: string, detail: string): ParamProblem {
  const what = path ? `parameter \`${path}\`` : 'request';
  return {
    code: 'InvalidParameterValue',
    message: `The value type of ${what} is not valid: ${detail}.`,
  };
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
