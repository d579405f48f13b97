// Shared pieces of the per-action code: the ActionInfo literal, signatures and doc tags.
import type { IrAction, IrVersion } from '../../ir/model.js';
import { MODELS_NS } from '../../ir/names.js';
import { str } from '../ts.js';

/** `{ name: 'DescribeInstances', readOnly: true }`: only the flags that are set. */
export function actionInfo(a: IrAction, extra: { sse?: boolean } = {}): string {
  const parts = [`name: ${str(a.name)}`];
  if (a.readOnly) parts.push('readOnly: true');
  if (a.skipSign) parts.push('skipSign: true');
  // Only the streaming call announces `sse`; the plain call expects a JSON envelope.
  if (extra.sse) parts.push('sse: true');
  if (a.rootDomainPrefix) parts.push(`rootDomainPrefix: ${str(a.rootDomainPrefix)}`);
  return `{ ${parts.join(', ')} }`;
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
  const type =
    plain && a.sse && hasStreamFlag(version, a)
      ? `${MODELS_NS}.${a.input} & { Stream?: false }`
      : `${MODELS_NS}.${a.input}`;
  return anyRequired ? `input: ${type}` : `input: ${type} = {}`;
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
