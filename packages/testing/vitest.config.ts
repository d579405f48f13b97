import { defineConfig } from 'vitest/config';

// The catalogue tests read all 296 specs; on a 2-core CI runner shared with other
// packages' tests they need far more than the default (nothing here asserts a duration).
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
