// require() of the packages on every runtime that has it: the JavaScript ships once, as ES
// modules, and the CommonJS entry points require() them (Node 20.19+/22.12+, Bun).
import { describe, expect, it } from 'vitest';
import { bunBinary, NODE_ALIASES, nodeBinary } from '../src/binaries.mjs';
import { run } from './harness.js';

const runtimes: [label: string, binary: () => string, name: string][] = [
  ['Node (host)', () => process.execPath, 'node'],
  ...NODE_ALIASES.map((a): [string, () => string, string] => [
    `Node ${a.slice(4)}`,
    () => nodeBinary(a),
    'node',
  ]),
  ['Bun', bunBinary, 'bun'],
];

describe('require() from CommonJS', () => {
  for (const [label, binary, name] of runtimes)
    it(`${label}: loads the ES modules once, with its own runtime implementation`, async () => {
      const out = await run(binary(), ['src/entries/require.cjs']);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stderr).not.toMatch(/ExperimentalWarning/);
      expect(JSON.parse(out.stdout.trim())).toEqual({
        runtime: name,
        clientIsCore: true,
        sameClass: true,
        hasMethod: 'function',
      });
    });
});
