// Non-code files of a service package, rendered from handlebars templates in generator/templates:
// package.json, README.md, tsconfigs and the biome config that leaves generated files alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { GENERATED_HEADER, MANIFEST_FILE, TEMPLATES_DIR } from '../../config.js';
import type { IrAction, IrType, IrVersion, IrWaiter } from '../../ir/model.js';
import {
  type ActionNames,
  explorerUrl,
  newestVersion,
  packageDir,
  rootVersionOf,
  SMOKE_TEST_FILE,
  testingModule,
  VersionNames,
  versionFolder,
  versionStubFile,
} from '../../ir/names.js';
import { paginated } from '../client/action-info.js';
import type { GeneratedFile, PackageContext } from '../context.js';

const hbs = Handlebars.create();
hbs.registerHelper('json', (v: unknown) => JSON.stringify(v));
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
const cache = new Map<string, HandlebarsTemplateDelegate>();

function render(name: string, data: object): string {
  let t = cache.get(name);
  if (!t) {
    const text = readFileSync(path.join(TEMPLATES_DIR, `${name}.hbs`), 'utf8');
    t = hbs.compile(text, { noEscape: true, strict: true });
    cache.set(name, t);
  }
  return t(data);
}

export interface PackageFilesOptions {
  repository?: string;
  defaultRegion: string;
}

export function emitPackageFiles(ctx: PackageContext, opts: PackageFilesOptions): GeneratedFile[] {
  const { svc } = ctx;
  const versions = svc.versions.map((v) => ({
    apiVersion: v.apiVersion,
    folder: versionFolder(v.apiVersion),
  }));
  const pkgText = render('package.json', {
    packageName: ctx.packageName,
    packageVersion: ctx.packageVersion,
    description: `Tencent Cloud ${svc.serviceShortName} API client (${svc.versions.map((v) => v.apiVersion).join(', ')}) for the TypeScript SDK`,
    repository: gitUrl(opts.repository),
    dir: packageDir(svc),
    versions,
    coreModule: ctx.coreModule,
    testingModule: testingModule(ctx.scope),
  });
  // The template gives the structure; parsing and printing makes the JSON valid and uniform.
  const parsed = JSON.parse(pkgText) as { devDependencies: Record<string, string> };
  parsed.devDependencies = sortKeys(parsed.devDependencies);
  const pkg = `${JSON.stringify(parsed, null, 2)}\n`;
  const header = GENERATED_HEADER;
  return [
    { path: 'package.json', content: pkg },
    ...svc.versions.map((v) => ({
      path: versionStubFile(v.apiVersion),
      content: render('version-stub.json', { folder: versionFolder(v.apiVersion) }),
    })),
    { path: 'tsconfig.json', content: render('tsconfig.json', { header }) },
    { path: 'tsconfig.build.json', content: render('tsconfig.build.json', { header }) },
    { path: 'tsconfig.cjs.json', content: render('tsconfig.cjs.json', { header }) },
    {
      path: 'biome.json',
      content: render('biome.json', {
        manifest: MANIFEST_FILE,
        smokeTest: SMOKE_TEST_FILE,
        versions,
      }),
    },
    { path: 'README.md', content: readme(ctx, opts, versions) },
  ];
}

function readme(
  ctx: PackageContext,
  opts: PackageFilesOptions,
  versions: { apiVersion: string; folder: string }[],
) {
  const { svc } = ctx;
  const newest = rootVersionOf(svc);
  const names = new VersionNames(svc, newest);
  const sample = pickExample(newest);
  return render('README.md', {
    header: GENERATED_HEADER.replace(/^\/\/ /, ''),
    packageName: ctx.packageName,
    coreModule: ctx.coreModule,
    service: svc.serviceShortName,
    doc: svc.doc ? cell(svc.doc.split('\n')[0]!) : '',
    region: opts.defaultRegion,
    client: names.client,
    errorGuard: names.errorGuard,
    errorsConst: names.errorsConst,
    coreRenamed: [...names.coreValues, ...names.coreTypes]
      .filter(([n, as]) => n !== as)
      .map(([name, as]) => ({ name, as })),
    createClient: names.createClient,
    example: {
      action: sample?.name ?? 'Action',
      method: sample ? names.action(sample.name).fn : 'action',
      input: sample ? exampleInput(newest, sample.input) : '{}',
      paginate: sample && paginated(sample) ? names.action(sample.name).paginate : '',
      items: sample ? itemsOf(sample) : '',
    },
    multiVersion: svc.versions.length > 1,
    root: newest.apiVersion,
    rootFolder: versionFolder(newest.apiVersion),
    rootByConfig: svc.rootReason === 'config',
    newestVersion: newestVersion(svc).apiVersion,
    versions: svc.versions.map((v, i) => ({
      ...versions[i]!,
      ...versionTables(svc.versions.length, v, ctx),
    })),
  });
}

