/**
 * Deterministic values that conform to a spec: default answers (every output member filled,
 * lists of one element, nested objects) and the smallest valid input of an action (required
 * members only). Values derive from a hash of action name + member path, so the same action
 * always yields the same data and different members get different values.
 */
import type { ApiSpec, SpecMember } from './model.js';

/**
 * Self-referencing objects (Item.Child: Item): an optional member that would recurse is left
 * out, a required list becomes `[]`, a required object is expanded at most this many times.
 */
const MAX_REPEAT = 2;

interface Mode {
  readonly requiredOnly: boolean;
  readonly bigInt64?: boolean;
}

export interface SampleOptions {
  /** Integers beyond 2^53 (as bigint) for every int64/uint64 member, to test exact decoding. */
  readonly bigInt64?: boolean;
}

/** Default output payload of `action` (without RequestId). */
export function sampleOutput(
  spec: ApiSpec,
  action: string,
  options: SampleOptions = {},
): Record<string, unknown> {
  const def = spec.actions[action];
  if (!def) throw new Error(`unknown action ${action}`);
  const out = sampleObject(spec, def.output, action, '', [], {
    requiredOnly: false,
    bigInt64: options.bigInt64,
  });
  delete out.RequestId;
  // A few outputs declare an optional `Error` member (a failed task's details); in a default
  // answer it would turn the success envelope into an error envelope, so it is left out.
  delete out.Error;
  return out;
}

/** The smallest input `action` accepts: required members only, each list with one element. */
export function minimalInput(spec: ApiSpec, action: string): Record<string, unknown> {
  const def = spec.actions[action];
  if (!def) throw new Error(`unknown action ${action}`);
  return sampleObject(spec, def.input, action, '', [], { requiredOnly: true });
}

function sampleObject(
  spec: ApiSpec,
  objectName: string,
  seed: string,
  prefix: string,
  stack: string[],
  mode: Mode,
): Record<string, unknown> {
  const obj = spec.objects[objectName];
  const out: Record<string, unknown> = {};
  if (!obj) return out;
  const repeats = stack.filter((n) => n === objectName).length;
  if (repeats > MAX_REPEAT) return out;
  stack.push(objectName);
  for (const m of obj.members) {
    const required = m.required === true || (!mode.requiredOnly && m.output_required === true);
    if (mode.requiredOnly && !required) continue;
    const target = m.member ?? '';
    if (spec.objects[target] && stack.includes(target)) {
      if (!required) continue;
      // An empty list is a present, valid value and ends the recursion.
      if (m.type === 'list') {
        out[m.name] = [];
        continue;
      }
    }
    out[m.name] = sampleMember(spec, m, seed, prefix + m.name, stack, mode);
  }
  stack.pop();
  return out;
}

function sampleMember(
  spec: ApiSpec,
  m: SpecMember,
  seed: string,
  path: string,
  stack: string[],
  mode: Mode,
): unknown {
  const kind = m.member ?? (m.type === 'int' ? 'int64' : m.type);
  if (m.type === 'list') {
    return [sampleKind(spec, kind, seed, `${path}.0`, stack, mode, m.name)];
  }
  if (m.type === 'int') {
    return sampleKind(
      spec,
      kind === 'uint64' ? 'uint64' : 'int64',
      seed,
      path,
      stack,
      mode,
      m.name,
    );
  }
  if (m.type === 'object' || m.type === 'string') {
    return sampleKind(spec, kind, seed, path, stack, mode, m.name);
  }
  return sampleKind(spec, m.type, seed, path, stack, mode, m.name);
}

function sampleKind(
  spec: ApiSpec,
  kind: string,
  seed: string,
  path: string,
  stack: string[],
  mode: Mode,
  name: string,
): unknown {
  if (spec.objects[kind]) return sampleObject(spec, kind, seed, `${path}.`, stack, mode);
  const h = hash(`${seed}/${path}`);
  switch (kind) {
    case 'int':
    case 'int64':
    case 'uint64':
      return mode.bigInt64 ? 2n ** 53n + BigInt(h) : (h % 1000) + 1;
    case 'float':
    case 'double':
      return (h % 10000) / 100 + 0.5;
    case 'bool':
      // Inputs get false: `DryRun: true` would turn the call into DryRunOperation.
      return mode.requiredOnly ? false : (h & 1) === 1;
    case 'datetime':
      return `2024-0${(h % 9) + 1}-1${h % 10} 0${h % 10}:1${h % 10}:2${h % 10}`;
    case 'datetime_iso':
      return `2024-0${(h % 9) + 1}-1${h % 10}T0${h % 10}:1${h % 10}:2${h % 10}Z`;
    case 'date':
      return `2024-0${(h % 9) + 1}-1${h % 10}`;
    case 'binary':
      return Buffer.from(`${name}-${h.toString(16)}`).toString('base64');
    default:
      return `${name}-${h.toString(16).padStart(8, '0')}`;
  }
}

/** FNV-1a, 32 bits: small, fast, stable across runs and platforms. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
