// Shared pieces of the per-action code: the ActionInfo literal, signatures and doc tags.
import type { IrAction, IrVersion } from '../../ir/model.js';
import { explorerUrl, MODELS_NS } from '../../ir/names.js';
import type { VersionContext } from '../context.js';
import { str } from '../ts.js';

/** `{ name: 'DescribeInstances', readOnly: true }`: only the flags that are set. */
export function actionInfo(a: IrAction, extra: { sse?: boolean } = {}): string {
  const parts = [`name: ${str(a.name)}`];
  if (a.readOnly) parts.push('readOnly: true');
  if (a.skipSign) parts.push('skipSign: true');
  // Only the streaming call announces `sse`; the plain call expects a JSON envelope.
  if (extra.sse) parts.push('sse: true');
  if (a.rootDomainPrefix) parts.push(`rootDomainPrefix: ${str(a.rootDomainPrefix)}`);
  // The output has its own `Error` member: core reads Response.Error as data unless the
  // Response is nothing but Error and RequestId.
  if (a.outputHasError) parts.push('errorIsData: true');
  // Core fills a missing ClientToken (one per call, every attempt the same) and retries the
  // call like a read-only one.
  if (a.clientToken) parts.push('clientToken: true');
  return `{ ${parts.join(', ')} }`;
}

/** Error codes named in an action's TSDoc; the rest are in its `...ErrorCode` union. */
const DOC_CODES = 6;

/**
 * The facts of an action as TSDoc lines, our words only: what it does (the docs overlay or the
 * spec's own line), the API version, retry behaviour, required members, paginators, the
 * streaming variant, the listed error codes, and the link to the action in API Explorer.
 */
export function actionDoc(ctx: VersionContext, a: IrAction): { text: string; tags: string[] } {
  const { version: v, names, svc } = ctx;
  const n = names.action(a.name);
  const input = v.shapes.find((s) => s.name === a.input);
  const required = input?.members.filter((m) => !m.optional).map((m) => `\`${m.name}\``) ?? [];
  const lines: string[] = [];
  if (a.doc) lines.push(...a.doc.trim().split('\n'), '');
  lines.push(
    a.readOnly
      ? `${a.name}, ${svc.serviceShortName} API ${v.apiVersion}. Read-only, so it is retried on throttling, server errors, timeouts and network failures.`
      : a.clientToken
        ? `${a.name}, ${svc.serviceShortName} API ${v.apiVersion}. Changes state; safe to retry all the same: when you leave \`ClientToken\` out, a fresh UUID is filled in, the same for every attempt of the call, so it is retried like a read-only action.`
        : `${a.name}, ${svc.serviceShortName} API ${v.apiVersion}. Changes state, so it is retried only when throttled or when nothing was sent.`,
  );
  lines.push(required.length > 0 ? `Required: ${required.join(', ')}.` : 'No member is required.');
  if (paginated(a)) {
    const items = (a.pagination as { items?: unknown }).items;
    lines.push(
      `Paginators: \`${n.paginate}\` (every item${typeof items === 'string' ? ` of \`${items}\`` : ''}) and \`${n.pages}\` (every page).`,
    );
  }
  if (a.sse) lines.push(`Streaming: \`${n.stream}\` answers with server-sent events.`);
  if (a.errorCodes.length > 0) {
    const shown = a.errorCodes.slice(0, DOC_CODES).map((c) => `\`${c}\``);
    const more = a.errorCodes.length - shown.length;
    lines.push(
      `Error codes listed: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''} (\`${n.errorCode}\`; others occur too).`,
    );
  }
  if (a.outputHasError)
    lines.push('Its output has an `Error` member of its own: data, not an API error.');
  return { text: lines.join('\n'), tags: [explorerTag(ctx, a), ...actionTags(a)] };
}

/** `@see` the action in Tencent's API Explorer (the URL is built from service, version, action). */
export const explorerTag = (ctx: VersionContext, a: IrAction) =>
  `@see {@link ${explorerUrl(ctx.svc, ctx.version.apiVersion, a.name)} | API Explorer}`;

/** Whatever IrAction.pagination holds (one paginator or a list) means the action pages. */
export function paginated(a: IrAction): boolean {
  const p = a.pagination as unknown;
  return Array.isArray(p) ? p.length > 0 : p !== undefined;
}

/** TSDoc tags of an action: deprecated/offline status. */
export function actionTags(a: IrAction): string[] {
  if (a.status === 'deprecated') return ['@deprecated The service marks this action deprecated.'];
  if (a.status === 'offline') return ['@deprecated The service has taken this action offline.'];
  return [];
}

/**
 * `input: M.FooRequest`, or `= {}` when nothing is required. The plain (JSON) call of a
 * streaming action cannot ask for a stream: `Stream` is narrowed to `false` there.
 */
export function inputParam(version: IrVersion, a: IrAction, plain = false): string {
  const shape = version.shapes.find((s) => s.name === a.input);
  const anyRequired = shape?.members.some((m) => !m.optional) ?? false;
  const type = inputType(version, a, plain);
  return anyRequired ? `input: ${type}` : `input: ${type} = {}`;
}

/** The input type of an action's function; see inputParam. */
export function inputType(version: IrVersion, a: IrAction, plain = false): string {
  return plain && a.sse && hasStreamFlag(version, a)
    ? `${MODELS_NS}.${a.input} & { Stream?: false }`
    : `${MODELS_NS}.${a.input}`;
}

/** The input has a boolean `Stream` member that asks the server for server-sent events. */
export function hasStreamFlag(version: IrVersion, a: IrAction): boolean {
  const shape = version.shapes.find((s) => s.name === a.input);
  return (
    shape?.members.some(
      (m) => m.name === 'Stream' && m.type.kind === 'primitive' && m.type.name === 'bool',
    ) ?? false
  );
}

export const outputType = (a: IrAction) => `WithRequestId<${MODELS_NS}.${a.output}>`;
export const eventType = (a: IrAction) => `Omit<${MODELS_NS}.${a.output}, 'RequestId'>`;
