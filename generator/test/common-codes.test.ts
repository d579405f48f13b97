// Core owns the common error codes; the generator reads them from core's registry. Any of them
// may appear in actionErrors without being declared, and none lands in a service's own registry.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMMON_ERRORS } from '@scope/core';
import { expect, it } from 'vitest';
import { copyFixtures, editJson, gen, tempDir } from './helpers.js';

it("accepts core's common codes undeclared and leaves them out of the service registry", async () => {
  const specs = copyFixtures();
  const common = Object.keys(COMMON_ERRORS);
  editJson(path.join(specs, 'demo/v20210101/errors.json'), (j) => {
    j.actionErrors.DescribeWidgets = [...j.actionErrors.DescribeWidgets, ...common];
  });
  const out = tempDir('out');
  const result = await gen(specs, out);
  expect(result.problems).toEqual([]);

  const errorsTs = readFileSync(path.join(out, 'demo/src/v20210101/errors.ts'), 'utf8');
  expect(errorsTs).toContain("'InvalidWidgetId.Malformed': "); // the service's own code is registered
  for (const code of common) expect(errorsTs).not.toContain(`'${code}': `);
});
