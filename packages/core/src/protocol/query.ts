/**
 * Flattens a request object into the GET query form of API 3.0:
 * `{InstanceIds: ['a'], Filters: [{Name: 'x', Values: ['y']}]}` ->
 * `InstanceIds.0=a&Filters.0.Name=x&Filters.0.Values.0=y`.
 * Encoding is strict RFC 3986 so the string is signed and sent unchanged.
 */

const encode = (s: string): string =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

export function toQueryString(input: object): string {
  const parts: string[] = [];
  const walk = (prefix: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) walk(`${prefix}.${i}`, value[i]);
    } else if (typeof value === 'object' && !(value instanceof Date)) {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
    } else {
      const text = value instanceof Date ? value.toISOString() : String(value);
      parts.push(`${encode(prefix)}=${encode(text)}`);
    }
  };
  walk('', input);
  return parts.join('&');
}
