// What paging the generator found, per package (`pagination.json`, a generated file that is not
// published) and for the whole output folder (`PAGINATION.md`, rebuilt from those files after
// every run, so a run that skips unchanged packages still lists every package).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE } from '../../config.js';
import type { IrPagination, IrService } from '../../ir/model.js';
import type { GeneratedFile, PackageContext } from '../context.js';

export const PACKAGE_REPORT_FILE = 'pagination.json';
export const REPORT_FILE = 'PAGINATION.md';

type Paginator = Omit<IrPagination, 'itemType'>;

interface PackageReport {
  format: 1;
  package: string;
  /** By API version: each paginated action's paging, and why each paged-looking one has none. */
  versions: Record<
    string,
    { paginators: Record<string, Paginator>; unpaged: Record<string, string> }
  >;
}

export function emitPaginationReport(ctx: PackageContext): GeneratedFile | undefined {
  const report = packageReport(ctx.packageName, ctx.svc);
  if (Object.keys(report.versions).length === 0) return undefined;
  return { path: PACKAGE_REPORT_FILE, content: `${JSON.stringify(report, null, 2)}\n` };
}

function packageReport(name: string, svc: IrService): PackageReport {
  const versions: PackageReport['versions'] = {};
  for (const v of svc.versions) {
    const paginators: Record<string, Paginator> = {};
    const unpaged: Record<string, string> = {};
    for (const a of v.actions) {
      if (a.pagination) {
        const { itemType: _, ...rest } = a.pagination;
        paginators[a.name] = rest;
      } else if (a.unpaged) unpaged[a.name] = a.unpaged;
    }
    if (Object.keys(paginators).length + Object.keys(unpaged).length > 0)
      versions[v.apiVersion] = { paginators, unpaged };
  }
  return { format: 1, package: name, versions };
}

/** The shape of a paginator, as counted in PAGINATION.md. */
export function shapeOf(p: Paginator): string {
  const parts: string[] = [
    p.kind === 'offset'
      ? `offset (${p.cursor ?? 'Offset'}/${p.size ?? 'Limit'})`
      : p.kind === 'page'
        ? `page number (first page ${p.firstPage ?? 1})`
        : `token (${p.cursor ?? 'NextToken'})`,
  ];
  parts.push(
    p.total
      ? `total ${p.total.includes('.') ? 'in an object' : p.total}`
      : p.totalPages
        ? 'total pages'
        : 'no total',
  );
  if (p.items.includes('.')) parts.push('list in an object');
  if (p.picked) parts.push('one of several lists');
  if (p.numbersAsStrings) parts.push('numbers as strings');
  return parts.join(', ');
}

/** The features of a paginator (each counted once per paginator in PAGINATION.md). */
export function featuresOf(p: Paginator): string[] {
  const f = [
    p.kind === 'offset' ? 'offset/limit' : p.kind === 'page' ? 'page number' : 'token',
    p.total === 'TotalCount'
      ? 'total `TotalCount`'
      : p.total?.includes('.')
        ? 'total inside an object'
        : p.total
          ? 'total of another name (`Total`, `TotalNum`, ...)'
          : p.totalPages
            ? 'total pages only'
            : 'no total',
  ];
  if (p.items.includes('.')) f.push('list inside an object (`Data.List`)');
  if (p.picked) f.push('one of several lists');
  if (p.firstPage === 0) f.push('first page 0');
  if (p.numbersAsStrings) f.push('numbers as strings');
  return f;
}

export interface UnpagedEntry {
  dir: string;
  version: string;
  action: string;
  reason: string;
}

export interface PaginationSummary {
  /** The report file, and whether this run wrote it (or, checking, would). */
  file: string;
  changed: boolean;
  paginators: number;
  byKind: Record<string, number>;
  byShape: [string, number][];
  byFeature: [string, number][];
  unpaged: UnpagedEntry[];
  /** Reasons with their counts, most frequent first (numbers and names folded). */
  reasons: [string, number][];
}

/**
 * Rebuilds `<outDir>/PAGINATION.md` from every generated package's pagination.json (folders
 * with a manifest, except `skip`); in check mode writes nothing and says whether it differs.
 */
