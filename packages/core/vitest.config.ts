import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `#runtime` resolves through package.json `imports` to dist/ for users; the tests run the
// sources: Node's runtime here, the fetch/Web Crypto one in vitest.web.config.ts.
export default defineConfig({
  resolve: {
    alias: { '#runtime': fileURLToPath(new URL('./src/runtime/node/index.ts', import.meta.url)) },
  },
  test: { include: ['test/**/*.test.ts'], exclude: ['test/web/**'], testTimeout: 20_000 },
});
