import type { TSchema } from 'typebox';

export const ENV_PREFIX = 'FAULTLINE_';

/** A settable leaf of the config schema and the environment variables that set it. */
export interface EnvBinding {
  path: string[];
  names: string[];
  schema: TSchema;
}

type SchemaNode = TSchema & {
  type?: string | string[];
  properties?: Record<string, TSchema>;
  items?: TSchema;
  /** An extra, conventional variable name for this field, e.g. KAFKA_BROKERS. */
  env?: string;
};

/** `kafka.topicPrefix` -> `FAULTLINE_KAFKA_TOPIC_PREFIX`. */
export function envName(path: readonly string[]): string {
  return ENV_PREFIX + path.map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_');
}

/** Every leaf (and every object, settable as JSON) reachable through `properties`. */
export function envBindings(schema: TSchema, path: string[] = []): EnvBinding[] {
  const node = schema as SchemaNode;
  const own: EnvBinding[] = [];
  if (path.length > 0) {
    const names = [envName(path)];
    if (node.env) names.push(node.env);
    own.push({ path, names, schema });
  }
  if (node.type === 'object' && node.properties) {
    for (const [key, child] of Object.entries(node.properties))
      own.push(...envBindings(child, [...path, key]));
  }
  return own;
}

/** Turns an environment string into the value its schema expects; JSON is accepted for arrays and objects. */
export function parseEnvValue(raw: string, schema: TSchema): unknown {
  const node = schema as SchemaNode;
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'number':
    case 'integer':
      return raw.trim() === '' ? raw : Number(raw);
    case 'boolean':
      if (/^(true|1|yes|on)$/i.test(raw)) return true;
      if (/^(false|0|no|off)$/i.test(raw)) return false;
      return raw;
    case 'array':
      if (raw.trim().startsWith('[')) return tryJson(raw);
      return raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
        .map((item) => (node.items ? parseEnvValue(item, node.items) : item));
    case 'object':
      return tryJson(raw);
    default:
      return raw;
  }
}

function tryJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw; // left as a string so validation reports the key with its expected type
  }
}
