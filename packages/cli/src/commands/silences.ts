/** `faultline silences list|create|expire` through the alerter's API. */
import { parseDuration } from '../alerts/duration.js';
import { silencesTable } from '../alerts/render.js';
import { alerterClient } from '../api/alerter-client.js';
import { localToken, serviceClient } from '../api/service-endpoints.js';
import { fail, pairs, parseCommand } from '../args.js';
import { terminalWidth } from '../output/table.js';
import { print, runCommand } from '../run-command.js';

const USAGE =
  'faultline silences list [--active] | create --match key=value... (--for 2h | --until <iso>) [--starts <iso>] [--comment text] | expire <id>  [--url http://127.0.0.1:8091] [--json]\n  match keys: projectId, severity, component, groupId';

const { values, positionals } = parseCommand(
  process.argv.slice(2),
  {
    match: { type: 'string', multiple: true },
    for: { type: 'string' },
    until: { type: 'string' },
    starts: { type: 'string' },
    comment: { type: 'string' },
    active: { type: 'boolean' },
    url: { type: 'string' },
  },
  USAGE,
);
const [action, id] = positionals;
if (values.help || !action) fail(USAGE);
const json = values.json === true;

await runCommand(json, async () => {
  const client = alerterClient(
    serviceClient('alerter', process.env, { url: values.url, token: localToken(process.env) }),
  );
  switch (action) {
    case 'list': {
      const silences = (await client.listSilences()).filter((s) => !values.active || s.active);
      return print(json, { silences }, () => silencesTable(silences, terminalWidth()));
    }
    case 'create': {
      let matchers: Record<string, string>;
      try {
        matchers = pairs(values.match);
      } catch (error) {
        fail(USAGE, (error as Error).message);
      }
      if (Object.keys(matchers).length === 0) fail(USAGE, 'create needs at least one --match');
      const starts = values.starts ? Date.parse(values.starts) : Date.now();
      if (Number.isNaN(starts)) fail(USAGE, '--starts is not a date');
      const forMs = values.for === undefined ? undefined : parseDuration(values.for);
      if (forMs === null) fail(USAGE, `--for ${values.for} is not a duration (e.g. 30m, 2h, 1d)`);
      const ends =
        forMs !== undefined ? starts + forMs : values.until ? Date.parse(values.until) : Number.NaN;
      if (Number.isNaN(ends)) fail(USAGE, 'create needs --for or --until');
      const silence = await client.createSilence({
        matchers,
        // Always sent, so --for is measured from the same instant the alerter stores.
        startsAt: new Date(starts).toISOString(),
        endsAt: new Date(ends).toISOString(),
        ...(values.comment ? { comment: values.comment } : {}),
      });
      return print(json, silence, () => `silence ${silence.id} until ${silence.endsAt}`);
    }
    case 'expire': {
      if (!id) fail(USAGE, 'expire needs a silence id');
      const silence = await client.expireSilence(id);
      return print(json, silence, () => `silence ${silence.id} ended at ${silence.endsAt}`);
    }
    default:
      fail(USAGE, `unknown action ${action}`);
  }
});
