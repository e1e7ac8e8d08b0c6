/** `faultline doctor`: the runbook's critical response in one command. Exit 1 when something is down. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { infraEndpoints, resolveConfig } from '@faultline/infra';
import { fail, pairs, parseCommand } from '../args.js';
import { defaultGroups, defaultServices, expectedTopics, topicPrefix } from '../doctor/defaults.js';
import { renderDoctor } from '../doctor/render.js';
import { exitCode } from '../doctor/report.js';
import { runDoctor } from '../doctor/run-doctor.js';
import { progress } from '../output/progress.js';
import { terminalWidth } from '../output/table.js';

const USAGE =
  'faultline doctor [--service name=url]... [--group groupId=topic,topic]... [--max-lag 1000] [--since-minutes 60] [--errors 10] [--timeout-ms 2000] [--restart] [--json]';

const { values } = parseCommand(
  process.argv.slice(2),
  {
    service: { type: 'string', multiple: true },
    group: { type: 'string', multiple: true },
    'max-lag': { type: 'string', default: '1000' },
    'since-minutes': { type: 'string', default: '60' },
    errors: { type: 'string', default: '10' },
    'timeout-ms': { type: 'string', default: '2000' },
    restart: { type: 'boolean', default: false },
  },
  USAGE,
);
if (values.help) fail(USAGE);

const number = (name: string, raw: unknown) => {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) fail(USAGE, `--${name} must be a non-negative number`);
  return value;
};

const env = process.env;
const config = resolveConfig({ env });
const prefix = topicPrefix(env);
let services: Record<string, string>;
let groups: Record<string, string[]>;
try {
  services = values.service?.length ? pairs(values.service) : defaultServices(env);
  groups = values.group?.length
    ? Object.fromEntries(
        Object.entries(pairs(values.group)).map(([g, t]) => [g, t.split(',').filter(Boolean)]),
      )
    : defaultGroups(prefix);
} catch (error) {
  fail(USAGE, (error as Error).message);
}

const bar = values.json ? undefined : progress(1);
const report = await runDoctor({
  endpoints: infraEndpoints({ env }),
  redisClusterNodes: (env.FAULTLINE_REDIS_CLUSTER_NODES ?? '').split(',').filter(Boolean),
  services,
  expectedTopics: expectedTopics(prefix),
  groups,
  maxLag: number('max-lag', values['max-lag']),
  timeoutMs: number('timeout-ms', values['timeout-ms']),
  logsDir: join(config.home, 'logs'),
  dataPath: existsSync(config.home) ? config.home : config.repoRoot,
  sinceMs: Date.now() - number('since-minutes', values['since-minutes']) * 60_000,
  errorLimit: number('errors', values.errors),
  restart: values.restart === true,
  env,
  onStep: (done, total, label) => bar?.update(done, label, total),
});
bar?.stop();

console.log(values.json ? JSON.stringify(report, null, 2) : renderDoctor(report, terminalWidth()));
process.exit(exitCode(report));
