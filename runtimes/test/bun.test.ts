// Bun runs the scenarios as a script that imports the built packages from node_modules.
import { bunBinary } from '../src/binaries.mjs';
import { childEnv, parseResult, run, runtimeSuite } from './harness.js';

runtimeSuite({
  id: 'bun',
  label: 'Bun',
  kind: 'process',
  runtimeName: 'bun',
  async version() {
    return (await run(bunBinary(), ['--version'])).stdout.trim();
  },
  async start(fx) {
    const out = await run(bunBinary(), ['src/entries/bun.mjs'], { env: childEnv(fx.env) });
    return { result: parseResult(out) };
  },
});
