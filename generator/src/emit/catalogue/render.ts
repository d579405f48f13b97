// Renders packages/README.md from the rows (templates/catalogue.md.hbs); sorted, no dates, so
// the same rows give the same bytes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { GENERATED_HEADER, TEMPLATES_DIR } from '../../config.js';
import type { CatalogueRow } from './row.js';

const hbs = Handlebars.create();
let template: HandlebarsTemplateDelegate | undefined;

export function catalogueText(rows: readonly CatalogueRow[], scope: string): string {
  template ??= hbs.compile(readFileSync(path.join(TEMPLATES_DIR, 'catalogue.md.hbs'), 'utf8'), {
    noEscape: true,
    strict: true,
  });
  const sorted = [...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const sum = (f: (r: CatalogueRow) => number) => sorted.reduce((n, r) => n + f(r), 0);
  return template({
    header: GENERATED_HEADER.replace(/^\/\/ /, ''),
    scope,
    rows: sorted.map((r) => ({
      ...r,
      versionList: r.versions.map((v) => `${v.version} (${v.actions})`).join(', '),
      rootNote: r.versions.length > 1 ? (r.rootReason === 'config' ? ' (config)' : '') : '',
      streamingList: r.streaming.length > 0 ? r.streaming.map((s) => `\`${s}\``).join(', ') : '',
      waiterList: (r.waiters ?? []).map((w) => `\`${w}\``).join(', '),
    })),
    total: {
      packages: sorted.length,
      versions: sum((r) => r.versions.length),
      actions: sum((r) => r.versions.reduce((n, v) => n + v.actions, 0)),
      rootActions: sum((r) => r.actions),
      paginators: sum((r) => r.paginators),
      streaming: sum((r) => r.streaming.length),
      waiters: sum((r) => r.waiters?.length ?? 0),
      multi: sorted.filter((r) => r.versions.length > 1).length,
    },
  });
}
