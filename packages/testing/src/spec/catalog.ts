/**
 * The set of service versions the emulator answers for.
 *
 * Start-up only lists directories (no api.json is parsed), so the whole upstream catalogue
 * (296 versions, 79 MB) indexes in milliseconds; a version's api.json and errors.json are
 * parsed the first time a request needs them, then cached.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type ApiSpec, type ErrorsSpec, type LoadedSpec, versionFromFolder } from './model.js';

export interface CatalogEntry {
  readonly service: string;
  readonly version: string;
  readonly apiPath?: string;
  readonly errorsPath?: string;
  loaded?: LoadedSpec;
}

/** A directory (any supported layout) or a spec already in memory. */
export type SpecSource = string | LoadedSpec;

export class SpecCatalog {
  private readonly byService = new Map<string, Map<string, CatalogEntry>>();

  constructor(sources: readonly SpecSource[] = []) {
    for (const source of sources) {
      if (typeof source === 'string') this.addDirectory(source);
      else this.addLoaded(source);
    }
  }

  /** Service short names, sorted. */
  services(): string[] {
    return [...this.byService.keys()].sort();
  }

  /** Versions of a service, newest first. */
  versions(service: string): string[] {
    return [...(this.byService.get(service)?.keys() ?? [])].sort().reverse();
  }

  has(service: string): boolean {
    return this.byService.has(service);
  }

  get size(): number {
    let n = 0;
    for (const v of this.byService.values()) n += v.size;
    return n;
  }

  /** The parsed spec of one version; parses files on first use. Undefined when unknown. */
  get(service: string, version: string): LoadedSpec | undefined {
    const entry = this.byService.get(service)?.get(version);
    if (!entry) return undefined;
    if (!entry.loaded) entry.loaded = loadEntry(entry);
    return entry.loaded;
  }

  /**
   * The only service with `action` in `version`, or undefined when none or several. Parses just
   * the specs of that version date (a handful), for unsigned requests that name no service.
   */
  findServiceOf(action: string, version: string): string | undefined {
    const found: string[] = [];
    for (const [service, versions] of this.byService) {
      if (!versions.has(version)) continue;
      if (Object.hasOwn(this.get(service, version)!.api.actions, action)) found.push(service);
    }
    return found.length === 1 ? found[0] : undefined;
  }

  addLoaded(spec: LoadedSpec): void {
    const { serviceShortName, apiVersion } = spec.api.metadata;
    this.put({ service: serviceShortName, version: apiVersion, loaded: spec });
  }

  /**
   * Accepts: a version folder holding api.json; a service folder (`specs/cvm`); a specs root (`<svc>/v<ver>/api.json`, errors.json
   * beside it); the upstream root (`tccli/` + `errors/`); or the `tccli` folder itself.
   */
  addDirectory(dir: string): void {
    if (existsSync(join(dir, 'api.json'))) {
      this.addVersionFolder(dir, undefined, undefined);
      return;
    }
    const versionFolders = readdirSync(dir).filter(
      (name) => versionFromFolder(name) && existsSync(join(dir, name, 'api.json')),
    );
    if (versionFolders.length > 0) {
      // A service folder (`specs/cvm`): its versions, named by their metadata.
      for (const name of versionFolders)
        this.addVersionFolder(join(dir, name), undefined, undefined);
      return;
    }
    if (isDir(join(dir, 'tccli'))) {
      this.addServicesRoot(join(dir, 'tccli'), join(dir, 'errors'));
      return;
    }
    this.addServicesRoot(dir, join(dir, '..', 'errors'));
  }

  private addServicesRoot(root: string, errorsDir: string): void {
    const errorFiles = new Set(isDir(errorsDir) ? readdirSync(errorsDir) : []);
    for (const svc of readdirSync(root, { withFileTypes: true })) {
      if (!svc.isDirectory()) continue;
      for (const ver of readdirSync(join(root, svc.name), { withFileTypes: true })) {
        const version = versionFromFolder(ver.name);
        if (!ver.isDirectory() || !version) continue;
        const folder = join(root, svc.name, ver.name);
        if (!existsSync(join(folder, 'api.json'))) continue;
        const upstreamErrors = `${svc.name}-${version}.json`;
        if (errorFiles.has(upstreamErrors)) {
          this.addVersionFolder(folder, svc.name, version, join(errorsDir, upstreamErrors));
        } else {
          this.addVersionFolder(folder, undefined, version, undefined, errorsDir, errorFiles);
        }
      }
    }
  }

  /**
   * When the folder name is not known to be the service short name (tccli `autoscaling` is
   * service `as`), the short name is read from api.json: a byte search, not a JSON parse.
   */
  private addVersionFolder(
    folder: string,
    service: string | undefined,
    version: string | undefined,
    errorsPath?: string,
    errorsDir?: string,
    errorFiles?: Set<string>,
  ): void {
    const apiPath = join(folder, 'api.json');
    const local = join(folder, 'errors.json');
    let errors = errorsPath ?? (existsSync(local) ? local : undefined);
    let svc = service;
    let ver = version;
    if (!svc || !ver) {
      const meta = sniffMetadata(apiPath);
      svc ??= meta.service;
      ver ??= meta.version;
    }
    if (!svc || !ver) return;
    if (!errors && errorsDir && errorFiles?.has(`${svc}-${ver}.json`)) {
      errors = join(errorsDir, `${svc}-${ver}.json`);
    }
    this.put({ service: svc, version: ver, apiPath, errorsPath: errors });
  }

  private put(entry: CatalogEntry): void {
    let versions = this.byService.get(entry.service);
    if (!versions) {
      versions = new Map();
      this.byService.set(entry.service, versions);
    }
    versions.set(entry.version, entry);
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function loadEntry(entry: CatalogEntry): LoadedSpec {
  const api = JSON.parse(readFileSync(entry.apiPath!, 'utf8')) as ApiSpec;
  const errors = entry.errorsPath
    ? (JSON.parse(readFileSync(entry.errorsPath, 'utf8')) as ErrorsSpec)
    : undefined;
  return { api, errors };
}

const SHORT_NAME = Buffer.from('"serviceShortName"');
const API_VERSION = Buffer.from('"apiVersion"');

function sniffMetadata(apiPath: string): { service?: string; version?: string } {
  const buf = readFileSync(apiPath);
  return { service: stringAfter(buf, SHORT_NAME), version: stringAfter(buf, API_VERSION) };
}

/** The JSON string value following `"key"` in the last occurrence (metadata sits after actions). */
function stringAfter(buf: Buffer, key: Buffer): string | undefined {
  const at = buf.lastIndexOf(key);
  if (at < 0) return undefined;
  const m = /^\s*:\s*"([^"]*)"/.exec(
    buf.subarray(at + key.length, at + key.length + 200).toString(),
  );
  return m?.[1];
}
