// The README check itself: what it extracts, how it maps errors back to README lines, and that
// a wrong example fails it (so a green run means the examples compile and run).
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runProgram, typecheck, writePrograms } from '../src/check.js';
import { extractBlocks, readmeLine, toPrograms } from '../src/readmes.js';
import { PKG_DIR, ROOT } from '../src/workspace.js';

const md = (...lines: string[]) => lines.join('\n');

describe('extractBlocks', () => {
  it('takes ts and typescript fences with their first code line, and nothing else', () => {
    const text = md(
      '# T', //  1
      '```sh', // 2
      'npm test', // 3
      '```', // 4
      '```ts', // 5
      'const a = 1;', // 6
      '```', // 7
      '~~~typescript runnable', // 8
      'const b = 2;', // 9
      '~~~', // 10
      '````md', // 11
      '```ts', // 12: inside a longer fence, not a block
      'nope', // 13
      '```', // 14
      '````', // 15
    );
    const blocks = extractBlocks(text, 'R.md');
    expect(blocks.map((b) => [b.line, b.code, b.runnable])).toEqual([
      [6, 'const a = 1;', false],
      [9, 'const b = 2;', true],
    ]);
  });

  it('rejects unknown markers and fragments without a reason', () => {
    expect(() => extractBlocks('```ts runable\nx\n```', 'R.md')).toThrow(
      /R\.md:1: unknown marker "runable"/,
    );
    expect(() => extractBlocks('```ts fragment\nx\n```', 'R.md')).toThrow(/needs a reason/);
    expect(extractBlocks('```ts fragment: shows a shape\nx\n```', 'R.md')[0]?.fragment).toBe(
      'shows a shape',
    );
  });

  it('joins continued blocks to the program before them and leaves fragments out', () => {
    const blocks = extractBlocks(
      md(
        '```ts',
        'const a = 1;',
        '```',
        'text',
        '```ts fragment: why',
        'zz',
        '```',
        '```ts continued runnable',
        'a;',
        '```',
      ),
      'R.md',
    );
    const [p, ...rest] = toPrograms(blocks);
    expect(rest).toEqual([]);
    expect(p?.code).toBe('const a = 1;\na;');
    expect(p?.runnable).toBe(true);
    expect([1, 2].map((l) => (p ? readmeLine(p, l) : 0))).toEqual([2, 9]);
    expect(() => toPrograms(extractBlocks('```ts continued\nx\n```', 'R.md'))).toThrow(
      /needs a TypeScript block before it/,
    );
  });

  it('maps every program line back to the README line it was taken from', () => {
    const line = fc.stringMatching(/^[a-z ;()=0-9]{0,12}$/);
    const block = fc.record({
      prose: fc.array(line, { maxLength: 3 }),
      code: fc.array(line, { minLength: 1, maxLength: 5 }),
      continued: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 6 }), (spec) => {
        const lines: string[] = [];
        spec.forEach((b, i) => {
          lines.push(
            ...b.prose.map((p) => `> ${p}`),
            `\`\`\`ts${i > 0 && b.continued ? ' continued' : ''}`,
          );
          lines.push(...b.code, '```');
        });
        for (const p of toPrograms(extractBlocks(lines.join('\n'), 'R.md')))
          p.code.split('\n').forEach((text, i) => {
            expect(lines[readmeLine(p, i + 1) - 1]).toBe(text);
          });
      }),
    );
  });
});

describe('the check on examples that are wrong', () => {
  const dir = join(PKG_DIR, '.tmp', 'self-test');
  const blocks = extractBlocks(
    md(
      '```ts',
      "import { createCvmClient, describeInstances } from '@scope/cvm';",
      "const out = await describeInstances(createCvmClient({ region: 'ap-guangzhou' }), {});",
      'const n: string = out.TotalCount;', // line 4: a number is not a string
      '```',
      '```ts',
      "import { NoSuchThing } from '@scope/core';", // line 7: not exported
      'console.log(NoSuchThing);',
      '```',
      '```ts runnable',
      "throw new Error('example failed');",
      '```',
    ),
    'BAD.md',
  );
  const written = writePrograms(toPrograms(blocks), dir);

  it('reports type errors at their README line, against the built packages', async () => {
    const found = await typecheck(written, dir);
    const all = [...found.values()].flat();
    expect(all.some((d) => d.startsWith('BAD.md:4:') && d.includes('TS2322'))).toBe(true);
    expect(all.some((d) => d.startsWith('BAD.md:7:') && d.includes('NoSuchThing'))).toBe(true);
    expect(found.get(written[2]!)).toEqual([]);
  });

  it('fails a runnable example that throws', async () => {
    const r = await runProgram(written[2]!, dir, ROOT, { PATH: process.env.PATH });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('example failed');
  });
});
