/**
 * Validation of every configured value that reaches a URL or a header: region, language,
 * root domain, endpoint, numeric limits. A bad value is a `ConfigurationError` naming the
 * option, raised before anything is sent.
 *
 * Why strict grammars instead of escaping: the region is part of the host name
 * (`cvm.<region>.tencentcloudapi.com`), so `@attacker.example/` would move the signed request,
 * its token and its body to another host. Anything outside the grammar is refused.
 */
import { ConfigurationError } from '../errors/transport.js';

// Tencent's regions: `ap-guangzhou`, `na-siliconvalley`, `ap-shanghai-fsi`, ...
const REGION = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;
// A DNS name of lower-case labels: `tencentcloudapi.com`, `internal.tencentcloudapi.com`.
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
// The prefix before the root domain, e.g. `ai.` (empty for most actions).
const DOMAIN_PREFIX = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*$/;
const SERVICE = /^[a-z][a-z0-9-]{0,62}$/;
const VERSION = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[A-Za-z][A-Za-z0-9]{0,127}$/;

export const DEFAULT_ROOT_DOMAIN = 'tencentcloudapi.com';
export const LANGUAGES: readonly string[] = ['zh-CN', 'en-US'];

/**
 * Describes a rejected value for a message without echoing it: values that pass for plain
 * identifiers are shown (so `ap_guangzhou` is visible), anything else only by its length.
 */
function shown(value: unknown): string {
  if (typeof value !== 'string') return `a ${value === null ? 'null' : typeof value}`;
  if (/^[\w.-]{1,64}$/.test(value)) return `"${value}"`;
  return `a ${value.length}-character string with characters outside [a-z0-9-]`;
}

function check(re: RegExp, value: unknown, option: string, what: string): string {
  if (typeof value === 'string' && value.length <= 253 && re.test(value)) return value;
  throw new ConfigurationError(`${option} must be ${what}; got ${shown(value)}`, { option });
}

/** A region such as `ap-guangzhou`; `undefined` and `''` mean "no region". */
export function validRegion(value: unknown, option: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  return check(REGION, value, option, 'a region such as "ap-guangzhou" (a-z, 0-9, hyphens)');
}

export function validLanguage(value: unknown, option = 'language'): 'zh-CN' | 'en-US' {
  if (typeof value === 'string' && LANGUAGES.includes(value)) return value as 'zh-CN' | 'en-US';
  throw new ConfigurationError(`${option} must be "en-US" or "zh-CN"; got ${shown(value)}`, {
    option,
  });
}

export function validRootDomain(value: unknown, option = 'rootDomain'): string {
  return check(DOMAIN, value, option, 'a lower-case domain such as "tencentcloudapi.com"');
}

export function validDomainPrefix(value: unknown, option: string): string {
  if (value === undefined || value === '') return '';
  return check(DOMAIN_PREFIX, value, option, 'empty or lower-case labels ending in "." ("ai.")');
}

// Generated facts are checked once per object: a hand-built ActionInfo or ServiceInfo (or the
// any-action client) can carry anything, and these strings become the host and X-TC headers.
const checkedInfo = new WeakSet<object>();

export function validServiceInfo(info: {
  readonly service: string;
  readonly version: string;
}): void {
  if (checkedInfo.has(info)) return;
  check(SERVICE, info.service, 'service', 'a service name such as "cvm"');
  check(VERSION, info.version, 'version', 'an API version such as "2017-03-12"');
  checkedInfo.add(info);
}

export function validActionInfo(info: {
  readonly name: string;
  readonly rootDomainPrefix?: string | undefined;
}): void {
  if (checkedInfo.has(info)) return;
  // Generated functions pass a fresh literal per call, so the pair is remembered too (the
  // regular expressions cost ~0.9 us a call); bounded, since call() takes any name. Without a
  // prefix the name alone is the key, in a set of its own (no string built per call).
  const prefix = info.rootDomainPrefix;
  const seen = prefix === undefined ? checkedNames : checkedPairs;
  const key = prefix === undefined ? info.name : `${prefix}|${info.name}`;
  if (seen.has(key)) return;
  check(ACTION, info.name, 'action', 'an action name such as "DescribeInstances"');
  validDomainPrefix(prefix, `${info.name} rootDomainPrefix`);
  checkedInfo.add(info);
  if (seen.size >= 4096) seen.clear();
  seen.add(key);
}
const checkedNames = new Set<string>();
const checkedPairs = new Set<string>();

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'off'];

