/** Sentry SDKs cannot be asked to resend shorter data, so Sentry input is cut to fit rather than refused. */

export function clip(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const text = String(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

export function nonNegativeInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A copy of any JSON value cut to size: strings clipped, nesting below `depth` replaced by a
 * marker, objects and arrays capped at `maxEntries`.
 */
export function boundJson(
  value: unknown,
  limits: { depth: number; maxString: number; maxEntries: number },
): unknown {
  if (typeof value === 'string') return clip(value, limits.maxString);
  if (typeof value !== 'object' || value === null) return value;
  if (limits.depth <= 0) return '[too deep]';
  const inner = { ...limits, depth: limits.depth - 1 };
  if (Array.isArray(value)) return value.slice(0, limits.maxEntries).map((item) => boundJson(item, inner));
  return Object.fromEntries(
    Object.entries(value)
      .slice(0, limits.maxEntries)
      .map(([key, child]) => [clip(key, 128), boundJson(child, inner)]),
  );
}

/** Drops undefined fields so the event carries no empty keys. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
