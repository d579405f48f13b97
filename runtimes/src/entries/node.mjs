// Node entry (node22/24/26): the scenarios with the emulator from the environment; one JSON line.
import { configFromEnv, RESULT_PREFIX, runScenarios } from '../scenarios/scenarios.mjs';

const result = await runScenarios(configFromEnv(process.env), {
  name: 'node',
  version: process.version,
});
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
process.exit(0);
