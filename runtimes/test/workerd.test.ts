// Cloudflare Workers: the scenarios bundled as a Worker for the workerd condition (no Node
// built-ins, no nodejs_compat), run by workerd through Miniflare; bindings carry the config.
import { Miniflare } from 'miniflare';
import { expect, it } from 'vitest';
import { packageVersion, workerd } from '../src/binaries.mjs';
import { bundleFor } from '../src/bundle.mjs';
import { type RunResult, run, runtimeSuite } from './harness.js';

runtimeSuite({
  id: 'workerd',
  label: 'Cloudflare Workers (workerd)',
  kind: 'edge',
  runtimeName: 'workerd',
  transport: 'fetch',
  async version() {
    const w = await workerd();
    const printed = (await run(w.binary, ['--version'])).stdout.trim();
    return `${printed} (npm workerd ${w.version}, miniflare ${packageVersion('miniflare')})`;
  },
  async start(fx) {
    const w = await workerd();
    const bundle = await bundleFor('workerd', 'src/entries/worker.mjs');
    const mf = new Miniflare({
      modules: true,
      script: bundle.code,
      bindings: fx.env,
      compatibilityDate: w.compatibilityDate,
    });
    try {
      const res = await mf.dispatchFetch('http://runtimes.test/');
      const text = await res.text();
      if (!res.ok) throw new Error(`worker answered ${res.status}: ${text.slice(0, 2000)}`);
      return {
        result: JSON.parse(text) as RunResult,
        notes: { compatibilityDate: w.compatibilityDate },
      };
    } finally {
      await mf.dispose();
    }
  },
  extra() {
    it('bundles for workerd from the built packages, with no Node built-in', async () => {
      const bundle = await bundleFor('workerd', 'src/entries/worker.mjs');
      expect(bundle.inputs.some((f) => f.includes('cvm/dist/esm/'))).toBe(true);
      expect(bundle.inputs.some((f) => f.includes('hunyuan/dist/esm/'))).toBe(true);
      expect(bundle.inputs.filter((f) => f.startsWith('node:'))).toEqual([]);
    });
  },
});
