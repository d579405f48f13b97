/**
 * Keeping secrets out of every output: logs, hook arguments, error messages, `util.inspect`
 * and `JSON.stringify`.
 *
 * Two mechanisms, used together:
 * - by name: values under keys such as `Authorization`, `secretKey`, `token`, `TmpSecretKey`
 *   are replaced by `[REDACTED]` (`redact`, `redactHeaders`);
 * - by value: every secret key and session token that core handles is registered
 *   (`registerSecret`), and `redactText` scrubs those exact strings from free text such as
 *   error messages, plus Authorization signatures and URL passwords.
 */

export const REDACTED = '[REDACTED]';

// Compared after lower-casing and removing `-` and `_`. Deliberately exact names, so that
// `NextToken` (pagination) and `ClientToken` (idempotency) stay readable.
const SECRET_NAMES = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'secretkey',
  'tmpsecretkey',
  'token',
  'sessiontoken',
  'securitytoken',
  'xtctoken',
  'webidentitytoken',
  'password',
  'signature',
]);

/** True for header/property names whose value is a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.replace(/[-_]/g, '').toLowerCase());
}

// Exact secret strings seen by this process, newest last; bounded so it cannot grow forever.
const MAX_SECRETS = 64;
const secrets: string[] = [];

/** Remembers a secret value so `redactText` removes it from any text. Short values are ignored. */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < 6 || secrets.includes(value)) return;
  secrets.push(value);
  if (secrets.length > MAX_SECRETS) secrets.shift();
}

/** Length of the longest registered secret (so a cut can be placed after redaction). */
export function longestSecret(): number {
  let n = 0;
  for (const s of secrets) if (s.length > n) n = s.length;
  return n;
}

/**
 * The first `max` characters of `text`, redacted BEFORE cutting: a cut first could leave the
 * head of a secret that no longer matches the registered value.
 */
export function redactedHead(text: string, max: number): string {
  const window = text.length > max ? text.slice(0, max + longestSecret() + 256) : text;
  const clean = redactText(window);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

const SIGNATURE = /(Signature=)[^\s,&"]+/gi;
const AUTH_HEADER = /(authorization["']?\s*[:=]\s*["']?)[^"'\n]+/gi;
const URL_PASSWORD = /(\/\/[^/\s:@]+:)[^@/\s]+@/g;

/** Scrubs registered secrets, signatures, Authorization values and URL passwords from text. */
export function redactText(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out
    .replace(AUTH_HEADER, `$1${REDACTED}`)
    .replace(SIGNATURE, `$1${REDACTED}`)
    .replace(URL_PASSWORD, `$1${REDACTED}@`);
}

/** Copy of a header map with secret headers replaced. */
export function redactHeaders(
  headers: Readonly<Record<string, string | string[] | number | undefined>>,
): Record<string, string | string[] | number | undefined> {
  const out: Record<string, string | string[] | number | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = isSecretName(k) ? REDACTED : v;
  return out;
}

/**
 * Deep copy of `value` that is safe to print: secret-named properties replaced, strings
 * scrubbed with `redactText`, errors reduced to name/message/code, cycles and depth bounded.
 */
export function redact(value: unknown, depth = 6): unknown {
  return copy(value, depth, new WeakSet());
}

function copy(v: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof v === 'string') return redactText(v);
  if (v === null || typeof v !== 'object') return typeof v === 'function' ? '[Function]' : v;
  if (seen.has(v)) return '[Circular]';
  if (depth < 0) return Array.isArray(v) ? '[Array]' : '[Object]';
  seen.add(v);
  if (v instanceof Date) return v;
  if (v instanceof Error) {
    const e = v as Error & { code?: unknown };
    return { name: e.name, message: redactText(e.message), ...(e.code ? { code: e.code } : {}) };
  }
  if (Array.isArray(v)) return v.map((x) => copy(x, depth - 1, seen));
  if (v instanceof Map) return copy(Object.fromEntries(v), depth, seen);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] = isSecretName(k) && x != null ? REDACTED : copy(x, depth - 1, seen);
  }
  return out;
}

/** Node's `util.inspect.custom` symbol, without importing `node:util`. */
export const inspectCustom: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

type Inspect = (value: unknown, options?: object) => string;

/**
 * Makes instances of `cls` print safely: `util.inspect` and `JSON.stringify` show `view(this)`
 * passed through `redact`. For errors, inspect prints the (scrubbed) stack followed by the view.
 * Core's client and error classes call this once on their prototype.
 */
export function redactOnInspect<T extends object>(
  cls: abstract new (...args: never[]) => T,
  view: (self: T) => object = (self) => ({ ...self }),
): void {
  Object.defineProperties(cls.prototype, {
    [inspectCustom]: {
      configurable: true,
      writable: true,
      value(this: T, _depth: number, options: object, inspect: Inspect): string {
        const body = inspect(redact(view(this)), options);
        if (this instanceof Error) {
          const head = redactText(this.stack ?? `${this.name}: ${this.message}`);
          return body === '{}' ? head : `${head} ${body}`;
        }
        return `${this.constructor.name} ${body}`;
      },
    },
    toJSON: {
      configurable: true,
      writable: true,
      value(this: T): unknown {
        return redact(view(this));
      },
    },
  });
}