/** `debug`, `info`, `warn`, `error` or `off`; `undefined` and `''` mean "not set". */
export function validLogLevel(
  value: unknown,
  option: string,
): 'debug' | 'info' | 'warn' | 'error' | 'off' | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && LOG_LEVELS.includes(value.toLowerCase()))
    return value.toLowerCase() as 'debug' | 'info' | 'warn' | 'error' | 'off';
  throw new ConfigurationError(
    `${option} must be one of debug, info, warn, error, off; got ${shown(value)}`,
    { option },
  );
}

/** A non-negative finite number of milliseconds (or `Infinity` where `allowInfinite`). */
export function validMs(value: unknown, option: string, allowInfinite = false): number {
  if (
    typeof value === 'number' &&
    value >= 0 &&
    (Number.isFinite(value) || (allowInfinite && value === Infinity))
  ) {
    return value;
  }
  throw new ConfigurationError(
    `${option} must be a non-negative number of milliseconds; got ${shown(String(value))}`,
    { option },
  );
}

export function validCount(value: unknown, option: string, min = 1): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
  throw new ConfigurationError(`${option} must be an integer >= ${min}; got ${String(value)}`, {
    option,
  });
}

/**
 * Parses the `endpoint` option: a full `http(s)://host[:port][/path]` URL, or a bare host
 * (`cvm.ap-shanghai.tencentcloudapi.com`, which means https). No credentials, query or fragment.
 */
export function parseEndpoint(value: unknown, option = 'endpoint'): URL {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) {
    throw new ConfigurationError(`${option} must be a URL or a host name; got ${shown(value)}`, {
      option,
    });
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse.
  if (/[\u0000-\u0020\u007f-\uffff]/.test(value)) {
    throw new ConfigurationError(
      `${option} holds whitespace, control or non-ASCII characters; write the host in ASCII (punycode)`,
      { option },
    );
  }
  let url: URL;
  try {
    url = new URL(endpointWithoutScheme(value) ? `https://${value}` : value);
  } catch (cause) {
    throw new ConfigurationError(`${option} is not a valid URL or host name`, { option, cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(`${option} must use http:// or https://; got ${url.protocol}//`, {
      option,
    });
  }
  if (url.username || url.password) {
    throw new ConfigurationError(`${option} must not hold a user name or password`, { option });
  }
  if (url.search || url.hash || value.includes('?') || value.includes('#')) {
    throw new ConfigurationError(`${option} must not have a query string or fragment`, { option });
  }
  if (!url.hostname) {
    throw new ConfigurationError(`${option} has no host name`, { option });
  }
  return url;
}

/** True when the endpoint was written without `http://` or `https://` (so https was chosen). */
export const endpointWithoutScheme = (value: string | undefined): boolean =>
  value !== undefined && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value);

/**
 * `https://<service>.[<region>.]<prefix><rootDomain>/`, built from validated parts and then
 * checked: the parsed host must be exactly the one assembled, under the root domain.
 */
export function serviceUrl(
  service: string,
  region: string | undefined,
  prefix: string,
  rootDomain: string,
): URL {
  const host = `${service}.${region ? `${region}.` : ''}${prefix}${rootDomain}`;
  const url = new URL(`https://${host}/`);
  if (url.hostname !== host || !url.hostname.endsWith(`.${rootDomain}`) || url.port !== '') {
    throw new ConfigurationError(`the endpoint host for ${service} could not be built safely`, {
      option: region ? 'region' : 'endpoint',
    });
  }
  return url;
}
