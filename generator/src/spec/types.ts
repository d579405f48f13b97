// The spec file formats as read from disk (tccli's api.json and our errors/docs files).
// Upstream files also carry `document`, `example` and `name` prose; ours omit them.

export type MemberKind = 'string' | 'int' | 'list' | 'object' | 'bool' | 'float' | 'binary';

export interface ApiMember {
  name: string;
  type: MemberKind;
  /** Primitive (`string`, `int64`, `datetime`, ...) or an object name. */
  member: string;
  required?: boolean;
  output_required?: boolean;
  value_allowed_null?: boolean;
  disabled?: boolean;
  document?: string;
}

export interface ApiObject {
  members: ApiMember[];
  type?: 'object';
  usage?: 'in' | 'out' | 'both';
  document?: string;
}

export interface ApiAction {
  input: string;
  output: string;
  status?: 'online' | 'deprecated' | 'offline';
  name?: string;
  document?: string;
}

export interface ApiSpec {
  version?: string;
  metadata: {
    apiVersion: string;
    serviceShortName: string;
    api_brief?: string;
    serviceNameCN?: string;
  };
  actions: Record<string, ApiAction>;
  objects: Record<string, ApiObject>;
}

export interface ActionFlags {
  skipSign?: boolean;
  sse?: boolean;
  contentType?: string;
  rawBody?: boolean;
  rootDomainPrefix?: string;
}

export interface ErrorsSpec {
  service?: string;
  version?: string;
  errors: { code: string; description?: string }[];
  actionErrors?: Record<string, string[]>;
  actionFlags?: Record<string, ActionFlags>;
}

/** Our own one-line descriptions, keyed by name; every key optional. */
export interface DocsOverlay {
  service?: string;
  actions?: Record<string, string>;
  objects?: Record<string, string>;
  /** `Object.Member` -> description. */
  members?: Record<string, string>;
  errors?: Record<string, string>;
}

/** Primitive member types allowed per `type`. */
export const PRIMITIVES: Record<MemberKind, readonly string[]> = {
  string: ['string', 'datetime', 'datetime_iso', 'date'],
  int: ['int64', 'uint64'],
  bool: ['bool'],
  float: ['float'],
  binary: ['binary'],
  list: [
    'string',
    'int64',
    'uint64',
    'bool',
    'float',
    'datetime',
    'datetime_iso',
    'date',
    'binary',
  ],
  object: [],
};
export const ALL_PRIMITIVES = new Set(Object.values(PRIMITIVES).flat());
