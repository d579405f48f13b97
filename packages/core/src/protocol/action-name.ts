/**
 * Facts core can infer from an action's name alone, for actions called by name (`call`,
 * `CommonClient`) without generated ActionInfo.
 */
import type { ActionInfo } from '../types.js';

// The same rule as the generator's (generator/src/ir/build.ts): a prefix followed by a capital.
const READ_ONLY = /^(?:Describe|Get|List|Query|Inquiry|Inquire)[A-Z]/;

/** True for names such as `DescribeInstances` or `GetAccount`: actions without side effects. */
export function isReadOnlyAction(name: string): boolean {
  return READ_ONLY.test(name);
}

// One object per name, so the per-object validation (config.ts) runs once per action.
const inferred = new Map<string, ActionInfo>();

/** `{ name, readOnly }` inferred from the name; the same object for the same name. */
export function inferActionInfo(name: string): ActionInfo {
  let info = inferred.get(name);
  if (!info) {
    info = Object.freeze(isReadOnlyAction(name) ? { name, readOnly: true } : { name });
    if (inferred.size < 1024) inferred.set(name, info);
  }
  return info;
}
