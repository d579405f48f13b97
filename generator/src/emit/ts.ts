// The one way TypeScript files are produced: ts-morph, one createSourceFile call per file with
// a writer function, then the file is dropped from the in-memory project (see
// /work/shared/notes/generation-performance.md: never add nodes one by one, never formatText).
import { type CodeBlockWriter, IndentationText, NewLineKind, Project, QuoteKind } from 'ts-morph';
import { GENERATED_HEADER } from '../config.js';

export type Writer = (w: CodeBlockWriter) => void;

export class TsEmitter {
  private project = newProject();
  private count = 0;

  /** Emits one file; the header line is added here so no emitter can forget it. */
  emit(path: string, body: Writer): string {
    const sf = this.project.createSourceFile(
      `/${path}`,
      (w) => {
        w.writeLine(GENERATED_HEADER);
        body(w);
        w.newLineIfLastNot();
      },
      { overwrite: true },
    );
    const text = sf.getFullText();
    this.project.removeSourceFile(sf);
    // A fresh project now and then keeps ts-morph's caches from growing over a whole catalogue.
    if (++this.count % 200 === 0) this.project = newProject();
    return text;
  }
}

function newProject() {
  return new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Single,
    },
  });
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
