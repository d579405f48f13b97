/** File access through node:fs (also what Bun and Deno implement), loaded on first use. */
import type { FileAccess } from '../contract.js';

// getBuiltinModule is synchronous and cached: clients that never read a file load nothing.
const fs = () => process.getBuiltinModule('node:fs');
const os = () => process.getBuiltinModule('node:os');
const path = () => process.getBuiltinModule('node:path');

export const nodeFiles: FileAccess = {
  readText: (p) => fs().promises.readFile(p, 'utf8'),
  readTextSync: (p) => fs().readFileSync(p, 'utf8'),
  homeDir: () => {
    try {
      return os().homedir() || undefined;
    } catch {
      return undefined;
    }
  },
  joinPath: (...parts) => path().join(...parts),
};
