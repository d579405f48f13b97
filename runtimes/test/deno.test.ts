// Deno runs the scenarios from runtimes/: its package.json makes Deno resolve npm packages from
// the node_modules pnpm installed (no download, no deno.json needed).
import { denoBinary } from '../src/binaries.mjs';
import { childEnv, parseResult, run, runtimeSuite } from './harness.js';

runtimeSuite({
  id: 'deno',
  label: 'Deno',
  kind: 'process',
  runtimeName: 'deno',
  async version() {
    const out = await run(denoBinary(), ['--version']);
    return /deno (\S+)/.exec(out.stdout)?.[1] ?? 'unknown';
  },
  async start(fx) {
    const env = childEnv({ ...fx.env, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' });
    const out = await run(
      denoBinary(),
      ['run', '--allow-net', '--allow-read', '--allow-env', 'src/entries/deno.mjs'],
      { env },
    );
    return { result: parseResult(out) };
  },
});
