/**
 * The parts of Tencent's api.json / errors.json format that the emulator reads.
 * Both our specs/<svc>/v<ver>/ copies and the upstream tccli corpus share this shape.
 */

export type MemberType = 'string' | 'int' | 'list' | 'object' | 'bool' | 'float' | 'binary';

export interface SpecMember {
  readonly name: string;
  readonly type: MemberType | string;
  /** Primitive kind (string, int64, uint64, datetime, ...) or an object name. */
  readonly member?: string;
  readonly required?: boolean;
  readonly output_required?: boolean;
  readonly value_allowed_null?: boolean;
  readonly disabled?: boolean;
}

export interface SpecObject {
  readonly members: readonly SpecMember[];
  readonly type?: string;
  readonly usage?: string;
}

export interface SpecAction {
  readonly input: string;
  readonly output: string;
  readonly name?: string;
  readonly status?: string;
}

export interface ApiSpec {
  readonly actions: Readonly<Record<string, SpecAction>>;
  readonly objects: Readonly<Record<string, SpecObject>>;
  readonly metadata: {
    readonly apiVersion: string;
    readonly serviceShortName: string;
    readonly [key: string]: unknown;
  };
}

export interface ActionFlags {
  readonly skipSign?: boolean;
  readonly sse?: boolean;
  readonly contentType?: string;
  readonly rawBody?: boolean;
  readonly rootDomainPrefix?: string;
}

export interface ErrorsSpec {
  readonly errors?: readonly { readonly code: string; readonly description?: string }[];
  readonly actionErrors?: Readonly<Record<string, readonly string[]>>;
  readonly actionFlags?: Readonly<Record<string, ActionFlags>>;
}

/** One API version of one service, as handed to `startEmulator` in memory. */
export interface LoadedSpec {
  readonly api: ApiSpec;
  readonly errors?: ErrorsSpec;
}

/** `2017-03-12` from a folder name `v20170312`. */
export function versionFromFolder(folder: string): string | undefined {
  const m = /^v(\d{4})(\d{2})(\d{2})$/.exec(folder);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}
