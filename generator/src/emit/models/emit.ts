// models.ts: one interface per spec object.

import type { IrMember, IrShape, IrType } from '../../ir/model.js';
import { typeText, versionFiles } from '../../ir/names.js';
import type { GeneratedFile, VersionContext } from '../context.js';
import { type CodeBlockWriter, type TsEmitter, writeDoc } from '../ts.js';

export function emitModels(ctx: VersionContext, ts: TsEmitter): GeneratedFile {
  const { version, names } = ctx;
  const path = versionFiles(version).models;
  const usesInt64 = version.shapes.some((s) => s.members.some((m) => isInt64(m.type)));
  const content = ts.emit(path, (w) => {
    if (usesInt64) {
      const spec = names.int64 === 'Int64' ? 'Int64' : `Int64 as ${names.int64}`;
      w.writeLine(`import type { ${spec} } from '${ctx.coreModule}';`);
    }
    // A model may be named Record (dataagent): then the index-signature spelling.
    const record = version.shapes.some((s) => s.name === 'Record')
      ? (v: string) => `{ [key: string]: ${v} }`
      : (v: string) => `Record<string, ${v}>`;
    for (const shape of version.shapes) {
      w.blankLine();
      writeShape(w, shape, names.int64, record);
    }
    if (version.shapes.length === 0) w.writeLine('export {};');
  });
  return { path, content };
}

function writeShape(
  w: CodeBlockWriter,
  shape: IrShape,
  int64: string,
  record: (value: string) => string,
) {
  writeDoc(w, shape.doc);
  if (shape.members.length === 0) {
    // An empty interface accepts any non-nullish value and biome flags it. What only goes in
    // takes `{}` and nothing else; what comes back may hold members the spec does not list.
    const input = shape.role === 'request' || shape.role === 'in';
    w.writeLine(`export type ${shape.name} = ${record(input ? 'never' : 'unknown')};`);
    return;
  }
  w.write(`export interface ${shape.name}`).block(() => {
    for (const m of shape.members) {
      writeDoc(w, m.doc, m.deprecated ? ['@deprecated'] : []);
      w.writeLine(`${m.name}${m.optional ? '?' : ''}: ${memberType(m, int64)};`);
    }
  });
}

function memberType(m: IrMember, int64: string): string {
  const t = typeText(m.type, int64);
  return m.nullable ? `${t} | null` : t;
}

function isInt64(t: IrType): boolean {
  if (t.kind === 'list') return isInt64(t.of);
  return t.kind === 'primitive' && (t.name === 'int64' || t.name === 'uint64');
}
