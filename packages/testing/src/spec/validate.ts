/**
 * Checks a request body against an action's input object, the way the API gateway does:
 * MissingParameter (required member absent), UnknownParameter (member not in the spec),
 * InvalidParameter (value of the wrong type, as Tencent answers it) and InvalidParameterValue
 * (right type, value out of range). Paths use the API's own flattened notation
 * (`Filters.0.Name`). The first problem found wins.
 */
import type { ApiSpec, SpecMember } from './model.js';

export interface ParamProblem {
  readonly code:
    | 'MissingParameter'
    | 'UnknownParameter'
    | 'InvalidParameter'
    | 'InvalidParameterValue';
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
    return wrongType('', 'the request body must be a JSON object');
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
    if (!Array.isArray(v)) return wrongType(path, `expected an array, got ${kind(v)}`);
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
    if (!isPlainObject(v)) return wrongType(path, `expected an object, got ${kind(v)}`);
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
    if (!ok) return wrongType(path, `expected an integer, got ${kind(v)}`);
    return outOfRange(kindName, n as number | bigint, path);
  }
  if (FLOAT_KINDS.has(kindName)) {
    if (fromStrings && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) {
      replace(Number(v));
      return undefined;
    }
    return typeof v === 'number' || typeof v === 'bigint'
      ? undefined
      : wrongType(path, `expected a number, got ${kind(v)}`);
  }
  if (kindName === 'bool' || kindName === 'boolean') {
    if (fromStrings && (v === 'true' || v === 'false')) {
      replace(v === 'true');
      return undefined;
    }
    return typeof v === 'boolean'
      ? undefined
      : wrongType(path, `expected a boolean, got ${kind(v)}`);
  }
  // string, datetime, datetime_iso, date, binary (base64 text), and unknown primitives.
  return typeof v === 'string' ? undefined : wrongType(path, `expected a string, got ${kind(v)}`);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** An integer of the right type whose value the member's width cannot hold. */
function outOfRange(kindName: string, n: number | bigint, path: string): ParamProblem | undefined {
  const big = BigInt(n);
  const [min, max] = kindName === 'uint64' ? [0n, UINT64_MAX] : [INT64_MIN, INT64_MAX];
  if (big >= min && big <= max) return undefined;
  return {
    code: 'InvalidParameterValue',
    message: `The value of parameter \`${path}\` is out of range: ${kindName} holds ${min} to ${max}, got ${big}.`,
  };
}

/** Tencent answers a value of the wrong JSON type with the general InvalidParameter code. */
function wrongType(path: string, detail: string): ParamProblem {
  const what = path ? `Parameter \`${path}\`` : 'The request';
  return {
    code: 'InvalidParameter',
    message: `${what} has a value of the wrong type: ${detail}.`,
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
