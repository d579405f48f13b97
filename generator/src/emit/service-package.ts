// One service -> every file of its package. The list of output kinds lives here only.
import type { IrService } from '../ir/model.js';
import { VersionNames } from '../ir/names.js';
import { emitActions, emitClient, emitService } from './client/emit.js';
import type { GeneratedFile, PackageContext, VersionContext } from './context.js';
import { emitErrors } from './errors/emit.js';
import { emitRootIndex, emitVersionIndex } from './index/emit.js';
import { emitModels } from './models/emit.js';
import { emitPackageFiles, type PackageFilesOptions } from './package/emit.js';
import { emitPagination } from './pagination/emit.js';
import { emitPaginationReport } from './pagination/report.js';
import { emitSmokeTest } from './smoke/emit.js';
import { emitStreaming } from './streaming/emit.js';
import type { TsEmitter } from './ts.js';
import { emitWaiters } from './waiters/emit.js';

export function emitServicePackage(
  ctx: PackageContext,
  ts: TsEmitter,
  opts: PackageFilesOptions,
): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (const version of ctx.svc.versions) {
    const vctx: VersionContext = { ...ctx, version, names: new VersionNames(ctx.svc, version) };
    files.push(
      emitModels(vctx, ts),
      emitService(vctx, ts),
      emitActions(vctx, ts),
      emitClient(vctx, ts),
      emitErrors(vctx, ts),
    );
    const paging = emitPagination(vctx, ts);
    if (paging) files.push(paging);
    const streaming = emitStreaming(vctx, ts);
    if (streaming) files.push(streaming);
    const waiters = emitWaiters(vctx, ts);
    if (waiters) files.push(waiters);
    files.push(emitVersionIndex(vctx, ts));
  }
  files.push(emitRootIndex(ctx, ts), emitSmokeTest(ctx, ts), ...emitPackageFiles(ctx, opts));
  const pagingReport = emitPaginationReport(ctx);
  if (pagingReport) files.push(pagingReport);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export type { IrService };
