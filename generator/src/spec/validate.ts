// Checks loaded specs before anything is generated. Every problem is collected (never thrown)
// so one run reports all of them with the file, the JSON path and a hint.
import path from 'node:path';
import { configPath } from '../config.js';
import { unusableMemberName, unusableTypeName } from '../ir/names.js';
import { COMMON_ERROR_SET } from './common-codes.js';
import type { LoadedSpec, SpecLocation } from './load.js';
import { jsonKey, type Problem } from './problems.js';
import { ALL_PRIMITIVES, type ApiSpec, type MemberKind, PRIMITIVES } from './types.js';
import { checkWaiters } from './waiters.js';

const KINDS = new Set<string>(Object.keys(PRIMITIVES));
const STATUSES = new Set(['online', 'deprecated', 'offline']);
const IDENT = /^[A-Za-z_$][\w$]*$/;
const SHORT_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates one service version; returns true when it can be turned into IR. `warnings` gets
 * what is odd but harmless (it never stops generation): an errors file naming actions the spec
 * does not have, as Tencent's shared error lists do for a regional subset of a service.
 */
export function validateSpec(
  spec: LoadedSpec,
  problems: Problem[],
  warnings: Problem[] = [],
): boolean {
  const before = problems.length;
  const at = (file: string, path: string, message: string, hint: string) =>
    problems.push({ file, path, message, hint });
  const warn = (file: string, path: string, message: string, hint: string) =>
    warnings.push({ file, path, message, hint });
  const api = spec.api;
  const file = spec.apiFile;
  if (api === undefined) return false; // unreadable/invalid JSON, already reported
  if (!isObj(api)) {
    at(file, '$', 'the spec is not a JSON object', 'api.json holds {actions, objects, metadata}');
    return false;
  }
  const objects = isObj(api.objects) ? api.objects : undefined;
  const actions = isObj(api.actions) ? api.actions : undefined;
  if (!objects) at(file, '$.objects', 'missing or not an object', 'add "objects": {...}');
  if (!actions) at(file, '$.actions', 'missing or not an object', 'add "actions": {...}');
  checkMetadata(spec, api.metadata, at);
  if (!objects || !actions) return false;

  for (const [name, o] of Object.entries(objects)) {
    const p = `$.objects${jsonKey(name)}`;
    const unusable = unusableTypeName(name);
    if (!IDENT.test(name)) {
      at(file, p, `object name "${name}" is not an identifier`, 'use letters, digits and _');
    } else if (unusable) {
      at(
        file,
        p,
        `object name "${name}" ${unusable} and cannot name a TypeScript interface`,
        'rename the object (and every reference to it), e.g. in PascalCase',
      );
    }
    if (!isObj(o) || !Array.isArray(o.members)) {
      at(file, p, 'object without a "members" array', 'add "members": []');
      continue;
    }
    const seen = new Set<string>();
    o.members.forEach((m: unknown, i: number) => {
      const mp = `${p}.members[${i}]`;
      if (!isObj(m)) {
        at(file, mp, 'member is not an object', 'use {name, type, member}');
        return;
      }
      const mname = m.name;
      if (typeof mname !== 'string' || !IDENT.test(mname)) {
        at(
          file,
          `${mp}.name`,
          `member name ${JSON.stringify(mname)} is not an identifier`,
          'use letters, digits and _',
        );
      } else if (unusableMemberName(mname)) {
        at(
          file,
          `${mp}.name`,
          `member name "${mname}" ${unusableMemberName(mname)}: objects without it would still have the inherited value`,
          'members are wire names; such a member cannot be typed honestly, so remove or rename it',
        );
      } else if (seen.has(mname)) {
        at(
          file,
          `${mp}.name`,
          `duplicate member name "${mname}" in ${name}`,
          'remove or rename one of them',
        );
      } else seen.add(mname);
      checkMemberType(m, mp, objects, file, at);
    });
  }

  const lowerActions = new Map<string, string>();
  for (const [name, a] of Object.entries(actions)) {
    const p = `$.actions${jsonKey(name)}`;
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
      at(
        file,
        p,
        `action name "${name}" is not PascalCase`,
        'action names look like DescribeInstances',
      );
    }
    const lower = name.toLowerCase();
    const other = lowerActions.get(lower);
    if (other) {
      at(
        file,
        p,
        `duplicate action name: "${name}" and "${other}" differ only in case`,
        'both would become the same method; remove one',
      );
    } else lowerActions.set(lower, name);
    if (!isObj(a)) {
      at(file, p, 'action is not an object', 'use {input, output, status}');
      continue;
    }
    for (const key of ['input', 'output'] as const) {
      const ref = a[key];
      if (typeof ref !== 'string' || !Object.hasOwn(objects, ref)) {
        at(
          file,
          `${p}.${key}`,
          `${key} refers to unknown object ${JSON.stringify(ref)}`,
          `add objects.${String(ref)} or fix the name`,
        );
      }
    }
    if (a.status !== undefined && !STATUSES.has(a.status as string)) {
      at(
        file,
        `${p}.status`,
        `unknown status ${JSON.stringify(a.status)}`,
        'use online, deprecated or offline',
      );
    }
    const out =
      typeof a.output === 'string' && Object.hasOwn(objects, a.output)
        ? objects[a.output]
        : undefined;
    if (isObj(out) && Array.isArray(out.members)) {
      const rid = out.members.find((m) => isObj(m) && m.name === 'RequestId');
      if (!rid) {
        at(
          file,
          `$.objects${jsonKey(a.output as string)}.members`,
          `response ${String(a.output)} has no RequestId member`,
          'every Response ends with {"name": "RequestId", "type": "string", "member": "string"}',
        );
      }
    }
  }
  checkErrors(spec, actions, at, warn);
  checkDocs(spec, at);
  // Waiter paths are walked through the shapes, so only once the spec itself is sound.
  if (problems.length === before) checkWaiters(spec, at);
  return problems.length === before;
}