function versionTables(_count: number, v: IrVersion, ctx: PackageContext) {
  const names = new VersionNames(ctx.svc, v);
  return {
    isRoot: v.apiVersion === ctx.svc.rootVersion,
    actions: v.actions.map((a) => {
      const n = names.action(a.name);
      const required = v.shapes.find((s) => s.name === a.input)?.members.filter((m) => !m.optional);
      return {
        name: a.name,
        url: explorerUrl(ctx.svc, v.apiVersion, a.name),
        method: n.fn,
        notes: notes(a, n),
        required: (required ?? []).map((m) => `\`${m.name}\``).join(', '),
        codes: a.errorCodes.length,
        description: a.doc ? cell(a.doc.split('\n')[0]!) : '',
      };
    }),
    clientToken: v.actions
      .filter((a) => a.clientToken)
      .map((a) => ({
        name: a.name,
        url: explorerUrl(ctx.svc, v.apiVersion, a.name),
        method: names.action(a.name).fn,
      })),
    waiters: (v.waiters ?? []).map((w) => ({
      fn: names.waiter(w.name),
      action: w.action,
      reads: waiterReads(w),
      timing: [w.minDelayMs, w.maxDelayMs, w.maxWaitMs].map(ms).join(', '),
      description: w.doc ? cell(w.doc.split('\n')[0]!) : '',
    })),
    waitExample: { fn: v.waiters?.[0] ? names.waiter(v.waiters[0].name) : '' },
    errors: v.errors.map((e) => ({
      code: e.code,
      description: e.doc ? cell(e.doc.split('\n')[0]!) : '',
    })),
  };
}

/** The paths and codes a waiter's acceptors read, each once: `InstanceSet[].InstanceState`. */
function waiterReads(w: IrWaiter): string {
  const seen = new Set<string>();
  for (const a of w.acceptors) {
    if ('errors' in a) for (const c of a.errors) seen.add(`error \`${c}\``);
    else seen.add(`\`${a.path}\``);
  }
  return [...seen].join(', ');
}

function ms(n: number): string {
  if (n % 60_000 === 0) return `${n / 60_000} min`;
  if (n % 1_000 === 0) return `${n / 1_000} s`;
  return `${n} ms`;
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** npm's canonical form: `git+https://host/owner/repo.git`. */
function gitUrl(url: string | undefined): string {
  if (!url) return '';
  if (url.startsWith('git+') || !url.startsWith('https://')) return url;
  return `git+${url.replace(/\.git$/, '')}.git`;
}

function notes(a: IrAction, names: ActionNames): string {
  const n: string[] = [];
  if (a.status !== 'online') n.push(a.status);
  n.push(a.readOnly ? 'read-only (retried)' : 'changes state');
  if (paginated(a)) n.push(`pages: \`${names.paginate}\`, \`${names.pages}\``);
  if (a.sse) n.push(`streaming: \`${names.stream}\``);
  if (a.skipSign) n.push('unsigned');
  if (a.outputHasError) n.push('`Error` in the output is data');
  if (a.clientToken) n.push('ClientToken filled in (safe retries)');
  return n.join('; ');
}

/** A table cell: one line, pipes escaped, no HTML. */
function cell(text: string): string {
  return text.trim().replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A literal of the input's required members with placeholder values (`'<Name>'`, `0`, `false`,
 * `[]`), so the README example type-checks; `{}` when nothing is required.
 */
function exampleInput(v: IrVersion, shapeName: string, seen: ReadonlySet<string> = new Set()) {
  const shape = v.shapes.find((s) => s.name === shapeName);
  const required = shape?.members.filter((m) => !m.optional) ?? [];
  if (required.length === 0 || seen.has(shapeName)) return '{}';
  const inner = new Set([...seen, shapeName]);
  const value = (t: IrType, name: string): string => {
    if (t.kind === 'list') return '[]';
    if (t.kind === 'ref') return exampleInput(v, t.name, inner);
    if (t.name === 'bool') return 'false';
    if (t.name === 'int64' || t.name === 'uint64' || t.name === 'float') return '0';
    return `'<${name}>'`;
  };
  return `{ ${required.map((m) => `${m.name}: ${value(m.type, m.name)}`).join(', ')} }`;
}

function hasRequired(v: IrVersion, a: IrAction): boolean {
  return v.shapes.find((s) => s.name === a.input)?.members.some((m) => !m.optional) ?? false;
}

/**
 * The friendliest example: `DescribeInstances` where a service has it (many do), else the
 * shortest-named read-only paginated action without required input, else any read-only one
 * without, else the read-only one with the fewest required inputs.
 */
function pickExample(v: IrVersion): IrAction | undefined {
  const online = v.actions.filter((a) => a.status === 'online');
  const easy = online.filter((a) => a.readOnly && !hasRequired(v, a));
  const shortest = (list: IrAction[]) =>
    list.slice().sort((a, b) => a.name.length - b.name.length || (a.name < b.name ? -1 : 1))[0];
  const required = (a: IrAction) =>
    v.shapes.find((s) => s.name === a.input)?.members.filter((m) => !m.optional).length ?? 0;
  // Else the read-only action needing the fewest inputs: an example should not change anything.
  const fewest = online
    .filter((a) => a.readOnly)
    .sort((a, b) => required(a) - required(b) || a.name.length - b.name.length)[0];
  return (
    easy.find((a) => a.name === 'DescribeInstances') ??
    shortest(easy.filter(paginated)) ??
    shortest(easy) ??
    fewest ??
    online[0] ??
    v.actions[0]
  );
}

/** The output member a paginator walks, when the pagination says (for the README comment). */
function itemsOf(a: IrAction): string {
  const p = a.pagination as unknown;
  const first = (Array.isArray(p) ? p[0] : p) as { items?: unknown } | undefined;
  return typeof first?.items === 'string' ? first.items : '';
}
