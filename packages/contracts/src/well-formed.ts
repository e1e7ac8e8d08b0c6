/**
 * Replaces lone UTF-16 surrogates (`"\ud800"` is valid JSON, and a JavaScript SDK that cuts a
 * string in the middle of an emoji sends one) with U+FFFD, in every string and key of a parsed
 * message, in place. Downstream stores refuse them: ClickHouse rejects a whole insert over one,
 * which stuck the history consumer on a single event. Iterative; the value's depth is bounded
 * before this runs.
 */
export function makeWellFormed<T>(value: T): T {
  if (typeof value === 'string') return (value.isWellFormed() ? value : value.toWellFormed()) as T;
  const stack: object[] = typeof value === 'object' && value !== null ? [value] : [];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (typeof child === 'string') {
        if (!child.isWellFormed()) record[key] = child.toWellFormed();
      } else if (typeof child === 'object' && child !== null) stack.push(child);
      if (!key.isWellFormed()) {
        record[key.toWellFormed()] = record[key];
        delete record[key];
      }
    }
  }
  return value;
}
