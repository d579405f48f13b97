/**
 * TypeScript blocks of the READMEs, turned into programs to type-check and run.
 *
 * A block is a fence whose language is `ts` (or `typescript`). Words after the language say
 * what the test does with it:
 * - none: a whole program (a module; top-level await allowed), type-checked strictly;
 * - `runnable`: also run, against the emulator (see api-proxy.ts);
 * - `continued`: goes on from the previous TypeScript block of the same README, with which it
 *   forms one program (names declared there are in scope);
 * - `fragment: <reason>`: not a program; skipped, and the reason is required.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, workspacePackages } from './workspace.js';

export interface Block {
  /** README path relative to the workspace root. */
  file: string;
  /** 1-based line of the block's first code line in the README. */
  line: number;
  code: string;
  runnable: boolean;
  continued: boolean;
  /** Set for `fragment` blocks: why the block is not checked. */
  fragment?: string;
}

export interface Program {
  file: string;
  /** README line of the first block; identifies the program in test names. */
  line: number;
  blocks: Block[];
  runnable: boolean;
  code: string;
}

const MARKERS = new Set(['runnable', 'continued']);

/** The root README and the README of every workspace package, relative to the root. */
export function readmeFiles(root = ROOT): string[] {
  const files = ['README.md', ...workspacePackages(root).map((p) => `${p.dir}/README.md`)];
  return files.filter((f) => existsSync(join(root, f)));
}

/** The TypeScript blocks of one README; throws on a marker it does not know. */
export function extractBlocks(text: string, file: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '', lang = '', meta = ''] = open;
    const closing = new RegExp(`^ {0,3}${fence[0] === '~' ? '~' : '`'}{${fence.length},}\\s*$`);
    const end = lines.findIndex((l, j) => j > i && closing.test(l));
    const close = end === -1 ? lines.length : end;
    if (lang === 'ts' || lang === 'typescript') {
      const code = lines
        .slice(i + 1, close)
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()))
        .join('\n');
      blocks.push({ file, line: i + 2, code, ...parseMeta(meta.trim(), `${file}:${i + 1}`) });
    }
    i = close;
  }
  return blocks;
}

function parseMeta(meta: string, where: string): Omit<Block, 'file' | 'line' | 'code'> {
  const fragment = /^fragment\b:?\s*(.*)$/.exec(meta);
  if (fragment) {
    if (!fragment[1])
      throw new Error(`${where}: a fragment block needs a reason: \`\`\`ts fragment: <why>`);
    return { runnable: false, continued: false, fragment: fragment[1] };
  }
  const words = meta ? meta.split(/\s+/) : [];
  for (const w of words)
    if (!MARKERS.has(w))
      throw new Error(
        `${where}: unknown marker "${w}" after \`\`\`ts (known: runnable, continued, fragment: <reason>)`,
      );
  return { runnable: words.includes('runnable'), continued: words.includes('continued') };
}

/** Joins `continued` blocks to the program before them; fragments are left out. */
export function toPrograms(blocks: readonly Block[]): Program[] {
  const programs: Program[] = [];
  for (const b of blocks) {
    if (b.fragment !== undefined) continue;
    const last = programs.at(-1);
    if (b.continued) {
      if (!last || last.file !== b.file)
        throw new Error(
          `${b.file}:${b.line - 1}: a continued block needs a TypeScript block before it`,
        );
      last.blocks.push(b);
      last.runnable ||= b.runnable;
      last.code += `\n${b.code}`;
    } else {
      programs.push({
        file: b.file,
        line: b.line,
        blocks: [b],
        runnable: b.runnable,
        code: b.code,
      });
    }
  }
  return programs;
}

/** Maps a 1-based line of a program to the README line it came from. */
export function readmeLine(p: Program, programLine: number): number {
  let start = 1;
  for (const b of p.blocks) {
    const count = b.code.split('\n').length;
    if (programLine < start + count) return b.line + (programLine - start);
    start += count;
  }
  return p.blocks.at(-1)?.line ?? p.line;
}

/** Every block of every README, read from disk. */
export function allBlocks(root = ROOT): Block[] {
  return readmeFiles(root).flatMap((f) => extractBlocks(readFileSync(join(root, f), 'utf8'), f));
}
