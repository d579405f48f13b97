import { SpecCatalog, type SpecSource } from './catalog.js';
import type { LoadedSpec } from './model.js';

/**
 * Reads one service version from a directory (e.g. `specs/cvm/v20170312`) or picks it from a
 * catalogue directory by service (and version; newest by default).
 */
export function loadSpec(dir: SpecSource, service?: string, version?: string): LoadedSpec {
  const catalog = new SpecCatalog([dir]);
  const svc = service ?? (catalog.services().length === 1 ? catalog.services()[0] : undefined);
  if (!svc) throw new Error('loadSpec: name the service (the directory holds several)');
  const ver = version ?? catalog.versions(svc)[0];
  const spec = ver ? catalog.get(svc, ver) : undefined;
  if (!spec) throw new Error(`loadSpec: no spec for ${svc} ${version ?? ''}`.trim());
  return spec;
}
