// The README table from results.json: one row per runtime, failures marked, never hidden.
import { describe, expect, it } from 'vitest';
import { renderTable, withTable } from '../src/table.mjs';

const entry = (id: string, passed: boolean, extra: Record<string, unknown> = {}) => ({
  id,
  label: id.toUpperCase(),
  version: '1.2.3',
  transport: { transport: 'fetch' },
  credentials: ['explicit keys', 'STS AssumeRole'],
  tests: { 'signed call': 'passed', 'SSE stream, break closes it': passed ? 'passed' : 'failed' },
  passed,
  ...extra,
});

describe('renderTable', () => {
  it('prints one aligned row per runtime with version, transport and credentials', () => {
    const lines = renderTable({ runtimes: [entry('bun', true), entry('deno', true)] }).split('\n');
    expect(lines[0]).toMatch(
      /^\| Runtime +\| Version tested \| Transport \| Credentials available +\|$/,
    );
    expect(lines[1]).toMatch(/^\| -+ \| -+ \| -+ \| -+ \|$/);
    expect(lines[2]).toMatch(/^\| BUN +\| 1\.2\.3 +\| fetch +\| explicit keys, STS AssumeRole \|$/);
    expect(new Set(lines.slice(0, 4).map((l) => l.length)).size).toBe(1);
    expect(lines).toHaveLength(4);
  });

  it('marks a runtime that did not pass and names its failing tests', () => {
    const text = renderTable({ runtimes: [entry('workerd', false)] });
    expect(text).toContain('| WORKERD ¹');
    expect(text).toContain('¹ WORKERD: not passing yet (1 of 2: SSE stream, break closes it).');
  });

  it('says why a runtime that could not start has no results', () => {
    const text = renderTable({
      runtimes: [
        {
          id: 'edge-light',
          version: 'edge-runtime 4.0.1',
          error: 'Node built-in "node:fs" imported by core',
          tests: { 'signed call': 'failed' },
          passed: false,
        },
      ],
    });
    expect(text).toContain('| edge-light ¹ | edge-runtime 4.0.1 | —         | —');
    expect(text).toContain('(all 1 tests): Node built-in "node:fs" imported by core.');
  });

  it('adds the Node suites counts under the table, one line for equal counts', () => {
    const suites = {
      core: { passed: 350, failed: 0, total: 350 },
      'core-web': { passed: 251, failed: 0, total: 252 },
    };
    const text = renderTable({
      runtimes: [
        entry('node22', true, { suites }),
        entry('node24', true, { suites }),
        entry('node26', true, { suites: { core: { passed: 349, failed: 1, total: 350 } } }),
      ],
    });
    expect(text).toContain(
      "NODE22, NODE24 also ran core's suites and cvm's smoke tests: core 350/350, core-web 251/252 (1 skipped).",
    );
    expect(text).toContain("NODE26 also ran core's suites and cvm's smoke tests: core 349/350.");
  });
});

describe('withTable', () => {
  const readme =
    'intro\n<!-- runtimes-table:begin (generated) -->\n\nold table\n\n<!-- runtimes-table:end -->\nrest\n';

  it('replaces only what is between the markers', () => {
    expect(withTable(readme, '| new |')).toBe(
      'intro\n<!-- runtimes-table:begin (generated) -->\n\n| new |\n\n<!-- runtimes-table:end -->\nrest\n',
    );
  });

  it('refuses a README without the markers', () => {
    expect(() => withTable('no markers here', '| t |')).toThrow(/markers not found/);
  });
});
