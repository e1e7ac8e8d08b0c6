/** Flags shared by every command, parsed with node:util; a bad flag prints the usage and exits 2. */
import { type ParseArgsConfig, parseArgs } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON = { json: { type: 'boolean' }, help: { type: 'boolean' } } as const;

type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ options: T & typeof COMMON; allowPositionals: true; strict: true }>
>;

export function parseCommand<T extends Options>(argv: string[], options: T, usage: string): Parsed<T> {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, ...COMMON },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    fail(usage, error instanceof Error ? error.message : String(error));
  }
}

export function fail(usage: string, reason?: string): never {
  if (reason) console.error(`error: ${reason}`);
  console.error(`usage: ${usage}`);
  process.exit(2);
}

/** `name=value` pairs of a repeated flag. */
export function pairs(values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at <= 0) throw new Error(`expected name=value, got ${JSON.stringify(value)}`);
    out[value.slice(0, at)] = value.slice(at + 1);
  }
  return out;
}
