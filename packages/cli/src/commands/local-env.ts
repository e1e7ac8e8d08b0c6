/**
 * `faultline local-env`: the local stack's settings as `KEY=value` lines, for
 * `eval "$(pnpm -s faultline local-env)"` before curl or clickhouse tools. Values come from where
 * the commands find them (environment first, then `pnpm start`'s local-secrets.json); a token that
 * is nowhere is left out with a comment saying so.
 */
import { DEFAULT_PORTS } from '@faultline/config';
import { infraEndpoints } from '@faultline/infra';
import { localToken, type ServiceName, serviceUrl } from '../api/service-endpoints.js';
import { fail, parseCommand } from '../args.js';
import { CliError } from '../cli-error.js';
import { runCommand } from '../run-command.js';

const USAGE = 'faultline local-env [--json]';
const { values, positionals } = parseCommand(process.argv.slice(2), {}, USAGE);
if (values.help || positionals.length > 0) fail(USAGE);
const json = values.json === true;

await runCommand(json, async () => {
  const env = process.env;
  const infra = infraEndpoints({ env });
  const settings: Record<string, string> = {
    CLICKHOUSE_URL: infra.clickhouseUrl,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    REDIS_URL: infra.redisUrl,
  };
  const missing: string[] = [];
  try {
    settings.FAULTLINE_TOKEN = localToken(env);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    missing.push(`# FAULTLINE_TOKEN: ${error.message}`);
  }
  const services = Object.keys(DEFAULT_PORTS).filter(
    (name): name is ServiceName => !['clickhouse', 'kafka', 'redis'].includes(name),
  );
  for (const name of services) settings[`FAULTLINE_${name.toUpperCase()}_URL`] = serviceUrl(name, env);
  if (json) {
    console.log(JSON.stringify(settings, null, 2));
    return;
  }
  const lines = Object.entries(settings).map(([key, value]) => `${key}=${shellQuoted(value)}`);
  console.log([...lines, ...missing].join('\n'));
});

/** Safe for `eval`: plain values as they are, anything else in single quotes. */
function shellQuoted(value: string): string {
  return /^[A-Za-z0-9_./:@,%+=-]*$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
