// Vercel edge-runtime entry (bundled as a script for edge-light): a fetch event listener; the
// test posts the configuration (the variables a deployment would set) as the request body.
import { configFromEnv, runScenarios } from '../scenarios/scenarios.mjs';

addEventListener('fetch', (event) => {
  event.respondWith(
    (async () => {
      const env = await event.request.json();
      const version = typeof EdgeRuntime === 'string' ? EdgeRuntime : 'unknown';
      return Response.json(await runScenarios(configFromEnv(env), { name: 'edge-light', version }));
    })(),
  );
});
