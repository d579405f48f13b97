/**
 * Which service, action, version and region a request is for. Sources, in order:
 * the Host (`<service>[.<region>|.<prefix>].tencentcloudapi.com`, or `<service>[.<region>].localhost`
 * when the first label is a service of the specs), an explicit X-TC-Service header or
 * `/<service>` path (for requests sent to 127.0.0.1), the credential scope of the Authorization
 * header when it names a service of the specs, the emulator's default service, and last
 * (unsigned calls sent to 127.0.0.1) the one service whose spec of that version has that action.
 * A scope naming no known service (a client that signed with the first label of `127.0.0.1`)
 * is not a route; the signature check then says why it does not match.
 */
import { parseAuthorization } from '../auth/verify.js';
import type { SpecCatalog } from '../spec/catalog.js';

export interface Route {
  readonly service?: string;
  readonly action?: string;
  readonly version?: string;
  readonly region?: string;
  /** True when the service came from the Host header (the scope must then match it). */
  readonly fromHost: boolean;
}

const API_HOST = /^([a-z0-9-]+)\.(?:([a-z0-9-]+)\.)?tencentcloudapi\.(?:com|woa\.com)$/;
const LOCAL_HOST = /^([a-z0-9-]+)\.(?:([a-z0-9-]+)\.)?localhost\.?$/;

export function routeRequest(
  headers: Readonly<Record<string, string | undefined>>,
  path: string,
  common: Readonly<Record<string, string>>,
  catalog: SpecCatalog,
  defaultService: string | undefined,
): Route {
  const action = headers['x-tc-action'] || common.Action;
  const version = headers['x-tc-version'] || common.Version;
  let region = headers['x-tc-region'] || common.Region;
  const host = (headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const local = LOCAL_HOST.exec(host);
  const m = API_HOST.exec(host) ?? (local && catalog.has(local[1]!) ? local : null);
  if (m) {
    // The middle label is a region (ap-guangzhou) or a root-domain prefix (es via `ai.`).
    if (!region && m[2]?.includes('-')) region = m[2];
    return { service: m[1], action, version, region, fromHost: true };
  }
  const segment = /^\/([a-z0-9-]+)\/?$/.exec(path)?.[1];
  const service =
    headers['x-tc-service'] ??
    (segment && catalog.has(segment) ? segment : undefined) ??
    knownService(parseAuthorization(headers.authorization)?.service, catalog) ??
    defaultService ??
    (catalog.services().length === 1 ? catalog.services()[0] : undefined) ??
    (action && version ? catalog.findServiceOf(action, version) : undefined) ??
    parseAuthorization(headers.authorization)?.service; // unknown: named in the InvalidAction answer
  return { service, action, version, region, fromHost: false };
}

function knownService(service: string | undefined, catalog: SpecCatalog): string | undefined {
  return service && catalog.has(service) ? service : undefined;
}
