import { defineConfig } from 'vitest/config';

// The parts spawn processes and servers of their own: run the files one at a time.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 180_000, fileParallelism: false },
});
