/** `faultline report daily|weekly`: the runbook's daily review and weekly analysis from the metrics API. */
import { writeFileSync } from 'node:fs';
import { serviceClient } from '../api/service-endpoints.js';
import { fail, parseCommand } from '../args.js';
import { progress } from '../output/progress.js';
import { sendEmail, sendSlack } from '../report/deliver.js';
import { fetchReportData, type Period } from '../report/fetch-report-data.js';
import { renderHtml } from '../report/render-html.js';
import { renderMarkdown, reportTitle } from '../report/render-markdown.js';
import { buildReportModel } from '../report/report-model.js';
import { runCommand } from '../run-command.js';

const USAGE =
  'faultline report daily|weekly --project <id> [--format markdown|html] [--out file] [--at <iso end time>] [--metrics-url url] [--email to,to --smtp smtp://host:port --from addr] [--slack webhook-url] [--json]';

const REPORT_TIMEOUT_MS = 60_000;

const { values, positionals } = parseCommand(
  process.argv.slice(2),
  {
    project: { type: 'string' },
    format: { type: 'string', default: 'markdown' },
    out: { type: 'string' },
    at: { type: 'string' },
    'metrics-url': { type: 'string' },
    email: { type: 'string' },
    smtp: { type: 'string' },
    from: { type: 'string' },
    slack: { type: 'string' },
  },
  USAGE,
);
const [period] = positionals;
if (values.help) fail(USAGE);
if (period !== 'daily' && period !== 'weekly') fail(USAGE, 'daily or weekly');
const projectId = values.project ?? process.env.FAULTLINE_PROJECT;
if (!projectId) fail(USAGE, '--project is required');
if (values.format !== 'markdown' && values.format !== 'html') fail(USAGE, '--format is markdown or html');
const toMs = values.at ? Date.parse(values.at) : Date.now();
if (Number.isNaN(toMs)) fail(USAGE, '--at is not a date');
const smtpUrl = values.smtp ?? process.env.FAULTLINE_SMTP_URL;
if (values.email && !smtpUrl) fail(USAGE, '--email needs --smtp (or FAULTLINE_SMTP_URL)');
const json = values.json === true;

await runCommand(json, async () => {
  // Analytics over 30 days of events can take longer than an ordinary request.
  const metrics = serviceClient('metrics', process.env, {
    url: values['metrics-url'],
    timeoutMs: process.env.FAULTLINE_HTTP_TIMEOUT_MS ? undefined : REPORT_TIMEOUT_MS,
  });
  const bar = json ? undefined : progress(10);
  const data = await fetchReportData(metrics, projectId, period as Period, toMs, (done, total, label) =>
    bar?.update(done, label, total),
  );
  bar?.stop();
  const model = buildReportModel(data);
  const markdown = renderMarkdown(model);
  const html = renderHtml(model);
  const delivered: string[] = [];
  if (values.email && smtpUrl) {
    const to = values.email
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    await sendEmail(
      { smtpUrl, from: values.from ?? 'Faultline <faultline@localhost>', to },
      reportTitle(model),
      markdown,
      html,
    );
    delivered.push(`email ${to.join(', ')}`);
  }
  if (values.slack) {
    await sendSlack(values.slack, markdown);
    delivered.push('slack');
  }
  const document = values.format === 'html' ? html : markdown;
  if (values.out) writeFileSync(values.out, document);
  if (json)
    console.log(
      JSON.stringify({ report: model, delivered, ...(values.out ? { out: values.out } : {}) }, null, 2),
    );
  else if (!values.out) process.stdout.write(document);
  for (const line of delivered) console.error(`sent: ${line}`);
});
