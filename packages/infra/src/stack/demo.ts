/**
 * `pnpm demo`: with `pnpm start` running, sends the demo project a day of history and then
 * bursts that cross every runbook threshold, and shows what came out: the alerts the
 * alerter holds, with their deliveries, and the rows the analytics API answers.
 * FAULTLINE_INGEST_URL / FAULTLINE_METRICS_URL / FAULTLINE_ALERTER_URL / FAULTLINE_RESOLUTION_URL
 * override the local URLs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../config.js';
import { type DemoEvent, demoEvents } from './demo-events.js';
import type { DemoProject } from './demo-project.js';
import { FAULTLINE_SERVICES } from './faultline-services.js';
import type { InboxEntry } from './local-inbox.js';
import { localSecrets } from './local-secrets.js';

const log = (line: string) => console.log(line);
const BATCH = 100;
const WAIT_MS = 90_000;

const config = resolveConfig();
const projectFile = join(config.home, 'demo-project.json');
if (!existsSync(projectFile)) {
  console.error(`no demo project at ${projectFile}: run \`pnpm start\` first`);
  process.exit(1);
}
const demo = JSON.parse(readFileSync(projectFile, 'utf8')) as DemoProject;
const key = demo.publicKey;
const local = (name: string) => `http://127.0.0.1:${FAULTLINE_SERVICES.find((s) => s.name === name)?.port}`;
const ingestUrl = process.env.FAULTLINE_INGEST_URL ?? local('ingest');
const metricsUrl = process.env.FAULTLINE_METRICS_URL ?? local('metrics');
const alerterUrl = process.env.FAULTLINE_ALERTER_URL ?? local('alerter');
const resolutionUrl = process.env.FAULTLINE_RESOLUTION_URL ?? local('resolution');
// Every API takes the local owner token `pnpm start` made.
const token = localSecrets(config.home).ownerToken;

async function send(events: DemoEvent[]): Promise<number> {
  let accepted = 0;
  for (let i = 0; i < events.length; i += BATCH) {
    const response = await fetch(`${ingestUrl}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(events.slice(i, i + BATCH)),
    });
    if (response.status !== 202)
      throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    accepted += ((await response.json()) as { ids: string[] }).ids.length;
  }
  return accepted;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface AlertSummary {
  alertId: string;
  dedupKey?: string;
  firedAt?: string;
  severity: string;
  status: string;
  errorCount?: number;
  message?: string;
}

// Alerts left open by an earlier run would absorb this run's bursts: close them first.
const open = (
  await getJson<{ alerts: AlertSummary[] }>(`${alerterUrl}/api/v1/alerts?limit=100`)
).alerts.filter((a) => a.status !== 'resolved' && a.dedupKey?.startsWith(`${demo.id}:`));
for (const alert of open) {
  await fetch(`${alerterUrl}/api/v1/alerts/${alert.alertId}/resolve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'closed before a new demo run' }),
  });
}
if (open.length > 0) {
  log(`resolved ${open.length} alerts left open by an earlier demo run`);
  // The detector re-arms a scope when it reads the resolved event.
  await new Promise((resolve) => setTimeout(resolve, 5000));
}
const project = `${metricsUrl}/api/v1/projects/${demo.id}`;
const storedNow = async () =>
  (await getJson<{ total?: number }>(`${project}/top/severity`).catch(() => ({ total: 0 }))).total ?? 0;
const before = await storedNow();
const inboxFile = join(config.home, 'inbox.jsonl');
const inboxLines = () =>
  existsSync(inboxFile) ? readFileSync(inboxFile, 'utf8').split('\n').filter(Boolean) : [];
const inboxBefore = inboxLines().length;
const runStart = Date.now();
const { history, bursts } = demoEvents(runStart);
log(
  `demo project ${demo.id}: sending ${bursts.length} events now to ${ingestUrl}, crossing the critical, high, medium and low thresholds`,
);
await send(bursts);
log(`sending ${history.length} events of history (the last 24 h)`);
await send(history);

const total = history.length + bursts.length;
const deadline = Date.now() + WAIT_MS;
let alerts: AlertSummary[] = [];
let stored = 0;
log('waiting for the pipeline (categorizer -> detector -> alerter, metrics -> ClickHouse)...');
while (Date.now() < deadline) {
  const listed = await getJson<{ alerts: AlertSummary[] }>(`${alerterUrl}/api/v1/alerts?limit=100`).catch(
    () => ({ alerts: [] }),
  );
  alerts = listed.alerts.filter(
    (a) => a.dedupKey?.startsWith(`${demo.id}:`) && Date.parse(a.firedAt ?? '') >= runStart,
  );
  stored = (await storedNow()) - before;
  const severities = new Set(alerts.map((a) => a.severity));
  const paged = !existsSync(inboxFile) || inboxLines().length > inboxBefore;
  if (stored >= total && paged && ['critical', 'high', 'medium', 'low'].every((s) => severities.has(s)))
    break;
  await new Promise((resolve) => setTimeout(resolve, 2000));
}

log(`\nalerts (alerter API, ${alerterUrl}/api/v1/alerts):`);
for (const alert of alerts)
  log(`  ${alert.severity.padEnd(9)} ${alert.status.padEnd(13)} ${alert.alertId}  ${alert.message ?? ''}`);
const active = await getJson<{ total: number; bySeverity: Record<string, { total: number }> }>(
  `${project}/alerts/active`,
).catch(() => undefined);
if (active)
  log(
    `active alerts (analytics API): ${active.total} ${JSON.stringify(Object.fromEntries(Object.entries(active.bySeverity).map(([s, c]) => [s, c.total])))}`,
  );
if (existsSync(inboxFile)) {
  const entries = inboxLines()
    .slice(inboxBefore)
    .map((line) => JSON.parse(line) as InboxEntry);
  const byChannel = new Map<string, number>();
  for (const entry of entries) byChannel.set(entry.channel, (byChannel.get(entry.channel) ?? 0) + 1);
  log(`\npages received by the local inbox (${inboxFile}): ${JSON.stringify(Object.fromEntries(byChannel))}`);
  for (const entry of entries.filter((e) => e.channel === 'sms').slice(0, 4))
    log(
      `  sms to ${(entry.body as { To?: string }).To}: ${(entry.body as { Body?: string }).Body?.split('\n')[0]}`,
    );
}
// Critical and high groups get a ticket by themselves (resolution service).
const tickets = await getJson<{ tickets: { status: string; severity?: string; title: string }[] }>(
  `${resolutionUrl}/api/v1/projects/${demo.id}/tickets?status=open`,
).catch(() => undefined);
if (tickets)
  log(
    `\nopen tickets (resolution API, ${resolutionUrl}): ${tickets.tickets.length}${tickets.tickets
      .slice(0, 3)
      .map((t) => `\n  ${(t.severity ?? '').padEnd(9)} ${t.title}`)
      .join('')}`,
  );
log(`\nhistory (analytics API, ${project}):`);
log(`  events stored by this run: ${stored} of ${total} sent (last 24 h)`);
for (const dimension of ['severity', 'category', 'component', 'team']) {
  const top = await getJson<{ entries: { key: string; count: number }[] }>(
    `${project}/top/${dimension}?limit=5`,
  ).catch(() => undefined);
  const items = (top?.entries ?? []).map((e) => `${e.key || '(none)'}=${e.count}`).join(', ');
  log(`  top ${dimension.padEnd(10)} ${items}`);
}
log(
  '\nPages go to the recipients in the alerter config (FAULTLINE_RECIPIENTS); the dashboard channel needs none.',
);
log(`Try: curl -s ${project}/groups | head -c 600; echo`);
if (alerts.length === 0 || stored < total) {
  console.error(`\nnot everything arrived within ${WAIT_MS / 1000} s: see .faultline/logs/<service>.log`);
  process.exit(1);
}
