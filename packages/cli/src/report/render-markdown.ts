/** Pure: the report as Markdown (terminal, Slack, the text part of the mail). */
import { formatDuration, type ReportModel } from './report-model.js';

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '_none_';
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

export function reportTitle(model: ReportModel): string {
  const kind = model.period === 'daily' ? 'Daily error review' : 'Weekly error analysis';
  return `${kind}: project ${model.projectId}, ${model.from} to ${model.to}`;
}

export function bucketLabel(model: ReportModel, start: string): string {
  return model.period === 'daily' ? start.slice(11, 16) : start.slice(5, 10);
}

export function renderMarkdown(model: ReportModel): string {
  const s = model.summary;
  const change =
    s.changePercent === null
      ? 'no errors in the period before'
      : `${s.changePercent > 0 ? '+' : ''}${s.changePercent}% against the period before (${s.previousTotal})`;
  const r = model.resolution;
  const out = [
    `# ${reportTitle(model)}`,
    '',
    '## Summary',
    '',
    `- Errors: **${s.total}** (${change})`,
    `- Critical errors: **${s.critical}** in ${s.criticalGroups} group(s)`,
    `- New patterns: **${model.newPatterns.length}**`,
    `- Unresolved critical groups: **${model.unresolvedCritical.length}**`,
    '',
    table(
      ['severity', 'errors', 'share'],
      s.bySeverity.map((e) => [e.key, String(e.count), pct(e.share)]),
    ),
    '',
    '### Top components',
    '',
    table(
      ['component', 'errors', 'share'],
      s.topComponents.map((e) => [e.key || '(none)', String(e.count), pct(e.share)]),
    ),
    '',
    '### Top categories',
    '',
    table(
      ['category', 'errors', 'share'],
      s.topCategories.map((e) => [e.key, String(e.count), pct(e.share)]),
    ),
    '',
    `## ${model.period === 'daily' ? 'Errors per hour' : '7-day trend'}`,
    '',
    table(
      ['from', 'errors'],
      model.trend.map((b) => [bucketLabel(model, b.start), String(b.count)]),
    ),
    '',
    '## New error patterns',
    '',
    table(
      ['group', 'severity', 'component', 'events', 'first seen', 'message'],
      model.newPatterns.map((g) => [
        g.groupId,
        g.severity,
        g.component,
        String(g.count),
        g.firstSeen,
        g.message,
      ]),
    ),
    '',
    '## Unresolved critical errors',
    '',
    table(
      ['group', 'status', 'component', 'team', 'events', 'last seen', 'message'],
      model.unresolvedCritical.map((g) => [
        g.groupId,
        g.status,
        g.component,
        g.team,
        String(g.count),
        g.lastSeen,
        g.message,
      ]),
    ),
    '',
    '## Resolution metrics',
    '',
    `- Tickets opened: ${r.tickets}, resolved: ${r.resolved}, still open: ${r.open}`,
    `- Time to resolution: mean ${formatDuration(r.meanMs)}, p50 ${formatDuration(r.p50Ms)}, p90 ${formatDuration(r.p90Ms)}`,
    `- SLA breaches: ${r.slaBreaches}`,
  ];
  if (model.teams) {
    out.push(
      '',
      '## Team performance',
      '',
      table(
        ['team', 'errors', 'tickets resolved', 'mean time to resolution'],
        model.teams.map((t) => [
          t.team,
          String(t.errors),
          String(t.ticketsResolved),
          formatDuration(t.meanResolutionMs),
        ]),
      ),
    );
  }
  if (model.prevention) {
    out.push('', '## Prevention suggestions', '');
    out.push(
      ...(model.prevention.length
        ? model.prevention.map((p) => `- **${p.about}** (${pct(p.share)} of errors): ${p.suggestion}`)
        : ['_none_']),
    );
  }
  return `${out.join('\n')}\n`;
}
