import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The absolute path of `command` on PATH, or a one-line error naming what to install. */
export function requireCommand(command: string, install: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  throw new Error(`${command} not found: ${install}`);
}

export const JAVA_INSTALL = 'apt-get install -y openjdk-17-jre-headless';
export const MAVEN_INSTALL = 'apt-get install -y maven';
export const REDIS_INSTALL = 'apt-get install -y redis-server';

/** Kafka 3.9 brokers need Java 17 or newer; an older java fails later with an obscure class version error. */
export async function requireJava17(): Promise<string> {
  const java = requireCommand('java', JAVA_INSTALL);
  // `java -version` writes to stderr, e.g. `openjdk version "17.0.12" 2024-07-16`.
  const { stderr } = await run(java, ['-version']);
  const major = Number(/version "(\d+)/.exec(stderr)?.[1]);
  if (!(major >= 17))
    throw new Error(`java 17 or newer is needed (found: ${stderr.split('\n')[0]}): ${JAVA_INSTALL}`);
  return java;
}
