// Spec -> IR. Runs only on specs that passed validation. Descriptions come from our docs
// overlay when present, else from the spec's own `document`, else nothing.
import { own } from '../own.js';
import { COMMON_ERROR_SET } from '../spec/common-codes.js';
import type { LoadedSpec } from '../spec/load.js';
import {
  ALL_PRIMITIVES,
  type ApiMember,
  type ApiSpec,
  type DocsOverlay,
  type ErrorsSpec,
} from '../spec/types.js';
import { waitersOf } from '../spec/waiters.js';
import type {
  IrAction,
  IrMember,
  IrService,
  IrShape,
  IrType,
  IrVersion,
  Primitive,
  ShapeRole,
} from './model.js';
import { detectPagination } from './pagination.js';

const READ_ONLY = /^(Describe|Get|List|Query|Inquiry|Inquire)[A-Z]/;

/**
 * Groups validated service versions by spec folder; versions sorted oldest first.
 * rootVersions: sdk.config.json's per-service override of the root version (validated before).
 */
export function buildServices(
  specs: readonly LoadedSpec[],
  rootVersions: Readonly<Record<string, string>> = {},
): IrService[] {
  const byDir = new Map<string, LoadedSpec[]>();
  for (const s of specs) byDir.set(s.serviceDir, [...(byDir.get(s.serviceDir) ?? []), s]);
  return [...byDir.keys()].sort().map((dir) => {
    const list = byDir
      .get(dir)!
      .slice()
      .sort((a, b) => (a.versionDir < b.versionDir ? -1 : 1));
    const versions = list.map(buildVersion);
    const override = own(rootVersions, dir);
    const root = override ?? rootByRule(versions);
    const rootSpec = list[versions.findIndex((v) => v.apiVersion === root)] ?? list.at(-1)!;
    const newest = list[list.length - 1]!;
    const api = newest.api as ApiSpec;
    // Our own line first (the root version's overlay, else any version's, newest first).
    const overlay = [rootSpec, ...list.slice().reverse()]
      .map((s) => docsOf(s).service)
      .find((d) => d !== undefined);
    const doc = overlay ?? oneLine((rootSpec.api as ApiSpec).metadata.api_brief);
    return {
      specDir: dir,
      serviceShortName: api.metadata.serviceShortName,
      ...(doc ? { doc } : {}),
      versions,
      rootVersion: root,
      rootReason: override ? 'config' : 'most actions',
    };
  });
}

/**
 * The main API of a service: the version with the most actions, ties going to the newest. The
 * newest is often a small side API (tke 2022-05-01 has 23 actions, 2018-05-25 has 272).
 */
export function rootByRule(versions: readonly Pick<IrVersion, 'apiVersion' | 'actions'>[]) {
  let best = versions[0]!;
  for (const v of versions) if (v.actions.length >= best.actions.length) best = v;
  return best.apiVersion;
}

function docsOf(spec: LoadedSpec): DocsOverlay {
  return (spec.docs as DocsOverlay | undefined) ?? {};
}

/** Upstream prose may be long; the brief line is the first paragraph. */
function oneLine(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t ? t : undefined;
}

export function buildVersion(spec: LoadedSpec): IrVersion {
  const api = spec.api as ApiSpec;
  const errors = (spec.errors as ErrorsSpec | undefined) ?? { errors: [] };
  const docs = docsOf(spec);
  const roles = new Map<string, ShapeRole>();
  for (const a of Object.values(api.actions)) {
    roles.set(a.input, 'request');
    roles.set(a.output, 'response');
  }
  const shapes: IrShape[] = Object.keys(api.objects)
    .sort()
    .map((name) => {
      const o = own(api.objects, name)!;
      const role = roles.get(name) ?? o.usage ?? 'both';
      const doc = own(docs.objects, name) ?? oneLine(o.document);
      return {
        name,
        role,
        ...(doc ? { doc } : {}),
        members: o.members.map((m) => buildMember(m, role, own(docs.members, `${name}.${m.name}`))),
      };
    });
  const shapeByName = new Map(shapes.map((s) => [s.name, s]));
  const actions: IrAction[] = Object.keys(api.actions)
    .sort()
    .map((name) => {
      const a = own(api.actions, name)!;
      const flags = own(errors.actionFlags, name) ?? {};
      const doc = own(docs.actions, name) ?? oneLine(a.document);
      const paging = detectPagination({
        service: api.metadata.serviceShortName,
        action: name,
        input: shapeByName.get(a.input)!,
        output: shapeByName.get(a.output)!,
        shapes: shapeByName,
      });
      return {
        name,
        input: a.input,
        output: a.output,
        status: a.status ?? 'online',
        readOnly: READ_ONLY.test(name),
        ...(doc ? { doc } : {}),
        errorCodes: [...new Set(own(errors.actionErrors, name) ?? [])].sort(),
        skipSign: flags.skipSign === true,
        sse: flags.sse === true,
        ...(flags.rootDomainPrefix ? { rootDomainPrefix: flags.rootDomainPrefix } : {}),
        ...(flags.contentType ? { contentType: flags.contentType } : {}),
        rawBody: flags.rawBody === true,
        outputHasError: shapeByName.get(a.output)!.members.some((m) => m.name === 'Error'),
        ...(hasClientToken(shapeByName.get(a.input)!) ? { clientToken: true as const } : {}),
        ...(paging?.pagination ? { pagination: paging.pagination } : {}),
        ...(paging?.unpaged ? { unpaged: paging.unpaged } : {}),
      };
    });
  const codes = new Map<string, string | undefined>();
  for (const e of errors.errors) {
    if (COMMON_ERROR_SET.has(e.code)) continue;
    codes.set(e.code, own(docs.errors, e.code) ?? oneLine(e.description));
  }
  const doc = docs.service ?? oneLine(api.metadata.api_brief);
  return {
    apiVersion: api.metadata.apiVersion,
    ...(doc ? { doc } : {}),
    actions,
    shapes,
    errors: [...codes.keys()].sort().map((code) => {
      const d = codes.get(code);
      return d ? { code, doc: d } : { code };
    }),
    inputHash: spec.inputHash,
    ...waitersOf(spec),
  };
}

/** A string member named `ClientToken`: the idempotency token core fills in (ActionInfo.clientToken). */
function hasClientToken(input: IrShape): boolean {
  return input.members.some(
    (m) => m.name === 'ClientToken' && m.type.kind === 'primitive' && m.type.name === 'string',
  );
}

function buildMember(m: ApiMember, role: ShapeRole, overlay: string | undefined): IrMember {
  const output = role === 'response' || role === 'out';
  const input = role === 'request' || role === 'in';
  const isRequestId = role === 'response' && m.name === 'RequestId';
  const optional = isRequestId ? false : output ? m.output_required !== true : m.required !== true;
  const nullable = !input && !isRequestId && m.value_allowed_null === true;
  const doc = overlay ?? oneLine(m.document);
  return {
    name: m.name,
    type: memberType(m),
    optional,
    nullable,
    deprecated: m.disabled === true,
    ...(doc ? { doc } : {}),
  };
}

function memberType(m: ApiMember): IrType {
  const element: IrType = ALL_PRIMITIVES.has(m.member)
    ? { kind: 'primitive', name: m.member as Primitive }
    : { kind: 'ref', name: m.member };
  return m.type === 'list' ? { kind: 'list', of: element } : element;
}
