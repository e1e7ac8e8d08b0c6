import Type, { type Static, type TUnsafe } from 'typebox';

/** A string restricted to a closed set; one `enum` keeps validation errors short. */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options }) as TUnsafe<T[number]>;
}

/** Every message on every topic carries the version of its contract. */
export const SCHEMA_VERSION = 1 as const;
export const SchemaVersion = Type.Literal(SCHEMA_VERSION);

export const IsoTime = Type.String({
  format: 'date-time',
  description: 'ISO 8601 time with zone, e.g. 2026-11-29T05:32:00.000Z',
});

/** Identifiers that land in Kafka keys, Redis keys and ClickHouse: no spaces, no separators. */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' });

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const Severity = StringEnum(SEVERITIES);
export type Severity = Static<typeof Severity>;

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export const Priority = StringEnum(PRIORITIES);
export type Priority = Static<typeof Priority>;

/** Free-form but bounded labels: categories, teams, escalation policies, components. */
export const Label = Type.String({ minLength: 1, maxLength: 128 });
