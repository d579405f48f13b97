// The one vitest run over the tests of many generated packages (src/smoke.mjs sets the list).
// Each file runs as in its own package: no config there, so vitest's defaults apply.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const files = (process.env.TC_CATALOGUE_TESTS ?? '').split('\n').filter(Boolean);

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: files.length > 0 ? files : ['packages/*/test/smoke.test.ts'],
    maxWorkers: availableParallelism(),
    passWithNoTests: false,
  },
});
