/**
 * The public signing functions. The synchronous ones need node:crypto (Node, Bun, Deno); the
 * `Async` ones work on every runtime (Web Crypto on Workers, edge functions and browsers).
 */
import {
  tc3AuthorizationSync,
  tc3CanonicalOf,
  tc3CanonicalSync,
  tc3Parts,
  tc3PartsAsync,
} from '#runtime';
import {
  type Tc3Canonical,
  type Tc3Signature,
  type Tc3SignInput,
  tc3Authorization,
  tc3Signature,
} from './tc3.js';

/** The Authorization header value for a request (node:crypto: no intermediate objects). */
export function signTc3(input: Tc3SignInput): string {
  return tc3AuthorizationSync(input);
}

/** Signs a request and returns every intermediate value (the emulator verifies with them). */
export function signTc3Details(input: Tc3SignInput): Tc3Signature {
  return tc3Signature(input.secretId, tc3Parts(input));
}

/** The canonical request and string to sign of a request (no secret involved). */
export function tc3Canonical(input: Omit<Tc3SignInput, 'secretId' | 'secretKey'>): Tc3Canonical {
  return tc3CanonicalSync(input);
}

/** `signTc3` on any runtime. */
export async function signTc3Async(input: Tc3SignInput): Promise<string> {
  const p = await tc3PartsAsync(input);
  return tc3Authorization(input.secretId, p.credentialScope, p.signature);
}

/** `signTc3Details` on any runtime. */
export async function signTc3DetailsAsync(input: Tc3SignInput): Promise<Tc3Signature> {
  return tc3Signature(input.secretId, await tc3PartsAsync(input));
}

/** `tc3Canonical` on any runtime. */
export function tc3CanonicalAsync(
  input: Omit<Tc3SignInput, 'secretId' | 'secretKey'>,
): Promise<Tc3Canonical> {
  return tc3CanonicalOf(input);
}
