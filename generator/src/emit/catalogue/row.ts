// packages/README.md: one table row per generated package. The row of each package is computed
// when the package is emitted and kept in its manifest, so a run that skips unchanged packages
// still writes the whole table without reading their specs.
import type { IrAction, IrService, IrVersion } from '../../ir/model.js';
import { packageDir, rootVersionOf, VersionNames } from '../../ir/names.js';

export const CATALOGUE_FILE = 'README.md';

export interface CatalogueRow {
  /** npm name, `@scope/as`. */
  name: string;
  /** Folder under packages/, `as`. */
  dir: string;
  /** Spec folder, `autoscaling`. */
  service: string;
  /** Every API version, oldest first, with its number of actions. */
  versions: { version: string; actions: number }[];
  root: string;
  rootReason: IrService['rootReason'];
  /** Of the root version. */
  actions: number;
  paginators: number;
  streaming: string[];
  /**
   * `waitUntil<Name>` functions of the root version. Absent in rows kept by manifests written
   * before waiters were listed.
   */
  waiters?: string[];
}

/** Paginated actions: whatever IrAction.pagination holds (one paginator or a list of them). */
export function paginatorCount(a: IrAction): number {
  const p = a.pagination as unknown;
  if (Array.isArray(p)) return p.length;
  return p ? 1 : 0;
}

export function catalogueRow(packageName: string, svc: IrService): CatalogueRow {
  const root = rootVersionOf(svc);
  return {
    name: packageName,
    dir: packageDir(svc),
    service: svc.specDir,
    versions: svc.versions.map((v) => ({ version: v.apiVersion, actions: v.actions.length })),
    root: root.apiVersion,
    rootReason: svc.rootReason,
    actions: root.actions.length,
    paginators: root.actions.reduce((n, a) => n + paginatorCount(a), 0),
    streaming: root.actions.filter((a) => a.sse).map((a) => a.name),
    waiters: waiterNames(svc, root),
  };
}

/** The root version's waiter functions as the naming authority names them. */
function waiterNames(svc: IrService, root: IrVersion): string[] {
  if (!root.waiters?.length) return [];
  const names = new VersionNames(svc, root);
  return root.waiters.map((w) => names.waiter(w.name));
}

/** A row read back from a manifest, or undefined when it is missing or of another shape. */
export function parseRow(v: unknown): CatalogueRow | undefined {
  const r = v as Partial<CatalogueRow> | undefined;
  return r &&
    typeof r.name === 'string' &&
    typeof r.dir === 'string' &&
    Array.isArray(r.versions) &&
    Array.isArray(r.streaming)
    ? (r as CatalogueRow)
    : undefined;
}
