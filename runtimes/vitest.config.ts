import { defineConfig } from 'vitest/config';

// Each file starts one runtime (or a Node test suite) in a child process, next to its own
// emulator; two files at a time on 2 cores. The reporter writes results.json.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    reporters: ['default', './test/results-reporter.ts'],
  },
});
