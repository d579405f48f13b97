// Deno entry: `deno run --allow-net --allow-read --allow-env src/entries/deno.mjs` from runtimes/,
// whose package.json makes Deno resolve npm packages from the existing node_modules.
import { configFromEnv, RESULT_PREFIX, runScenarios } from '../scenarios/scenarios.mjs';

const result = await runScenarios(configFromEnv(Deno.env.toObject()), {
  name: 'deno',
  version: Deno.version.deno,
});
console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
Deno.exit(0);
