/** `faultline projects create|list|revoke|add-key` through ingest's admin API. A new key is shown only once. */
import { ingestAdminClient } from '../api/ingest-admin-client.js';
import { localToken, serviceClient } from '../api/service-endpoints.js';
import { fail, parseCommand } from '../args.js';
import { print, runCommand } from '../run-command.js';

const USAGE =
  'faultline projects create <name> [--origin <url>]... [--rate <events/s> [--burst <n>]] | list | revoke <projectId> | add-key <projectId>  [--url http://127.0.0.1:8080] [--json]';

const { values, positionals } = parseCommand(
  process.argv.slice(2),
  {
    origin: { type: 'string', multiple: true },
    rate: { type: 'string' },
    burst: { type: 'string' },
    url: { type: 'string' },
  },
  USAGE,
);
const [action, argument] = positionals;
if (values.help || !action) fail(USAGE);
const json = values.json === true;

await runCommand(json, async () => {
  const admin = ingestAdminClient(
    serviceClient('ingest', process.env, { url: values.url, token: localToken(process.env) }),
  );
  switch (action) {
    case 'create': {
      if (!argument) fail(USAGE, 'create needs a project name');
      const project = await admin.createProject({
        name: argument,
        ...(values.origin ? { allowedOrigins: values.origin } : {}),
        ...rateLimit(),
      });
      return print(
        json,
        project,
        () =>
          `project ${project.id} (${project.name})\nDSN ${project.dsn}\nthe key is shown only now; keep it`,
      );
    }
    case 'list': {
      const projects = await admin.listProjects();
      const lines = projects.map(
        (p) =>
          `${p.id}\t${p.name}\t${p.keys.filter((k) => !k.revokedAt).length} active key(s)\torigins ${p.allowedOrigins.join(',')}`,
      );
      return print(json, { projects }, () => lines.join('\n') || 'no projects');
    }
    case 'revoke': {
      if (!argument) fail(USAGE, 'revoke needs a project id');
      const revoked = await admin.revokeKeys(argument);
      return print(
        json,
        { projectId: argument, revoked },
        () => `revoked ${revoked} key(s) of project ${argument}`,
      );
    }
    case 'add-key': {
      if (!argument) fail(USAGE, 'add-key needs a project id');
      const key = await admin.addKey(argument);
      return print(json, { projectId: argument, ...key }, () => `DSN ${key.dsn}`);
    }
    default:
      fail(USAGE, `unknown action ${action}`);
  }
});

/** `--rate` alone allows bursts of the same size. */
function rateLimit() {
  if (values.rate === undefined) {
    if (values.burst !== undefined) fail(USAGE, '--burst needs --rate');
    return {};
  }
  const ratePerSecond = Number(values.rate);
  const burst = Number(values.burst ?? values.rate);
  if (!(ratePerSecond > 0)) fail(USAGE, '--rate must be a positive number');
  if (!(Number.isInteger(burst) && burst >= 1)) fail(USAGE, '--burst must be a positive integer');
  return { rateLimit: { ratePerSecond, burst } };
}