type At = (file: string, path: string, message: string, hint: string) => void;

function checkMetadata(spec: LoadedSpec, meta: unknown, at: At) {
  const file = spec.apiFile;
  if (!isObj(meta))
    return at(file, '$.metadata', 'missing metadata', 'add {apiVersion, serviceShortName}');
  if (typeof meta.serviceShortName !== 'string' || !SHORT_NAME.test(meta.serviceShortName)) {
    at(
      file,
      '$.metadata.serviceShortName',
      `malformed service name ${JSON.stringify(meta.serviceShortName)}`,
      'a lower-case endpoint label such as "cvm"',
    );
  }
  const v = meta.apiVersion;
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  const valid = m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!valid) {
    at(
      file,
      '$.metadata.apiVersion',
      `malformed version ${JSON.stringify(v)}`,
      'use a real date as YYYY-MM-DD, e.g. "2017-03-12"',
    );
  } else if (spec.versionDir !== `v${(v as string).replaceAll('-', '')}`) {
    at(
      file,
      '$.metadata.apiVersion',
      `version ${String(v)} does not match folder ${spec.versionDir}`,
      `name the folder v${(v as string).replaceAll('-', '')}`,
    );
  }
}

function isRealDate(y: number, mo: number, d: number) {
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function checkMemberType(m: Obj, mp: string, objects: Obj, file: string, at: At) {
  const kind = m.type;
  const member = m.member;
  if (typeof kind !== 'string' || !KINDS.has(kind)) {
    return at(
      file,
      `${mp}.type`,
      `unknown type ${JSON.stringify(kind)}`,
      `use one of ${[...KINDS].join(', ')}`,
    );
  }
  if (typeof member !== 'string') {
    return at(file, `${mp}.member`, 'missing "member"', 'name a primitive or an object');
  }
  const allowed = PRIMITIVES[kind as MemberKind];
  if (kind === 'object' || (kind === 'list' && !ALL_PRIMITIVES.has(member))) {
    if (!Object.hasOwn(objects, member)) {
      at(
        file,
        `${mp}.member`,
        `dangling reference to unknown object "${member}"`,
        `add objects.${member} or fix the name`,
      );
    }
  } else if (!allowed.includes(member)) {
    at(
      file,
      `${mp}.member`,
      `unknown type "${member}" for a ${kind} member`,
      `use one of ${allowed.join(', ')}`,
    );
  }
}

function checkErrors(spec: LoadedSpec, actions: Obj, at: At, warn: At) {
  const e = spec.errors;
  const file = spec.errorsFile;
  if (e === undefined || !file) return;
  if (!isObj(e) || !Array.isArray(e.errors)) {
    return at(file, '$.errors', 'missing "errors" array', 'add "errors": [{"code": "..."}]');
  }
  const declared = new Set<string>();
  e.errors.forEach((x: unknown, i: number) => {
    const code = isObj(x) ? x.code : undefined;
    if (typeof code !== 'string' || !/^[A-Za-z][\w.-]*$/.test(code)) {
      at(
        file,
        `$.errors[${i}].code`,
        `malformed error code ${JSON.stringify(code)}`,
        'codes look like Category.Detail',
      );
      return;
    }
    if (declared.has(code))
      at(file, `$.errors[${i}].code`, `duplicate error code "${code}"`, 'declare each code once');
    declared.add(code);
  });
  const api = spec.api as Partial<ApiSpec>;
  if (typeof e.version === 'string' && e.version !== api.metadata?.apiVersion) {
    at(
      file,
      '$.version',
      `malformed version: errors file says ${e.version}, api.json says ${String(api.metadata?.apiVersion)}`,
      'both files describe the same API version',
    );
  }
  for (const section of ['actionErrors', 'actionFlags'] as const) {
    const map = e[section];
    if (map === undefined) continue;
    if (!isObj(map)) {
      at(file, `$.${section}`, 'not an object', `"${section}": {Action: ...}`);
      continue;
    }
    for (const [action, value] of Object.entries(map)) {
      const p = `$.${section}${jsonKey(action)}`;
      if (!Object.hasOwn(actions, action)) {
        warn(
          file,
          p,
          `unknown action "${action}" (not in ${path.basename(spec.apiFile)}); its entry is ignored`,
          'harmless when the errors file covers more actions than this spec; otherwise fix the name',
        );
      }
      if (section === 'actionErrors') {
        if (!Array.isArray(value)) {
          at(file, p, 'not a list of codes', 'use ["Code", ...]');
          continue;
        }
        value.forEach((code: unknown, i: number) => {
          if (typeof code !== 'string' || (!declared.has(code) && !COMMON_ERROR_SET.has(code))) {
            at(
              file,
              `${p}[${i}]`,
              `error code ${JSON.stringify(code)} is used but not declared`,
              'add it to "errors" (common codes need no declaration)',
            );
          }
        });
      } else if (!isObj(value)) at(file, p, 'flags must be an object', 'use {"sse": true}');
    }
  }
}

function checkDocs(spec: LoadedSpec, at: At) {
  const d = spec.docs;
  const file = spec.docsFile;
  if (d === undefined || !file) return;
  if (!isObj(d))
    return at(file, '$', 'docs overlay is not an object', 'use {"actions": {...}, ...}');
  if (d.service !== undefined && typeof d.service !== 'string')
    at(file, '$.service', 'the service description is not a string', 'one line of text');
  for (const key of ['actions', 'objects', 'members', 'errors'] as const) {
    const map = d[key];
    if (map === undefined) continue;
    if (!isObj(map)) {
      at(file, `$.${key}`, 'not an object', `"${key}": {Name: "description"}`);
      continue;
    }
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'string')
        at(file, `$.${key}${jsonKey(k)}`, 'description is not a string', 'one line of text');
    }
  }
}

