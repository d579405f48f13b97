/**
 * Which proxy a request uses: an explicit proxy URL, or `HTTPS_PROXY` / `HTTP_PROXY` /
 * `NO_PROXY` from the environment. Cheap and synchronous; the CONNECT-tunnelling agents live
 * in proxy-agent.ts, which is loaded only when a proxy is actually used.
 */

type Env = Readonly<Record<string, string | undefined>>;

const envVar = (env: Env, name: string): string | undefined =>
  env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;

export const defaultPort = (protocol: string) => (protocol === 'https:' ? 443 : 80);

/** True when `NO_PROXY` exempts the host (exact names, domain suffixes, `*`, optional `:port`). */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || String(defaultPort(target.protocol));
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, ''));
    if (m?.[2] && m[2] !== port) continue;
    entry = (m?.[1] ?? entry).replace(/^\*?\./, '');
    if (host === entry || host.endsWith('.' + entry)) return true;
  }
  return false;
}

/** The proxy the environment asks for when calling `target`, if any. */
export function proxyFromEnv(target: URL, env: Env = process.env): URL | undefined {
  const value = envVar(env, target.protocol === 'https:' ? 'https_proxy' : 'http_proxy');
  if (!value || bypassesProxy(target, envVar(env, 'no_proxy'))) return undefined;
  try {
    return new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    return undefined;
  }
}

/**
 * The proxy for a request to `target`: none when an agent is given or `proxy` is false,
 * the explicit `proxy`, else the environment's.
 */
export function proxyFor(
  target: URL,
  proxy: string | URL | false | undefined,
  env?: Env,
): URL | undefined {
  if (proxy === false) return undefined;
  return proxy ? new URL(String(proxy)) : proxyFromEnv(target, env);
}
