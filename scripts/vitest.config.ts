import { defineConfig } from 'vitest/config';

// These tests read the built catalogue (turbo runs this package's build first) and spawn tsc
// and npm; one file at a time on 2 cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
