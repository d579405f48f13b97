/** Partial matching of inputs, and how inputs and matchers are shown in messages. */
import { inspect, isDeepStrictEqual } from 'node:util';
import { redact } from '@scope/core';

/**
 * True when every member `expected` gives is in `actual` and matches: objects partially at any
 * depth, arrays element by element with the same length, anything else with `Object.is`.
 */
export function matchesPartial(actual: unknown, expected: unknown): boolean {
  if (Object.is(actual, expected)) return true;
  if (typeof expected !== 'object' || expected === null) return false;
  if (typeof actual !== 'object' || actual === null) return false;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => matchesPartial(actual[i], e))
    );
  }
  if (Array.isArray(actual)) return false;
  if (expected instanceof Date || actual instanceof Date)
    return isDeepStrictEqual(actual, expected);
  for (const key of Object.keys(expected)) {
    const e = (expected as Record<string, unknown>)[key];
    // `{ Limit: undefined }` matches an input without Limit, as the wire cannot tell them apart.
    if (!Object.hasOwn(actual, key)) {
      if (e === undefined) continue;
      return false;
    }
    if (!matchesPartial((actual as Record<string, unknown>)[key], e)) return false;
  }
  return true;
}

/** One-line, redacted rendering (secret-named members and secret-looking strings hidden). */
export function show(value: unknown): string {
  if (typeof value === 'function') return `a predicate (${value.name || 'anonymous'})`;
  const text = inspect(redact(value), { depth: 5, breakLength: Number.POSITIVE_INFINITY });
  return text.length > 600 ? `${text.slice(0, 600)}...` : text;
}

/** A copy of the input as it was at call time; the input itself when it cannot be cloned. */
export function snapshot<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}