export function writePaginationReport(
  outDir: string,
  skip: ReadonlySet<string>,
  check: boolean,
): PaginationSummary {
  const dirs = existsSync(outDir)
    ? readdirSync(outDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !skip.has(d.name))
        .map((d) => d.name)
        .filter((d) => existsSync(path.join(outDir, d, MANIFEST_FILE)))
        .sort()
    : [];
  const shapes = new Map<string, number>();
  const features = new Map<string, number>();
  const byKind: Record<string, number> = { offset: 0, page: 0, token: 0 };
  const unpaged: UnpagedEntry[] = [];
  let paginators = 0;
  for (const dir of dirs) {
    const file = path.join(outDir, dir, PACKAGE_REPORT_FILE);
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8')) as PackageReport;
    for (const [version, v] of Object.entries(report.versions ?? {})) {
      for (const p of Object.values(v.paginators ?? {})) {
        paginators++;
        byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
        const s = shapeOf(p);
        shapes.set(s, (shapes.get(s) ?? 0) + 1);
        for (const f of featuresOf(p)) features.set(f, (features.get(f) ?? 0) + 1);
      }
      for (const [action, reason] of Object.entries(v.unpaged ?? {}))
        unpaged.push({ dir, version, action, reason });
    }
  }
  const reasons = new Map<string, number>();
  for (const u of unpaged)
    reasons.set(reasonKind(u.reason), (reasons.get(reasonKind(u.reason)) ?? 0) + 1);
  const byCount = (a: [string, number], b: [string, number]) =>
    b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const summary: PaginationSummary = {
    file: path.join(outDir, REPORT_FILE),
    changed: false,
    paginators,
    byKind,
    byShape: [...shapes].sort(byCount),
    byFeature: [...features].sort(byCount),
    unpaged,
    reasons: [...reasons].sort(byCount),
  };
  const text = render(summary);
  const old = existsSync(summary.file) ? readFileSync(summary.file, 'utf8') : undefined;
  summary.changed = old !== text;
  if (summary.changed && !check) writeFileSync(summary.file, text);
  return summary;
}

/** A reason without its member names and counts, to group the list. */
export function reasonKind(reason: string): string {
  return reason
    .replace(/^\d+ lists \(.*\) and no rule picks one.*$/, 'several lists and no rule picks one')
    .replace(/^a mutation \(\w+\.\.\.\)/, 'a mutation')
    .replace(/^lists sit in several objects.*$/, 'lists sit in several objects')
    .replace(/^input has \w+ but the output returns no .*$/, 'a token in, none out')
    .replace(/^input has \w+ but no .*$/, 'a position but no page size')
    .replace(/^\w+ and \w+ are not both .*$/, 'position and size of different types')
    .replace(/^\w+ is an object, not a number$/, 'the page number is an object')
    .replace(/^token \w+ is a \w+, not .*$/, 'the token is not a string or integer')
    .replace(
      /^the token is in \w+, which has no list$/,
      'the token sits in an object without a list',
    );
}

const cell = (s: string) => s.replaceAll('|', '\\|');

function render(s: PaginationSummary): string {
  const lines = [
    '# Pagination',
    '',
    "<!-- Generated by `pnpm generate` from the packages' pagination.json; do not edit. -->",
    '',
    'Which actions of the generated packages have paginators (`paginateX` over items, `xPages` over',
    'pages), by shape, and every action whose input looks paged (an offset, a page number or a',
    'token) but that got none, with the reason. The rules are in',
    '[generator/README.md](../generator/README.md#pagination).',
    '',
    `## ${s.paginators} paginators`,
    '',
    `offset ${s.byKind.offset ?? 0}, page number ${s.byKind.page ?? 0}, token ${s.byKind.token ?? 0}.`,
    '',
    '| feature | paginators |',
    '| --- | --- |',
    ...s.byFeature.map(([f, n]) => `| ${cell(f)} | ${n} |`),
    '',
    '| shape | paginators |',
    '| --- | --- |',
    ...s.byShape.map(([shape, n]) => `| ${cell(shape)} | ${n} |`),
    '',
    `## ${s.unpaged.length} actions that look paged but have no paginator`,
    '',
    '| reason | actions |',
    '| --- | --- |',
    ...s.reasons.map(([r, n]) => `| ${cell(r)} | ${n} |`),
    '',
    '| package | version | action | reason |',
    '| --- | --- | --- | --- |',
    ...s.unpaged.map((u) => `| ${u.dir} | ${u.version} | ${u.action} | ${cell(u.reason)} |`),
    '',
  ];
  return lines.join('\n');
}

/** What the CLI prints: a summary, and the unpaged actions of the packages written this run. */
export function formatPaginationSummary(
  s: PaginationSummary,
  written: ReadonlySet<string>,
): string {
  const out = s.unpaged
    .filter((u) => written.has(u.dir))
    .map((u) => `  ${u.dir} ${u.version} ${u.action}: no paginator: ${u.reason}`);
  const top = s.reasons
    .slice(0, 3)
    .map(([r, n]) => `${r} ${n}`)
    .join(', ');
  out.push(
    `pagination: ${s.paginators} paginator(s) (offset ${s.byKind.offset ?? 0}, page ${s.byKind.page ?? 0}, token ${s.byKind.token ?? 0}); ` +
      `${s.unpaged.length} action(s) look paged but have none${top ? ` (${top})` : ''}: ${s.file}`,
  );
  return out.join('\n');
}
