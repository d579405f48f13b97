/**
 * Which hosts endpoint failover may move a call between (small, in every bundle; the breakers
 * themselves are in failover.ts, loaded on the first connection failure).
 *
 * A host qualifies only when it is exactly `<service>.[ai.|internal.]tencentcloudapi.<tld>`,
 * `<tld>` one of `com`, `cn`, `com.cn`: the global hosts core builds itself. Regional hosts
 * (`<service>.<region>.tencentcloudapi.com`, `regionalEndpoint: true`) have a region label and
 * never qualify; custom endpoints are excluded by the client before this is asked.
 */
import { hasBrand } from '../../errors/base.js';

/** The three root domains of one family, in failover order. */
export const FAMILY_TLDS = ['com', 'cn', 'com.cn'] as const;

const FAMILY_HOST = /^([a-z][a-z0-9-]*)\.((?:ai\.|internal\.)?)tencentcloudapi\.(com|cn|com\.cn)$/;

/** The hosts of `host`'s family, starting with `host`; `undefined` when it has none. */
export function familyHosts(host: string): readonly string[] | undefined {
  const m = FAMILY_HOST.exec(host);
  if (!m) return undefined;
  const [, service, prefix, tld] = m;
  const start = FAMILY_TLDS.indexOf(tld as (typeof FAMILY_TLDS)[number]);
  return FAMILY_TLDS.map(
    (_, i) =>
      `${service}.${prefix}tencentcloudapi.${FAMILY_TLDS[(start + i) % FAMILY_TLDS.length]}`,
  );
}

/**
 * True when a failure proves the request never reached the server: a network failure or a
 * timeout before the request was sent (DNS, refused, TLS set-up, connect timeout).
 */
export function unreachable(error: unknown): boolean {
  return (
    (hasBrand(error, 'NetworkError') || hasBrand(error, 'TimeoutError')) &&
    (error as { sent?: unknown }).sent === false
  );
}

/** True when the host answered (any HTTP answer, an API error included). */
export function answered(error: unknown): boolean {
  return hasBrand(error, 'TencentCloudError') || hasBrand(error, 'ProtocolError');
}