/** Problems spanning service versions: two folders may not become the same package. */
export function validateCatalogue(specs: readonly LoadedSpec[], problems: Problem[]) {
  const owner = new Map<string, string>();
  for (const s of specs) {
    const short = (s.api as Partial<ApiSpec> | undefined)?.metadata?.serviceShortName;
    if (typeof short !== 'string') continue;
    const prev = owner.get(short);
    if (prev !== undefined && prev !== s.serviceDir) {
      problems.push({
        file: s.apiFile,
        path: '$.metadata.serviceShortName',
        message: `duplicate service name "${short}" (also used by folder ${prev})`,
        hint: 'each service short name becomes one package; give one of them another name',
      });
    } else owner.set(short, s.serviceDir);
  }
}

/**
 * sdk.config.json's `rootVersions` against the specs there are: every key a spec folder, every
 * value one of its versions. `locations` must list every service, not just the selected ones.
 */
export function validateRootVersions(
  rootVersions: Readonly<Record<string, string>> | undefined,
  configFile: string,
  locations: readonly SpecLocation[],
  problems: Problem[],
) {
  if (!rootVersions) return;
  const versions = new Map<string, string[]>();
  for (const l of locations) {
    const m = /^v(\d{4})(\d{2})(\d{2})$/.exec(l.versionDir);
    if (!m) continue;
    versions.set(l.serviceDir, [...(versions.get(l.serviceDir) ?? []), `${m[1]}-${m[2]}-${m[3]}`]);
  }
  for (const [service, version] of Object.entries(rootVersions)) {
    const p = configPath('rootVersions', service);
    const known = versions.get(service);
    if (!known) {
      problems.push({
        file: configFile,
        path: p,
        message: `unknown service "${service}": there is no spec folder of that name`,
        hint: 'use the spec folder name (specs/<service>), e.g. "tke"',
      });
    } else if (!known.includes(version)) {
      problems.push({
        file: configFile,
        path: p,
        message: `${service} has no API version ${version}`,
        hint: `one of ${known.join(', ')}`,
      });
    }
  }
}
