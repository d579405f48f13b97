// Cloudflare Workers entry (bundled for workerd, run by Miniflare): the emulator's URL and the
// keys arrive as bindings, which is how a Worker gets its configuration.
import { configFromEnv, runScenarios } from '../scenarios/scenarios.mjs';

export default {
  async fetch(_request, env) {
    const version = typeof navigator === 'undefined' ? 'unknown' : navigator.userAgent;
    return Response.json(await runScenarios(configFromEnv(env), { name: 'workerd', version }));
  },
};
