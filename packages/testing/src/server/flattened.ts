/**
 * The GET / form-encoded request form: `InstanceIds.0=ins-1&Filters.0.Values.0=a` becomes
 * `{ InstanceIds: ['ins-1'], Filters: [{ Values: ['a'] }] }`. Scalars stay strings; the
 * validator converts them to the member's type.
 */

/** Common parameters of the legacy query form; they are not action parameters. */
const COMMON = new Set([
  'Action',
  'Version',
  'Region',
  'Timestamp',
  'Nonce',
  'SecretId',
  'Signature',
  'SignatureMethod',
  'Token',
  'Language',
  'RequestClient',
]);

export interface Flattened {
  readonly params: Record<string, unknown>;
  /** Common parameters found (Action, Version, Region, ...). */
  readonly common: Record<string, string>;
}

export function parseFlattened(query: string): Flattened {
  const root = Object.create(null) as Record<string, unknown>;
  const common: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    if (COMMON.has(key)) {
      common[key] = value;
      continue;
    }
    const parts = key.split('.');
    let node: Record<string, unknown> = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      let next = node[part];
      if (typeof next !== 'object' || next === null) {
        next = Object.create(null) as Record<string, unknown>;
        node[part] = next;
      }
      node = next as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return { params: toArrays(root) as Record<string, unknown>, common };
}

/** Objects whose keys are all indexes become arrays (in index order). */
function toArrays(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const obj = node as Record<string, unknown>;
  const keys = Object.keys(obj);
  for (const k of keys) obj[k] = toArrays(obj[k]);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => obj[k]);
  }
  return { ...obj };
}
