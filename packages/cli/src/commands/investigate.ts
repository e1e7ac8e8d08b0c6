/**
 * `tsx services/metrics/src/cli/investigate.ts --project <id> (--event <eventId> | --group <groupId>) [--json]`
 * against the metrics API (FAULTLINE_METRICS_URL, default http://127.0.0.1:8090).
 */
import { parseArgs } from 'node:util';
import { callApi } from './api-client.js';

const { values } = parseArgs({
  options: {
    project: { type: 'string' },
    event: { type: 'string' },
    group: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

async function run(): Promise<number> {
  if (!values.project || (!values.event && !values.group)) {
    console.error('usage: investigate --project <id> (--event <eventId> | --group <groupId>) [--json]');
    return 2;
  }
  const query = values.event
    ? `eventId=${encodeURIComponent(values.event)}`
    : `groupId=${encodeURIComponent(values.group ?? '')}`;
  const { status, json } = await callApi(
    'GET',
    `/api/v1/projects/${encodeURIComponent(values.project)}/investigation?${query}`,
  );
  if (values.json || status >= 400) {
    console.log(JSON.stringify(json));
    return status < 400 ? 0 : 1;
  }
  const result = json as {
    findings: string[];
    recommendations: string[];
    context: Record<string, string>;
    similar: { count: number };
  };
  console.log(
    [
      'Context:',
      ...Object.entries(result.context).map(([key, value]) => `  ${key}: ${value}`),
      'Findings:',
      ...result.findings.map((f) => `  - ${f}`),
      'Recommendations:',
      ...(result.recommendations.length ? result.recommendations.map((r) => `  - ${r}`) : ['  (none)']),
    ].join('\n'),
  );
  return 0;
}

process.exitCode = await run().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});
