import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The call path again, with `#runtime` resolved to the fetch + Web Crypto implementation that
// Workers, edge functions and browsers get (Node has fetch and crypto.subtle too). The files
// excluded are about Node-only parts; they run in vitest.config.ts.
export default defineConfig({
  resolve: {
    alias: { '#runtime': fileURLToPath(new URL('./src/runtime/web/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Node-only subjects: agents and proxies, files (profile, tccli, OIDC token), the built
    // package's files, the synchronous signer cross-checks, and node:http error wording.
    exclude: [
      'test/bundle-size.test.ts',
      'test/call-by-name.test.ts',
      'test/diagnostics.test.ts',
      'test/dual-package.test.ts',
      'test/failover.test.ts',
      'test/lazy-load.test.ts',
      'test/production.test.ts',
      'test/proxy.test.ts',
      'test/signer.test.ts',
      'test/runtime/hmac.test.ts',
      'test/credentials/chain.test.ts',
      'test/credentials/profile.test.ts',
      'test/credentials/sts.test.ts',
      'test/credentials/tccli.test.ts',
    ],
    testTimeout: 20_000,
  },
});
