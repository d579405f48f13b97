// Bun runs the scenarios as a script that imports the built packages from node_modules.
import { bunBinary } from '../src/binaries.mjs';
import { childEnv, parseResult, run, runtimeSuite } from './harness.js';

runtimeSuite({
  id: 'bun',
  label: 'Bun',
  kind: 'process',
  async start(fx) {
    const bun = bunBinary();
    const version = (await run(bun, ['--version'])).stdout.trim();
    const out = await run(bun, ['src/entries/bun.mjs'], { env: childEnv(fx.env) });
    return { result: parseResult(out), info: { id: 'bun', label: 'Bun', version } };
  },
});
