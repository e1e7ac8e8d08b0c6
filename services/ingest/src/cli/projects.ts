/**
 * `tsx services/ingest/src/cli/projects.ts create <name> [--origin <url>]... [--rate <n> --burst <n>] [--json]`
 * `... list [--json]`, `... revoke <projectId> [--json]`, `... add-key <projectId> [--json]`
 * Talks to Redis directly with the ingest config (FAULTLINE_CONFIG, REDIS_URL, ...).
 */
import { parseArgs } from 'node:util';
import { createRedis } from '@faultline/redis';
import { loadIngestConfig } from '../config.js';
import { buildDsn } from '../projects/keys.js';
import { ProjectStore } from '../projects/project-store.js';
import { describeProject } from '../routes/admin.js';

const USAGE =
  'usage: projects create <name> [--origin <url>]... [--rate <events/s> --burst <n>] [--json] | list [--json] | revoke <projectId> [--json] | add-key <projectId> [--json]';

async function run(argv: string[], out: (line: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      origin: { type: 'string', multiple: true },
      rate: { type: 'string' },
      burst: { type: 'string' },
    },
  });
  const [command, argument] = positionals;
  const config = loadIngestConfig();
  const redis = createRedis(config.redis, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const store = new ProjectStore(redis, config.redis.keyPrefix);
  const print = (value: unknown, text: string) => out(values.json ? JSON.stringify(value) : text);
  try {
    if (command === 'create' && argument) {
      const rateLimit = values.rate
        ? { ratePerSecond: Number(values.rate), burst: Number(values.burst ?? values.rate) }
        : undefined;
      const { project, publicKey } = await store.create({
        name: argument,
        allowedOrigins: values.origin,
        rateLimit,
      });
      const dsn = buildDsn(config.ingest.publicUrl, publicKey, project.id);
      print(
        { ...describeProject(project), publicKey, dsn },
        `project ${project.id} (${project.name})\nDSN ${dsn}\nthe key is shown only now; keep it`,
      );
      return 0;
    }
    if (command === 'list') {
      const projects = (await store.list()).map(describeProject);
      const lines = projects.map(
        (p) =>
          `${p.id}\t${p.name}\t${p.keys.filter((k) => !k.revokedAt).length} active key(s)\torigins ${p.allowedOrigins.join(',')}`,
      );
      print({ projects }, lines.join('\n') || 'no projects');
      return 0;
    }
    if (command === 'revoke' && argument) {
      const revoked = await store.revoke(argument);
      print({ projectId: argument, revoked }, `revoked ${revoked} key(s) of project ${argument}`);
      return 0;
    }
    if (command === 'add-key' && argument) {
      if (!(await store.get(argument))) throw new Error(`no project ${argument}`);
      const publicKey = await store.addKey(argument);
      const dsn = buildDsn(config.ingest.publicUrl, publicKey, argument);
      print({ projectId: argument, publicKey, dsn }, `DSN ${dsn}`);
      return 0;
    }
    console.error(USAGE);
    return 2;
  } finally {
    redis.disconnect();
  }
}

run(process.argv.slice(2), (line) => console.log(line)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
