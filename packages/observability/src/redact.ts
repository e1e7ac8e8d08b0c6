/** `scheme://user:password@` (Redis, ClickHouse, Kafka SASL style URLs): the password part. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi;
/** Query parameters that carry secrets (`?password=`, `&token=`, `api_key=`...). */
const SECRET_PARAM =
  /([?&](?:password|passwd|pass|token|access_token|api_key|apikey|key|secret|sig|signature)=)[^&\s#"']*/gi;

/** The text with every password in a URL and every secret query parameter replaced by `***`. */
export function redactSecrets(text: string): string {
  if (!text.includes('://') && !text.includes('=')) return text;
  return text.replace(URL_PASSWORD, '$1:***@').replace(SECRET_PARAM, '$1***');
}

/** A copy of a log record (two levels deep) with secrets redacted in its strings. */
export function redactRecord(value: unknown, depth = 2): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactRecord(item, depth - 1));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactRecord(item, depth - 1);
  return out;
}
