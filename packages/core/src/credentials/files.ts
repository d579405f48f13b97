/** The file system as credential providers see it: absent on Workers, edge functions, browsers. */
import { files, RUNTIME_NAME } from '#runtime';
import { CredentialsError } from '../errors/transport.js';
import type { FileAccess } from '../runtime/contract.js';

/** The runtime's file access, or a CredentialsError naming what needed it. */
export function fileAccess(what: string): FileAccess {
  if (files) return files;
  throw new CredentialsError(
    `${what} needs a file system, which this runtime (${RUNTIME_NAME}) does not have: pass credentials to the client, or environment bindings through its env option`,
  );
}

/** The file access where there is one (synchronous region lookups just find nothing without). */
export const maybeFiles = (): FileAccess | undefined => files;
