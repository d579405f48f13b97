// The naming authority: every emitted identifier, file path, import specifier and package
// name is decided here, so emitters never invent names and collisions are solved once.
import type { IrAction, IrService, IrType, IrVersion } from './model.js';

/** JavaScript reserved words (strict mode and modules included): never a declared name. */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with implements interface let package private protected ' +
    'public static yield await arguments eval undefined'
  ).split(' '),
);
/**
 * TypeScript's keywords, contextual ones included (`string` cannot name an interface; `type`,
 * `readonly` and friends are legal but read as keywords in too many positions to be worth it).
 */
const TS_KEYWORDS = new Set(
  (
    'abstract accessor any as asserts assert async bigint boolean constructor declare from get ' +
    'global infer intrinsic is keyof module namespace never number object of out override ' +
    'readonly require satisfies set string symbol type unique unknown using'
  ).split(' '),
);
/**
 * Object.prototype's own properties (`__proto__`, `constructor`, `toString`, ...). As a member,
 * an object lacking it still has the inherited value, so the declared type would lie; as a type
 * or key, a lookup in a plain object finds the prototype's value.
 */
export const OBJECT_PROTOTYPE_NAMES: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype),
);
/**
 * Members of core's BaseServiceClient and ServiceClient (instance fields, protected ones
 * included) that a generated method must not shadow; a test checks this list against the
 * built core. Object.prototype's names are avoided as well.
 */
export const CLIENT_MEMBERS: ReadonlySet<string> = new Set([
  'service',
  'config',
  'policy',
  'request',
  'requestStream',
  'ready',
  'attempt',
  'attemptStream',
  'prepare',
  'endpoint',
  'toJSON',
  'options',
  'call',
  'actionInfo',
  'describeClientConfig',
  'endpointHealth',
  'runRouted',
]);
/**
 * Names that generated files import from core (or as namespaces) into the same module scope as
 * their own exports: an export of that name would clash with the import.
 */
const IMPORTED = new Set([
  'BaseServiceClient',
  'ServiceClient',
  'ClientOptions',
  'CallOptions',
  'ServiceInfo',
  'WithRequestId',
  'EventStream',
  'CommonErrorCode',
  'ServiceErrorRegistry',
  'TencentCloudError',
  'defineServiceErrors',
  'isTencentCloudError',
  'paginateItems',
  'paginateOffset',
  'paginatePage',
  'paginateToken',
  'PaginateOptions',
  'Int64',
  'op',
  'paging',
  'streaming',
]);

/**
 * What core gives a user, re-exported from every version entry point so that under pnpm's
 * strict layout `@scope/cvm` alone is enough to import them (re-exports only: tree-shaking
 * keeps what is used). A model of the same name wins; the core one is then `Core<Name>`.
 */
export const CORE_REEXPORTS = {
  values: [
    'AbortError',
    'ConfigurationError',
    'CredentialsError',
    'NetworkError',
    'PaginationError',
    'ProtocolError',
    'SdkError',
    'TencentCloudError',
    'TimeoutError',
    'WaiterFailureError',
    'WaiterTimeoutError',
    'dryRun',
    'getResponseMetadata',
    'isDryRunSuccess',
    'isTencentCloudError',
  ],
  types: [
    'CallOptions',
    'ClientOptions',
    'CommonErrorCode',
    'Credentials',
    'Int64',
    'PaginateOptions',
    'ResponseMetadata',
    'WaitOptions',
    'WaiterResult',
  ],
} as const;

/** Why a spec object name cannot be a TypeScript interface name, or undefined when it can. */
export function unusableTypeName(name: string): string | undefined {
  if (RESERVED.has(name)) return 'is a JavaScript reserved word';
  if (TS_KEYWORDS.has(name)) return 'is a TypeScript keyword';
  if (OBJECT_PROTOTYPE_NAMES.has(name)) return 'is a property of Object.prototype';
  return undefined;
}

/** Why a spec member name cannot be a property of a generated interface, or undefined. */
export function unusableMemberName(name: string): string | undefined {
  if (OBJECT_PROTOTYPE_NAMES.has(name)) return 'is a property of Object.prototype';
  return undefined;
}

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
/**
 * `@scope/<serviceShortName>`: the name the service goes by on the wire and in the official SDK
 * (tccli's folder `autoscaling` is `as`, the official `tencentcloud-sdk-nodejs-as`).
 */
export const packageName = (scope: string, svc: IrService) => `${scope}/${svc.serviceShortName}`;

/** Package folders of hand-written packages and names npm or a file system refuses. */
const RESERVED_PACKAGES = new Set(['core', 'testing']);
const UNSAFE_PACKAGE_NAMES = new Set([
  'node_modules',
  'favicon.ico',
  // Windows device names cannot be folder names.
  ...'con prn aux nul com0 com1 com2 com3 com4 com5 com6 com7 com8 com9 lpt0 lpt1 lpt2 lpt3 lpt4 lpt5 lpt6 lpt7 lpt8 lpt9'.split(
    ' ',
  ),
]);

/**
 * Why `<scope>/<short>` cannot name a generated package (and `packages/<short>` its folder), or
 * undefined when it can. Two services sharing a name are checked across the run (run.ts).
 */
