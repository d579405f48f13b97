/**
 * The environment where there may be no process: Workers (with nodejs_compat) and Vercel's
 * edge runtime expose `process.env`; elsewhere it is empty and the client's `env` option
 * (Workers bindings) is the way in.
 */
import type { Env } from '../contract.js';

const EMPTY: Env = Object.freeze({});

export const processEnv = (): Env =>
  (globalThis as { process?: { env?: Env } }).process?.env ?? EMPTY;
