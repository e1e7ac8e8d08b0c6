import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError } from './config-error.js';

/** Reads a YAML (or JSON, which is YAML) config file; a missing or malformed file is a ConfigError. */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    ]);
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new ConfigError([`config file ${path}: ${(error as Error).message.split('\n')[0]}`]);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError([`config file ${path}: the top level must be a mapping of keys`]);
  }
  return parsed as Record<string, unknown>;
}
