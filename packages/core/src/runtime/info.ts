/** Which runtime implementation `#runtime` resolved to, for users and diagnostics. */
import { RUNTIME_NAME as name, TRANSPORT as transport } from '#runtime';

/** `node`, `bun`, `deno`, `workerd`, `edge-light` or `web`. */
export const RUNTIME_NAME: string = name;
/** `node:http` or `fetch`. */
export const TRANSPORT: 'node:http' | 'fetch' = transport;
