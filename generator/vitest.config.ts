import { defineConfig } from 'vitest/config';

// Generation tests read real spec files and spawn the CLI; on a busy CI runner they need more
// than vitest's 5 s default (nothing here is a timing assertion).
export default defineConfig({
  test: {
    // not the smoke tests of packages generated into .out/ by the tests themselves
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
