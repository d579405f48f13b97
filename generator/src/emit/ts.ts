// The one way TypeScript files are produced: ts-morph's CodeBlockWriter (the code-block-writer
// package ts-morph writes with), one writer per file. ts-morph's createSourceFile(path, writer)
// returned this very text after parsing it into a TypeScript AST nobody read; the writer alone
// gives the same bytes without loading TypeScript (~0.5 s) or parsing each file
// (see /work/shared/notes/generation-performance.md).
import CodeBlockWriter from 'code-block-writer';
import { GENERATED_HEADER } from '../config.js';

export type { CodeBlockWriter };
export type Writer = (w: CodeBlockWriter) => void;

/** The settings ts-morph's Project used: two spaces, LF, single quotes. */
const OPTIONS = {
  newLine: '\n',
  indentNumberOfSpaces: 2,
  useTabs: false,
  useSingleQuote: true,
} as const;

export class TsEmitter {
  /** Emits one file; the header line is added here so no emitter can forget it. */
  emit(_path: string, body: Writer): string {
    const w = new CodeBlockWriter(OPTIONS);
    w.writeLine(GENERATED_HEADER);
    body(w);
    w.newLineIfLastNot();
    return w.toString();
  }
}

/** Writes a TSDoc block; `*\/` in spec text cannot end the comment early. */
export function writeDoc(w: CodeBlockWriter, text: string | undefined, tags: string[] = []) {
  const lines = text ? docLines(text) : [];
  for (const t of tags) lines.push(t);
  if (lines.length === 0) return;
  w.writeLine('/**');
  for (const l of lines) w.writeLine(l ? ` * ${l}` : ' *');
  w.writeLine(' */');
}

function docLines(text: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replaceAll('*/', '*\\/')
    .split('\n')
    // spec prose starting with `@` must not turn into a TSDoc tag such as @deprecated
    .map((l) => l.trimEnd().replace(/^(\s*)@/, '$1\\@'));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  return lines;
}

/** A string literal in single quotes, the way the rest of the generated code quotes. */
export function str(value: string): string {
  return `'${value.replace(/[\\'\n\r\u2028\u2029]/g, (c) => ESCAPES[c] ?? c)}'`;
}
const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
