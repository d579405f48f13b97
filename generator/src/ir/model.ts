// The intermediate representation: everything emitters need, nothing they must look up in a
// spec file. Plain JSON-serialisable data, so two IRs can be diffed (spec diff -> changesets).

export type Primitive =
  | 'string'
  | 'int64'
  | 'uint64'
  | 'bool'
  | 'float'
  | 'binary'
  | 'datetime'
  | 'datetime_iso'
  | 'date';

export type IrType =
  | { kind: 'primitive'; name: Primitive }
  | { kind: 'ref'; name: string }
  | { kind: 'list'; of: IrType };

export interface IrMember {
  name: string;
  type: IrType;
  /** True when the TypeScript property may be omitted. */
  optional: boolean;
  /** True when the value may be `null` (outputs only). */
  nullable: boolean;
  deprecated: boolean;
  doc?: string;
}

/** Where a shape is used: request input, response output, or a model used by either. */
export type ShapeRole = 'request' | 'response' | 'in' | 'out' | 'both';

export interface IrShape {
  name: string;
  role: ShapeRole;
  members: IrMember[];
  doc?: string;
}

export interface IrPagination {
  /** offset: Offset/Limit; page: page number and size; token: a continuation token. */
  kind: 'offset' | 'page' | 'token';
  /** Dotted output path of the page's items: `InstanceSet`, or `Data.List` inside an object. */
  items: string;
  /** Element type of the items list. */
  itemType: IrType;
  /** Dotted output path of the total number of items (`TotalCount`, `Total`, `Data.Total`). */
  total?: string;
  /** page: dotted output path of the total number of pages. */
  totalPages?: string;
  /** Input member positioning the page: `Offset`, `PageNumber`, `NextToken` (the default per kind). */
  cursor?: string;
  /** offset/page: input member with the page size (`Limit`, `PageSize`). */
  size?: string;
  /** token: dotted output path of the next token (default `NextToken`). */
  nextToken?: string;
  /** page: number of the first page (1, or 0 for the actions in ir/pagination.ts's list). */
  firstPage?: number;
  /** The position and size members are strings holding numbers. */
  numbersAsStrings?: boolean;
  /** Why this list was chosen when the output has several. */
  picked?: string;
}

export interface IrAction {
  name: string;
  input: string;
  output: string;
  status: 'online' | 'deprecated' | 'offline';
  /** No side effects (Describe*, Get*, List*, Query*, Inquiry*): safe to retry. */
  readOnly: boolean;
  doc?: string;
  /** Error codes this action documents (service-specific and generic ones). */
  errorCodes: string[];
  skipSign: boolean;
  sse: boolean;
  rootDomainPrefix?: string;
  contentType?: string;
  rawBody: boolean;
  /**
   * The output shape declares a member named `Error` (lkeap `GetSplitDocumentResult`), so core
   * must not take every `Response.Error` for the API's error envelope (ActionInfo.errorIsData).
   */
  outputHasError: boolean;
  /**
   * The input has a member named `ClientToken` (an idempotency token): ActionInfo.clientToken,
   * so core fills one in and retries the call like a read-only one. Set only when true.
   */
  clientToken?: true;
  pagination?: IrPagination;
  /** The input looks paged but no paginator was emitted: why (listed in packages/PAGINATION.md). */
  unpaged?: string;
}

export interface IrErrorCode {
  code: string;
  doc?: string;
}

/** One acceptor of a waiter (specs/<service>/<version>/waiters.json); the first match decides. */
export type IrWaiterAcceptor =
  | {
      state: 'success' | 'failure' | 'retry';
      /** Dotted output path, `[]` after a list: `InstanceSet[].InstanceState`. */
      path: string;
      match?: 'all' | 'any';
      values: (string | number | boolean | null)[];
    }
  | { state: 'success' | 'failure' | 'retry'; errors: string[] };

/** A waiter: poll `action` with the caller's input until an acceptor says success or failure. */
export interface IrWaiter {
  /** `InstanceRunning`: the function is `waitUntilInstanceRunning`. */
  name: string;
  action: string;
  doc?: string;
  /** Where the state values come from. */
  source: string;
  minDelayMs: number;
  maxDelayMs: number;
  maxWaitMs: number;
  acceptors: IrWaiterAcceptor[];
}

export interface IrVersion {
  /** `2017-03-12`. */
  apiVersion: string;
  doc?: string;
  actions: IrAction[];
  shapes: IrShape[];
  /** The service's own codes (common ones excluded), sorted. */
  errors: IrErrorCode[];
  /** Hash of the spec files of this version. */
  inputHash: string;
  /** From our waiters.json overlay, by name. */
  waiters?: IrWaiter[];
}

export interface IrService {
  /** Spec folder name (`autoscaling`). */
  specDir: string;
  /** Endpoint and signing name (`as`); also the package name. */
  serviceShortName: string;
  doc?: string;
  /** Oldest first; the last one is the newest. */
  versions: IrVersion[];
  /**
   * The API version the package root exports (`2018-05-25` for tke): from `rootVersions` in
   * sdk.config.json, else the version with the most actions (ties: the newest).
   */
  rootVersion: string;
  /** Why that version is the root: the config override, or the rule. */
  rootReason: 'config' | 'most actions';
}
