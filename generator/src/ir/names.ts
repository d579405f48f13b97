// The naming authority: every emitted identifier, file path, import specifier and package
// name is decided here, so emitters never invent names and collisions are solved once.
import type { IrAction, IrService, IrType, IrVersion } from './model.js';

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with implements interface let package private protected ' +
    'public static yield await arguments eval undefined'
  ).split(' '),
);
/** Members of ServiceClient (and Object) that a generated method must not shadow. */
const CLIENT_MEMBERS = new Set([
  'constructor',
  'request',
  'requestStream',
  'service',
  'config',
  'attempt',
  'attemptStream',
  'prepare',
  'endpoint',
  'toJSON',
  'options',
  'toString',
  'valueOf',
  'hasOwnProperty',
]);

/** `DescribeInstances` -> `describeInstances`, `CVMStatus` -> `cvmStatus`, `AI3D` -> `ai3D`. */
export function camelCase(name: string): string {
  const m = /^[A-Z]+/.exec(name);
  if (!m) return name;
  const run = m[0];
  if (run.length === name.length) return name.toLowerCase();
  if (run.length === 1) return run.toLowerCase() + name.slice(1);
  const next = name[run.length]!;
  // "CVMStatus": the last capital starts the next word; "AI3D": digits keep the run going.
  const keep = /[a-z]/.test(next) ? run.length - 1 : run.length;
  return run.slice(0, keep).toLowerCase() + name.slice(keep);
}

/** `cvm` -> `Cvm`, `tem-x` -> `TemX`. */
export function pascalCase(short: string): string {
  return short
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

export const versionFolder = (apiVersion: string) => `v${apiVersion.replaceAll('-', '')}`;
export const packageName = (scope: string, svc: IrService) => `${scope}/${svc.serviceShortName}`;
/** The hand-written packages of the workspace, named from the same scope. */
export const coreModule = (scope: string) => `${scope}/core`;
export const testingModule = (scope: string) => `${scope}/testing`;
/** The generated per-action smoke test of a package. */
export const SMOKE_TEST_FILE = 'test/smoke.test.ts';
/**
 * `<version>/package.json` at the package root: lets `<pkg>/<version>` resolve under
 * node10 resolution (no `exports`), pointing into dist like the exports map does.
 */
export const versionStubFile = (apiVersion: string) => `${versionFolder(apiVersion)}/package.json`;
/** packages/<dir>: the service short name (`as`, not the tccli folder `autoscaling`). */
export const packageDir = (svc: IrService) => svc.serviceShortName;
export const newestVersion = (svc: IrService) => svc.versions[svc.versions.length - 1]!;

/** Relative paths (from the package root) of every generated file of a version. */
export function versionFiles(v: IrVersion) {
  const dir = `src/${versionFolder(v.apiVersion)}`;
  return {
    dir,
    index: `${dir}/index.ts`,
    models: `${dir}/models.ts`,
    service: `${dir}/service.ts`,
    actions: `${dir}/actions.ts`,
    client: `${dir}/client.ts`,
    errors: `${dir}/errors.ts`,
    pagination: `${dir}/pagination.ts`,
    streaming: `${dir}/streaming.ts`,
  };
}

/** Import specifiers between the generated files of one version (NodeNext: `.js`). */
export const MODULE = {
  models: './models.js',
  service: './service.js',
  actions: './actions.js',
  client: './client.js',
  errors: './errors.js',
  pagination: './pagination.js',
  streaming: './streaming.js',
} as const;

/** Local name under which each file imports the models namespace. */
export const MODELS_NS = 'M';

export interface ActionNames {
  /** Class method, e.g. `describeInstances`. */
  method: string;
  /** Tree-shakable function, e.g. `describeInstances(client, input)`. */
  fn: string;
  /** Literal union of the action's error codes, e.g. `DescribeInstancesErrorCode`. */
  errorCode: string;
  /** Async iterator over items, e.g. `paginateDescribeInstances`. */
  paginate: string;
  /** Async iterator over whole pages, e.g. `describeInstancesPages`. */
  pages: string;
  /** Method/function returning an event stream, e.g. `chatCompletionsStream`. */
  stream: string;
}

/** Every exported name of one API version; collisions with model names get a `_` suffix. */
export class VersionNames {
  readonly client: string;
  readonly serviceConst: string;
  readonly errorsConst: string;
  readonly errorCodeMap: string;
  readonly errorGuard: string;
  readonly createClient: string;
  /** Local alias of core's Int64 inside models.ts. */
  readonly int64: string;
  readonly actions = new Map<string, ActionNames>();
  private readonly taken: Set<string>;

  constructor(svc: IrService, version: IrVersion) {
    this.taken = new Set(version.shapes.map((s) => s.name));
    const base = pascalCase(svc.serviceShortName);
    const upper = svc.serviceShortName.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    this.client = this.claim(`${base}Client`);
    this.serviceConst = this.claim(`${upper}_SERVICE`);
    this.errorsConst = this.claim(`${upper}_ERRORS`);
    this.errorCodeMap = this.claim(`${base}ActionErrorCodes`);
    this.errorGuard = this.claim(`is${base}Error`);
    this.createClient = this.claim(`create${base}Client`);
    this.int64 = this.taken.has('Int64') ? 'CoreInt64' : 'Int64';
    for (const a of version.actions) this.actions.set(a.name, this.forAction(a));
  }

  action(name: string): ActionNames {
    return this.actions.get(name)!;
  }

  private forAction(a: IrAction): ActionNames {
    const camel = camelCase(a.name);
    // The same name serves as module function and class method, so it avoids both kinds.
    const fn = this.claim(
      CLIENT_MEMBERS.has(camel) || RESERVED.has(camel) ? `${camel}Action` : camel,
    );
    return {
      method: fn,
      fn,
      errorCode: this.claim(`${a.name}ErrorCode`),
      paginate: this.claim(`paginate${a.name}`),
      pages: this.claim(`${fn}Pages`),
      stream: this.claim(`${fn}Stream`),
    };
  }

  private claim(name: string): string {
    let n = name;
    while (this.taken.has(n)) n = `${n}_`;
    this.taken.add(n);
    return n;
  }
}

/**
 * The TypeScript text of an IR type; int64 and uint64 both become `int64` (core's `Int64` unless
 * a file imports it under another name). The model emitter and the API snapshot both use it.
 */
export function typeText(t: IrType, int64 = 'Int64'): string {
  switch (t.kind) {
    case 'ref':
      return t.name;
    case 'list':
      return `${typeText(t.of, int64)}[]`;
    case 'primitive':
      switch (t.name) {
        case 'int64':
        case 'uint64':
          return int64;
        case 'bool':
          return 'boolean';
        case 'float':
          return 'number';
        default:
          return 'string';
      }
  }
}
