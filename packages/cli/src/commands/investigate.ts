/** `faultline investigate` through the resolution service's API: the runbook's investigation of an event or a group. */
import type { InvestigateQuery, Investigation } from '@faultline/api-contracts';
import { projectPath, resolutionApi } from '../api/resolution-api.js';
import { fail, parseCommand } from '../args.js';
import { print, runCommand } from '../run-command.js';

const USAGE =
  'faultline investigate --project <id> (--event <eventId> | --group <groupId>) [--json]  (resolution API: FAULTLINE_RESOLUTION_URL, default http://127.0.0.1:8095)';

const { values } = parseCommand(
  process.argv.slice(2),
  { project: { type: 'string' }, event: { type: 'string' }, group: { type: 'string' } },
  USAGE,
);
if (values.help) fail(USAGE);
if (!values.project || (!values.event && !values.group))
  fail(USAGE, 'investigate needs --project and --event or --group');
const json = values.json === true;

await runCommand(json, async () => {
  const query: InvestigateQuery = values.event ? { eventId: values.event } : { groupId: values.group };
  const result = await resolutionApi(process.env).request<Investigation>(
    `${projectPath(values.project ?? '')}/investigation`,
    // Health probes every service (2 s each by default), so the answer can take a few seconds.
    { query, timeoutMs: 30_000 },
  );
  print(json, result, () =>
    [
      'Context:',
      ...Object.entries(result.context).map(([key, value]) => `  ${key}: ${value}`),
      'Findings:',
      ...result.findings.map((f) => `  - ${f}`),
      'Recommendations:',
      ...(result.recommendations.length ? result.recommendations.map((r) => `  - ${r}`) : ['  (none)']),
    ].join('\n'),
  );
});
