import { defineConfig } from 'vitest/config';

// One long, sequential scenario: a registry process, a copied workspace, real installs.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
