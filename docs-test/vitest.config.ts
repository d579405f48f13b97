import { defineConfig } from 'vitest/config';

// Each test file spawns tsc, node or a bundler; on 2 cores, one file at a time is faster.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
