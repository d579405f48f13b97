/**
 * What core needs from the JavaScript runtime, in one place: one HTTP exchange, hashing and
 * HMAC, the environment and (where there is one) the file system. Each folder beside this file
 * implements it for one runtime; `#runtime` (package.json `imports`) picks the folder through
 * the exports conditions (`deno`, `bun`, `node`, `workerd`, `edge-light`, `browser`,
 * `default`), so nothing is detected at run time and a bundle holds one implementation only.
 *
 * `check.ts` makes the type checker prove that every implementation has this shape.
 */
import type { RawResponse } from '../protocol/envelope.js';
import type { Tc3Canonical, Tc3Parts, Tc3SignInput } from '../signer/tc3.js';

/** An HTTP agent (node:http `Agent`); only the Node transport uses one. */
export type HttpAgent = import('node:http').Agent;

export interface HttpRequest {
  readonly url: URL;
  readonly method: 'GET' | 'POST';
  /** Path with query string, e.g. `/` or `/?Limit=1`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | undefined;
  /** Attempt timeout: for `send`, until the whole body is read; for `open`, until headers. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  readonly agent?: HttpAgent | undefined;
  /** Largest body read; default 64 MiB. */
  readonly maxResponseBytes?: number | undefined;
  /** `<service> <Action>`, for error messages. */
  readonly label?: string | undefined;
  /** The user wrote the endpoint without a scheme, so https was assumed. */
  readonly assumedHttps?: boolean | undefined;
}

/** A body read chunk by chunk; `destroy()` closes the connection. */
export type BodyStream = AsyncIterable<Uint8Array | string> & { destroy(error?: Error): unknown };

/** A response whose head has arrived and whose body is still to be read. */
export interface OpenResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: BodyStream;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Environment variables as a record (`process.env`, `Deno.env`, or nothing). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Reading files, where the runtime has a file system. */
export interface FileAccess {
  readText(path: string): Promise<string>;
  readTextSync(path: string): string;
  /** The user's home directory, or undefined when unknown. */
  homeDir(): string | undefined;
  joinPath(...parts: string[]): string;
}

export interface Runtime {
  /** `node`, `bun`, `deno`, `workerd`, `edge-light`, `browser` or `web` (anything else). */
  readonly RUNTIME_NAME: string;
  /** `node/22.12.0`, `bun/1.4.5`, ...: the end of the User-Agent. */
  readonly RUNTIME_AGENT: string;
  /** `node:http` or `fetch`. */
  readonly TRANSPORT: 'node:http' | 'fetch';
  /** Whether the `agent` and `proxy` options mean anything here. */
  readonly SUPPORTS_AGENT: boolean;

  /** Sends the request and reads the whole answer (timeout and size cap included). */
  sendHttp(req: HttpRequest): Promise<RawResponse>;
  /** Sends the request and resolves once the head arrived. */
  openHttp(req: HttpRequest): Promise<OpenResponse>;
  /** The rest of an opened body, within what is left of `timeoutMs` since `startedAt`. */
  readRest(res: OpenResponse, req: HttpRequest, startedAt: number): Promise<Uint8Array>;

  /** UTF-8 bytes of a string (Buffer on Node: 5x faster than TextEncoder there). */
  utf8Bytes(text: string): Uint8Array;
  /** TC3 values, synchronously; throws `ConfigurationError` where hashing is async only. */
  tc3Parts(input: Tc3SignInput): Tc3Parts;
  tc3PartsAsync(input: Tc3SignInput): Promise<Tc3Parts>;
  /** `tc3Authorization`, synchronously; throws `ConfigurationError` where hashing is async only. */
  tc3AuthorizationSync(input: Tc3SignInput): string;
  /** The signature the call path sends: synchronous where the runtime allows it. */
  tc3Authorization(input: Tc3SignInput): string | Promise<string>;
  tc3CanonicalOf(input: Omit<Tc3SignInput, 'secretId' | 'secretKey'>): Promise<Tc3Canonical>;
  /** Synchronous form; throws `ConfigurationError` where hashing is async only. */
  tc3CanonicalSync(input: Omit<Tc3SignInput, 'secretId' | 'secretKey'>): Tc3Canonical;
  /** base64 HMAC for the legacy signature methods. */
  hmacBase64(algorithm: 'sha1' | 'sha256', key: string, data: string): string | Promise<string>;

  /** The process environment, or an empty record where there is none. */
  processEnv(): Env;
  /** Undefined where the runtime has no file system (Workers, edge functions, browsers). */
  readonly files: FileAccess | undefined;
  /** Proxy tunnelling agent for `url`, where agents exist (Node). */
  proxyAgentFor:
    | ((url: URL, proxy: string | URL | undefined) => Promise<HttpAgent | undefined>)
    | undefined;
}
