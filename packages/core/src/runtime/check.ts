/** Compile-time proof that every runtime folder implements the whole contract (no code). */
import type * as bun from './bun/index.js';
import type { Runtime } from './contract.js';
import type * as deno from './deno/index.js';
import type * as node from './node/index.js';
import type * as web from './web/index.js';

type Implements<T extends Runtime> = T;
export type RuntimeImplementations = [
  Implements<typeof node>,
  Implements<typeof bun>,
  Implements<typeof deno>,
  Implements<typeof web>,
];
