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

/** `input: M.FooRequest` or `input: M.FooRequest = {}` when nothing is required. */
export function inputParam(version: IrVersion, a: IrAction): string {
  const shape = version.shapes.find((s) => s.name === a.input);
  const anyRequired = shape?.members.some((m) => !m.optional) ?? false;
  return anyRequired ? `input: ${MODELS_NS}.${a.input}` : `input: ${MODELS_NS}.${a.input} = {}`;
}

export const outputType = (a: IrAction) => `WithRequestId<${MODELS_NS}.${a.output}>`;
export const eventType = (a: IrAction) => `Omit<${MODELS_NS}.${a.output}, 'RequestId'>`;
