/** Keys whose values never leave the client; ingest scrubs again, this keeps them off the wire. */
export const SENSITIVE_KEYS =
  /pass(word|wd)?|secret|token|api[-_]?key|auth|cookie|credential|card|cvv|ssn|private[-_]?key/i;
export const FILTERED = '[Filtered]';

/** A URL with the values of sensitive query parameters replaced. */
export function scrubUrl(url: string, keys: RegExp = SENSITIVE_KEYS): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const hash = url.indexOf('#', query);
  const end = hash < 0 ? url.length : hash;
  const params = url
    .slice(query + 1, end)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && keys.test(decodeURIComponentSafe(name)) ? `${name}=${FILTERED}` : pair;
    });
  return `${url.slice(0, query)}?${params.join('&')}${url.slice(end)}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A copy of `value` with sensitive keys' values replaced at any depth (cycles cut). */
export function scrubValue(
  value: unknown,
  keys: RegExp = SENSITIVE_KEYS,
  seen = new WeakSet<object>(),
): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, keys, seen));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = keys.test(key) ? FILTERED : scrubValue(item, keys, seen);
  }
  return result;
}
