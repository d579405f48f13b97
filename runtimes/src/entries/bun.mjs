// Bun entry: `bun src/entries/bun.mjs`; Bun resolves @scope/* from node_modules as Node does.
import { configFromEnv, RESULT_PREFIX, runScenarios } from '../scenarios/scenarios.mjs';

const result = await runScenarios(configFromEnv(process.env), {
  name: 'bun',
  version: Bun.version,
});
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
process.exit(0);