export function unusablePackageName(scope: string, short: string): string | undefined {
  if (RESERVED_PACKAGES.has(short)) return `is the hand-written package ${scope}/${short}`;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(short))
    return 'is not npm-safe (lower-case letters, digits and "-", starting with a letter or digit)';
  if (UNSAFE_PACKAGE_NAMES.has(short)) return 'is a name npm or Windows refuses';
  if (`${scope}/${short}`.length > 214) return 'is longer than npm allows (214 characters)';
  return undefined;
}

/** The API Explorer page of an action (Tencent's console), built from facts only. */
export const explorerUrl = (svc: IrService, apiVersion: string, action: string) =>
  `https://console.cloud.tencent.com/api/explorer?Product=${encodeURIComponent(svc.serviceShortName)}&Version=${encodeURIComponent(apiVersion)}&Action=${encodeURIComponent(action)}`;
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
/** The version the package root (`src/index.ts`) exports; see IrService.rootVersion. */
export const rootVersionOf = (svc: IrService) =>
  svc.versions.find((v) => v.apiVersion === svc.rootVersion) ?? newestVersion(svc);

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

/**
 * Every exported name of one API version. Model names are the spec's own and never change;
 * every generated name avoids them, the other generated names and what the generated files
 * import (a `_` suffix), and core's re-exports give way to all of these (a `Core` prefix).
 */
export class VersionNames {
  readonly client: string;
  readonly serviceConst: string;
  readonly errorsConst: string;
  readonly errorCodeMap: string;
  /** Union of every code of the version: the common ones and the service's own. */
  readonly serviceErrorCode: string;
  readonly errorGuard: string;
  readonly createClient: string;
  /** Local alias of core's Int64 inside models.ts. */
  readonly int64: string;
  readonly actions = new Map<string, ActionNames>();
  /**
   * Type mapping each action name to its input and output (`CvmActionMap`), which types
   * `client.call(name, input)` for known names.
   */
  readonly actionMap: string;
  /** Waiter name (`InstanceRunning`) -> its function and client method (`waitUntilInstanceRunning`). */
  readonly waiters = new Map<string, string>();
  /** Core's re-exports: [core name, exported name], values then types. */
  readonly coreValues: (readonly [string, string])[];
  readonly coreTypes: (readonly [string, string])[];
  private readonly taken: Set<string>;

  constructor(svc: IrService, version: IrVersion) {
    const models = new Set(version.shapes.map((s) => s.name));
    this.taken = new Set([...models, ...IMPORTED]);
    const base = pascalCase(svc.serviceShortName);
    const upper = svc.serviceShortName.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    this.client = this.claim(`${base}Client`);
    this.serviceConst = this.claim(`${upper}_SERVICE`);
    this.errorsConst = this.claim(`${upper}_ERRORS`);
    this.errorCodeMap = this.claim(`${base}ActionErrorCodes`);
    this.serviceErrorCode = this.claim(`${base}ErrorCode`);
    this.errorGuard = this.claim(`is${base}Error`);
    this.createClient = this.claim(`create${base}Client`);
    this.int64 = models.has('Int64') ? free('CoreInt64', models) : 'Int64';
    for (const a of version.actions) this.actions.set(a.name, this.forAction(a));
    this.actionMap = this.claim(`${base}ActionMap`);
    // After the actions, so an action's names never move for a waiter; a waiter's function is
    // also a client method, so it avoids core's members like an action does.
    for (const w of version.waiters ?? []) {
      const wanted = `waitUntil${w.name}`;
      const clash = CLIENT_MEMBERS.has(wanted) || OBJECT_PROTOTYPE_NAMES.has(wanted);
      this.waiters.set(w.name, this.claim(clash ? `${wanted}Waiter` : wanted));
    }
    // Only exports can clash with a re-export (the imports above are other modules' locals).
    const exported = new Set([...this.taken].filter((n) => !IMPORTED.has(n) || models.has(n)));
    const reexport = (n: string) => {
      const as = exported.has(n) ? free(`Core${n[0]!.toUpperCase()}${n.slice(1)}`, exported) : n;
      exported.add(as);
      return [n, as] as const;
    };
    this.coreValues = CORE_REEXPORTS.values.map(reexport);
    this.coreTypes = CORE_REEXPORTS.types.map(reexport);
  }

  action(name: string): ActionNames {
    return this.actions.get(name)!;
  }

  /** `waitUntil<Name>`, or its renamed form when that name was taken. */
  waiter(name: string): string {
    return this.waiters.get(name)!;
  }

  private forAction(a: IrAction): ActionNames {
    const camel = camelCase(a.name);
    // The same name serves as module function and class method, so it avoids both kinds.
    const clash =
      CLIENT_MEMBERS.has(camel) || OBJECT_PROTOTYPE_NAMES.has(camel) || RESERVED.has(camel);
    const fn = this.claim(clash ? `${camel}Action` : camel);
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
    const n = free(name, this.taken);
    this.taken.add(n);
    return n;
  }
}

/** `name`, else `name_`, `name__`, ...: the first not in `taken`. */
function free(name: string, taken: ReadonlySet<string>): string {
  let n = name;
  while (taken.has(n)) n = `${n}_`;
  return n;
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
