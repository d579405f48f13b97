// Deno runs the scenarios from runtimes/: its package.json makes Deno resolve npm packages from
// the node_modules pnpm installed (no download, no deno.json needed).
import { denoBinary } from '../src/binaries.mjs';
import { childEnv, parseResult, run, runtimeSuite } from './harness.js';

runtimeSuite({
  id: 'deno',
  label: 'Deno',
  kind: 'process',
  async start(fx) {
    const deno = denoBinary();
    const version = /deno (\S+)/.exec((await run(deno, ['--version'])).stdout)?.[1] ?? 'unknown';
    const env = childEnv({ ...fx.env, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' });
    const out = await run(
      deno,
      ['run', '--allow-net', '--allow-read', '--allow-env', 'src/entries/deno.mjs'],
      { env },
    );
    return { result: parseResult(out), info: { id: 'deno', label: 'Deno', version } };
  },
});
