import type { TSchema } from 'typebox';

interface StringSchema {
  type?: unknown;
  maxLength?: unknown;
  properties?: Record<string, StringSchema>;
  items?: StringSchema;
  additionalProperties?: unknown;
  patternProperties?: Record<string, StringSchema>;
  anyOf?: StringSchema[];
}

/**
 * Cuts every string of `value` to the `maxLength` its schema gives it, in place. For rewrites
 * that can lengthen text (a scrubber's `[email]` for `a@b.co`): a value that was valid stays
 * valid. Follows properties, items, record values and single-shape unions; iterative.
 */
export function clampStrings<T>(schema: TSchema, value: T): T {
  const stack: [StringSchema, unknown][] = [[schema as StringSchema, value]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [shape, node] = item;
    if (typeof node !== 'object' || node === null) continue;
    const entries: [string | number, StringSchema | undefined][] = Array.isArray(node)
      ? node.map((_, i) => [i, shape.items])
      : Object.keys(node).map((key) => [key, childSchema(shape, key)]);
    for (const [key, child] of entries) {
      if (child === undefined) continue;
      const target = node as Record<string | number, unknown>;
      const current = target[key];
      const max = child.maxLength;
      if (typeof current === 'string' && typeof max === 'number' && current.length > max)
        target[key] = current.slice(0, max);
      else if (typeof current === 'object' && current !== null) stack.push([child, current]);
    }
  }
  return value;
}

function childSchema(shape: StringSchema, key: string): StringSchema | undefined {
  const own = shape.properties?.[key];
  if (own) return own.anyOf?.length === 1 ? own.anyOf[0] : own;
  const pattern = shape.patternProperties && Object.values(shape.patternProperties)[0];
  if (pattern) return pattern;
  return typeof shape.additionalProperties === 'object'
    ? (shape.additionalProperties as StringSchema)
    : undefined;
}
