// Vercel's edge runtime (edge-runtime, the VM behind `vercel dev` and Next.js middleware): the
// scenarios bundled as a script for the edge-light condition, no Node built-ins.
import { EdgeRuntime } from 'edge-runtime';
import { expect, it } from 'vitest';
import { packageVersion } from '../src/binaries.mjs';
import { bundleFor } from '../src/bundle.mjs';
import { type RunResult, runtimeSuite } from './harness.js';

runtimeSuite({
  id: 'edge-light',
  label: 'Vercel Edge (edge-runtime)',
  kind: 'edge',
  runtimeName: 'edge-light',
  transport: 'fetch',
  async version() {
    return `edge-runtime ${packageVersion('edge-runtime')}`;
  },
  async start(fx) {
    const bundle = await bundleFor('edge-light', 'src/entries/edge.mjs');
    const runtime = new EdgeRuntime({ initialCode: bundle.code });
    const res = await runtime.dispatchFetch('http://runtimes.test/', {
      method: 'POST',
      body: JSON.stringify(fx.env),
    });
    const text = await res.text();
    await res.waitUntil();
    if (res.status !== 200) throw new Error(`edge function answered ${res.status}: ${text}`);
    return { result: JSON.parse(text) as RunResult };
  },
  extra() {
    it('bundles for edge-light from the built packages, with no Node built-in', async () => {
      const bundle = await bundleFor('edge-light', 'src/entries/edge.mjs');
      expect(bundle.inputs.some((f) => f.includes('cvm/dist/esm/'))).toBe(true);
      expect(bundle.inputs.filter((f) => f.startsWith('node:'))).toEqual([]);
    });
  },
});
