import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import Value from 'typebox/value';
import { ConfigError } from './config-error.js';
import { readConfigFile } from './config-file.js';
import { envBindings, parseEnvValue } from './env.js';

export interface LoadConfigOptions {
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** A YAML or JSON file; @default the FAULTLINE_CONFIG environment variable, if set */
  file?: string;
}

/**
 * Builds a service's config: schema defaults, then the optional file, then environment
 * variables, validated once. Throws ConfigError naming every bad key and its source.
 */
export function loadConfig<S extends TSchema>(schema: S, options: LoadConfigOptions = {}): Static<S> {
  const env = options.env ?? process.env;
  const file = options.file ?? env.FAULTLINE_CONFIG;
  const sources = new Map<string, string>();

  const fromFile = file ? readConfigFile(file) : {};
  for (const key of leafKeys(fromFile)) sources.set(key, `file ${file}`);
  const value = structuredClone(fromFile) as Record<string, unknown>;

  for (const binding of envBindings(schema)) {
    const name = binding.names.find((n) => env[n] !== undefined);
    if (name === undefined) continue;
    setPath(value, binding.path, parseEnvValue(env[name] as string, binding.schema));
    sources.set(binding.path.join('.'), `env ${name}`);
  }

  const withDefaults = Value.Default(schema, value);
  const validator = Compile(schema);
  if (validator.Check(withDefaults)) return withDefaults as Static<S>;

  const problems = validator
    .Errors(withDefaults)
    // Each unknown key is reported once as its own path ("schema is false"), which names it better.
    .filter((error) => error.keyword !== 'additionalProperties')
    .map((error) => {
      const key = error.instancePath.split('/').filter(Boolean).join('.') || '(top level)';
      const message = error.keyword === 'boolean' ? 'unknown key' : error.message;
      return `${key}: ${message}${describeSource(sources, key)}`;
    });
  throw new ConfigError([...new Set(problems)]);
}

function describeSource(sources: Map<string, string>, key: string): string {
  for (let k = key; k !== ''; k = k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : '') {
    const source = sources.get(k);
    if (source) return ` [from ${source}]`;
  }
  return '';
}

function setPath(target: Record<string, unknown>, path: readonly string[], leaf: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = leaf;
}

function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}
