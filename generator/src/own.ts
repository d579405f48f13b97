// Lookups by a name that comes from a spec or a snapshot: only the object's own properties
// count, so a name such as `constructor` or `toString` never finds Object.prototype's value.

/** `o[key]` when `key` is an own property of `o`, else undefined. */
export function own<T>(o: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return o !== undefined && o !== null && Object.hasOwn(o, key) ? o[key] : undefined;
}
