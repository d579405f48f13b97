// `pnpm specs:import <tccli dir> <errors dir> <service>...`: turns Tencent's published spec files
// into the facts-only specs committed under specs/<service>/v<YYYYMMDD>/{api,errors}.json.
// Every description, title and example is dropped by keeping an allowlist of fact keys, so a
// prose field added upstream later never leaks into the repository. docs.json (our own overlay)
// is never read or written here.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ImportOptions {
  /** Folder holding one sub-folder per service (tccli's `tccli/services` layout). */
  tccliDir: string;
  /** Folder holding `<serviceShortName>-<YYYY-MM-DD>.json` error files. */
  errorsDir: string;
  /** tccli folder names, e.g. `cvm`, `autoscaling`. */
  services: string[];
  /** The repository's `specs/` folder. */
  outDir: string;
  log?: (line: string) => void;
}

/** Thrown with every problem found, before anything is written. */
export class SpecImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`specs:import failed with ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    this.name = 'SpecImportError';
  }
}

type Json = Record<string, unknown>;

// Fact keys kept, per level. Source key order is preserved (we filter, never reorder).
const TOP_KEYS = ['actions', 'metadata', 'objects', 'version'];
const METADATA_KEYS = ['apiVersion', 'serviceShortName'];
// An action's `name` upstream is a human title (e.g. Chinese), not the action name (the key is).
const ACTION_KEYS = ['input', 'output', 'status'];
const OBJECT_KEYS = ['members', 'type', 'usage'];
const MEMBER_KEYS = [
  'name',
  'type',
  'member',
  'required',
  'output_required',
  'value_allowed_null',
  'disabled',
];
// Known prose keys: dropped silently. Any other unknown key is dropped with a log line.
const PROSE_KEYS = new Set(['document', 'example', 'name', 'title', 'api_brief', 'serviceNameCN']);

const VERSION_DIR = /^v(\d{4})(\d{2})(\d{2})$/;

function pick(source: Json, keys: readonly string[], where: string, unknown: Set<string>): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (keys.includes(key)) out[key] = value;
    else if (!PROSE_KEYS.has(key)) unknown.add(`${where}.${key}`);
  }
  return out;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readJson(file: string, problems: string[]): Promise<Json | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    problems.push(`${file}: file not found or unreadable`);
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (isObject(value)) return value;
    problems.push(`${file}: expected a JSON object at the top level`);
  } catch (e) {
    problems.push(`${file}: invalid JSON (${(e as Error).message})`);
  }
  return undefined;
}

/** The facts of one upstream api.json; pushes a problem and returns undefined on bad shape. */
export function stripApi(api: Json, file: string, problems: string[], unknown: Set<string>) {
  const { actions, objects, metadata } = api;
  if (!isObject(actions) || !isObject(objects) || !isObject(metadata)) {
    problems.push(`${file}: expected top-level "actions", "objects" and "metadata" objects`);
    return undefined;
  }
  const out = pick(api, TOP_KEYS, '$', unknown);
  out.metadata = pick(metadata, METADATA_KEYS, '$.metadata', unknown);
  const outActions: Json = {};
  for (const [name, action] of Object.entries(actions)) {
    if (!isObject(action)) {
      problems.push(`${file}: $.actions.${name} is not an object`);
      continue;
    }
    outActions[name] = pick(action, ACTION_KEYS, '$.actions.*', unknown);
  }
  out.actions = outActions;
  const outObjects: Json = {};
  for (const [name, object] of Object.entries(objects)) {
    if (!isObject(object) || !Array.isArray(object.members)) {
      problems.push(`${file}: $.objects.${name} must be an object with a "members" array`);
      continue;
    }
    const kept = pick(object, OBJECT_KEYS, '$.objects.*', unknown);
    kept.members = object.members.map((m: unknown, i: number) => {
      if (isObject(m)) return pick(m, MEMBER_KEYS, '$.objects.*.members.*', unknown);
      problems.push(`${file}: $.objects.${name}.members[${i}] is not an object`);
      return m;
    });
    outObjects[name] = kept;
  }
  out.objects = outObjects;
  return out;
}

/** The facts of one errors file: codes without descriptions, per-action codes and flags as-is. */
export function stripErrors(errors: Json, file: string, problems: string[]) {
  const list = errors.errors;
  if (!Array.isArray(list) || !isObject(errors.actionErrors)) {
    problems.push(`${file}: expected an "errors" array and an "actionErrors" object`);
    return undefined;
  }
  const codes = list.map((e: unknown, i: number) => {
    if (isObject(e) && typeof e.code === 'string') return { code: e.code };
    problems.push(`${file}: $.errors[${i}] has no string "code"`);
    return e;
  });
  return {
    service: errors.service,
    version: errors.version,
    errors: codes,
    actionErrors: errors.actionErrors,
    actionFlags: isObject(errors.actionFlags) ? errors.actionFlags : {},
  };
}

async function isDir(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export async function importSpecs(opts: ImportOptions): Promise<{ written: string[] }> {
  const log = opts.log ?? (() => {});
  const problems: string[] = [];
  const unknown = new Set<string>();
  const files: { file: string; text: string }[] = [];

  if (opts.services.length === 0) problems.push('no service given (e.g. cvm vpc)');
  for (const dir of [opts.tccliDir, opts.errorsDir]) {
    if (!(await isDir(dir))) problems.push(`${dir}: folder not found`);
  }
  if (problems.length > 0) throw new SpecImportError(problems);

  for (const service of opts.services) {
    const serviceDir = path.join(opts.tccliDir, service);
    if (!(await isDir(serviceDir))) {
      problems.push(`${serviceDir}: no such service folder`);
      continue;
    }
    const versions = (await readdir(serviceDir)).filter((v) => VERSION_DIR.test(v)).sort();
    if (versions.length === 0) problems.push(`${serviceDir}: no v<YYYYMMDD> version folder`);
    for (const version of versions) {
      const apiFile = path.join(serviceDir, version, 'api.json');
      const api = await readJson(apiFile, problems);
      const facts = api && stripApi(api, apiFile, problems, unknown);
      if (!facts) continue;
      const meta = facts.metadata as Json;
      const dashed = version.replace(VERSION_DIR, '$1-$2-$3');
      if (meta.apiVersion !== dashed) {
        problems.push(
          `${apiFile}: $.metadata.apiVersion is ${JSON.stringify(meta.apiVersion)}, folder says ${dashed}`,
        );
      }
      // The errors file is named after the short name (`as`), not the folder (`autoscaling`).
      const shortName = typeof meta.serviceShortName === 'string' ? meta.serviceShortName : service;
      const errorsFile = path.join(opts.errorsDir, `${shortName}-${dashed}.json`);
      const errors = await readJson(errorsFile, problems);
      const errorFacts = errors && stripErrors(errors, errorsFile, problems);
      if (!errorFacts) continue;
      const target = path.join(opts.outDir, service, version);
      files.push({ file: path.join(target, 'api.json'), text: toJson(facts) });
      files.push({ file: path.join(target, 'errors.json'), text: toJson(errorFacts) });
    }
  }
  if (problems.length > 0) throw new SpecImportError(problems);
  for (const key of [...unknown].sort()) log(`note: dropped unknown upstream key ${key}`);

  const written: string[] = [];
  for (const { file, text } of files) {
    const old = await readFile(file, 'utf8').catch(() => undefined);
    if (old === text) continue; // unchanged files keep their mtime
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    written.push(file);
    log(`wrote ${path.relative(process.cwd(), file)}`);
  }
  log(`specs:import: ${files.length} file(s) checked, ${written.length} written`);
  return { written };
}

/** Command-line entry: `<tccli dir> <errors dir> <service>...`, specs/ found from this file. */
export async function importSpecsMain(argv: string[]): Promise<number> {
  const [tccliDir, errorsDir, ...services] = argv;
  if (!tccliDir || !errorsDir || services.length === 0) {
    console.error('usage: specs:import <upstream tccli dir> <errors dir> <service>...');
    return 2;
  }
  const outDir = path.resolve(import.meta.dirname, '../../../specs');
  // pnpm runs scripts inside generator/; relative paths mean the caller's folder (INIT_CWD).
  const base = process.env.INIT_CWD ?? process.cwd();
  const opts = {
    tccliDir: path.resolve(base, tccliDir),
    errorsDir: path.resolve(base, errorsDir),
    services,
    outDir,
    log: (line: string) => console.log(line),
  };
  try {
    await importSpecs(opts);
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
}

// Run directly (`tsx src/spec/import.ts ...`); no top-level await so the module stays require()-able.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void importSpecsMain(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
