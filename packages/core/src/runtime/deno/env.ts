/**
 * Deno's environment, read variable by variable and only where permission was granted
 * (`--allow-env` or `--allow-env=NAME`): a missing permission reads as unset, never as a
 * prompt or a PermissionDenied thrown from inside the SDK.
 */
import type { Env } from '../contract.js';

interface DenoNs {
  env: { get(name: string): string | undefined };
  permissions: { querySync(d: { name: 'env'; variable: string }): { state: string } };
}
const deno = (globalThis as { Deno?: DenoNs }).Deno;

const read = (name: string): string | undefined => {
  if (!deno) return undefined;
  try {
    if (deno.permissions.querySync({ name: 'env', variable: name }).state !== 'granted')
      return undefined;
    return deno.env.get(name);
  } catch {
    return undefined;
  }
};

const env: Env = new Proxy({} as Env, {
  get: (_, name) => (typeof name === 'string' ? read(name) : undefined),
  has: (_, name) => typeof name === 'string' && read(name) !== undefined,
});

export const processEnv = (): Env => env;
