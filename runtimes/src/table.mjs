// Prints the README's "Runtimes" table (markdown) from results.json, which the runtimes test
// run writes: `node src/table.mjs [results.json]`; `--write` puts it in the root README between
// its markers, `--check` (the end of `test`) fails when the README shows something else. A runtime whose suite did not pass is listed
// under the table with its failing tests, never shown as supported.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {{
 *   id: string, label?: string, version?: string, error?: string,
 *   transport?: { transport: string }, credentials?: string[],
 *   tests?: Record<string, string>, passed?: boolean,
 *   suites?: Record<string, { passed: number, failed?: number, total: number }>,
 * }} Entry
 */

/** @param {{ runtimes: Entry[] }} results @returns {string} */
export function renderTable(results) {
  const header = ['Runtime', 'Version tested', 'Transport', 'Credentials available'];
  /** @type {string[][]} */
  const rows = [];
  /** @type {string[]} */
  const notes = [];
  /** @type {Map<string, string[]>} */
  const suiteRuns = new Map();
  for (const r of results.runtimes) {
    const name = r.label ?? r.id;
    const credentials = (r.credentials ?? []).join(', ') || '—';
    rows.push([
      `${name}${r.passed ? '' : ' ¹'}`,
      r.version ?? '—',
      r.transport?.transport ?? '—',
      credentials,
    ]);
    if (!r.passed) {
      const failing = Object.entries(r.tests ?? {})
        .filter(([, state]) => state !== 'passed')
        .map(([test]) => test);
      const total = Object.keys(r.tests ?? {}).length;
      const which =
        failing.length === total
          ? `all ${total} tests`
          : `${failing.length} of ${total}: ${failing.join('; ')}`;
      notes.push(`¹ ${name}: not passing yet (${which})${r.error ? `: ${r.error}` : ''}.`);
    }
    if (r.suites) {
      const counts = Object.entries(r.suites).map(([k, v]) => {
        const skipped = v.total - v.passed - (v.failed ?? 0);
        return `${k} ${v.passed}/${v.total}${skipped > 0 ? ` (${skipped} skipped)` : ''}`;
      });
      const key = counts.join(', ');
      suiteRuns.set(key, [...(suiteRuns.get(key) ?? []), name]);
    }
  }
  // Runtimes whose suites gave the same counts share one line.
  for (const [counts, names] of suiteRuns)
    notes.push(`${names.join(', ')} also ran core's suites and cvm's smoke tests: ${counts}.`);
  return [...aligned(header, rows), ...notes.flatMap((n) => ['', n])].join('\n');
}

/** Markdown rows padded to each column's width, as the repository's formatter writes them. */
function aligned(header, rows) {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)];
}

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const BEGIN = /<!-- runtimes-table:begin[^>]*-->\n/;
const END = '<!-- runtimes-table:end -->';

/** The README with its table section replaced by `table` (which must be between the markers). */
export function withTable(readme, table) {
  const begin = BEGIN.exec(readme);
  const end = readme.indexOf(END);
  if (!begin || end < begin.index) throw new Error('README.md: runtimes-table markers not found');
  const from = begin.index + begin[0].length;
  return `${readme.slice(0, from)}\n${table}\n\n${readme.slice(end)}`;
}

/**
 * What the check compares: the rows and the notes on failing runtimes; not the test counts
 * line, which moves with every test added to core.
 */
const compared = (text) =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '' && !/ also ran core's suites /.test(l))
    .join('\n');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const file =
    args.find((a) => !a.startsWith('--')) ??
    fileURLToPath(new URL('../results.json', import.meta.url));
  const table = renderTable(JSON.parse(readFileSync(file, 'utf8')));
  if (args.includes('--write') || args.includes('--check')) {
    const readme = readFileSync(README, 'utf8');
    const updated = withTable(readme, table);
    if (args.includes('--write')) writeFileSync(README, updated);
    else if (compared(updated) !== compared(readme)) {
      process.stderr.write(
        `README.md's Runtimes table is not what this run recorded (runtimes/results.json). This run:\n\n${table}\n\nUpdate it with: pnpm --filter @tc-sdk/runtimes table --write\n`,
      );
      process.exit(1);
    }
  } else process.stdout.write(`${table}\n`);
}
