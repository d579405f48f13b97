// index.ts of each version and the package root (the root version, see IrService.rootVersion).
import { MODULE, rootVersionOf, versionFiles, versionFolder } from '../../ir/names.js';
import type { GeneratedFile, PackageContext, VersionContext } from '../context.js';
import type { TsEmitter } from '../ts.js';
import { hasWaiters, WAITERS_MODULE } from '../waiters/emit.js';

export function emitVersionIndex(ctx: VersionContext, ts: TsEmitter): GeneratedFile {
  const { version: v, names } = ctx;
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
  if (hasWaiters(v)) modules.push(WAITERS_MODULE);
  const content = ts.emit(path, (w) => {
    for (const m of modules) w.writeLine(`export * from '${m}';`);
    // Under pnpm's strict layout a user of this package cannot import core directly.
    w.writeLine(`// From ${ctx.coreModule}, so that this package alone is enough to import them.`);
    const list = (pairs: readonly (readonly [string, string])[]) =>
      pairs.map(([n, as]) => (n === as ? n : `${n} as ${as}`)).join(', ');
    w.writeLine(`export { ${list(names.coreValues)} } from '${ctx.coreModule}';`);
    w.writeLine(`export type { ${list(names.coreTypes)} } from '${ctx.coreModule}';`);
  });
  return { path, content };
}

export function emitRootIndex(ctx: PackageContext, ts: TsEmitter): GeneratedFile {
  const path = 'src/index.ts';
  const { svc } = ctx;
  const root = versionFolder(rootVersionOf(svc).apiVersion);
  const why =
    svc.versions.length === 1
      ? 'only API version'
      : svc.rootReason === 'config'
        ? 'API version set by rootVersions in sdk.config.json'
        : 'API version with the most actions';
  const content = ts.emit(path, (w) => {
    const also =
      svc.versions.length === 1 ? `${ctx.packageName}/${root}` : `${ctx.packageName}/<version>`;
    w.writeLine(
      `// The ${why}; ${svc.versions.length === 1 ? 'it is' : 'every version is'} also at ${also}.`,
    );
    w.writeLine(`export * from './${root}/index.js';`);
    if (ctx.hasCustomIndex) {
      w.writeLine('// Hand-written additions (src/custom/, never touched by the generator).');
      w.writeLine(`export * from './custom/index.js';`);
    }
  });
  return { path, content };
}
