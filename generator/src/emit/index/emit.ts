// index.ts of each version and the package root (the newest version).
import type { IrVersion } from '../../ir/model.js';
import { MODULE, newestVersion, versionFiles, versionFolder } from '../../ir/names.js';
import type { GeneratedFile, PackageContext } from '../context.js';
import type { TsEmitter } from '../ts.js';

export function emitVersionIndex(v: IrVersion, ts: TsEmitter): GeneratedFile {
  const path = versionFiles(v).index;
  const modules: string[] = [
    MODULE.models,
    MODULE.service,
    MODULE.actions,
    MODULE.client,
    MODULE.errors,
  ];
  if (v.actions.some((a) => a.pagination)) modules.push(MODULE.pagination);
  if (v.actions.some((a) => a.sse)) modules.push(MODULE.streaming);
  const content = ts.emit(path, (w) => {
    for (const m of modules) w.writeLine(`export * from '${m}';`);
  });
  return { path, content };
}

export function emitRootIndex(ctx: PackageContext, ts: TsEmitter): GeneratedFile {
  const path = 'src/index.ts';
  const newest = versionFolder(newestVersion(ctx.svc).apiVersion);
  const content = ts.emit(path, (w) => {
    w.writeLine(`// The newest API version; older ones are at ${ctx.packageName}/<version>.`);
    w.writeLine(`export * from './${newest}/index.js';`);
    if (ctx.hasCustomIndex) {
      w.writeLine('// Hand-written additions (src/custom/, never touched by the generator).');
      w.writeLine(`export * from './custom/index.js';`);
    }
  });
  return { path, content };
}
