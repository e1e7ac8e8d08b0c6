import type { Severity } from '@faultline/contracts';
import type { ChannelMessage } from './channel.js';

export const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '#E01E5A',
  high: '#F2952F',
  medium: '#ECB22E',
  low: '#439FE0',
};
export const RESOLVED_COLOUR = '#2EB67D';
export const ACKNOWLEDGED_COLOUR = '#6B7280';

export function colourFor(message: ChannelMessage): string {
  if (message.purpose === 'resolved') return RESOLVED_COLOUR;
  if (message.purpose === 'acknowledged') return ACKNOWLEDGED_COLOUR;
  return SEVERITY_COLOURS[message.alert.severity];
}

/** One line that says what happened: used as subject, SMS body start and Slack fallback. */
export function headline(message: ChannelMessage): string {
  const { alert } = message;
  const tag = `[${alert.severity.toUpperCase()}] ${alert.scope.projectId}`;
  switch (message.purpose) {
    case 'acknowledged':
      return `Acknowledged by ${alert.acknowledgedBy ?? 'someone'}: ${tag}: ${alert.message}`;
    case 'resolved':
      return `Resolved by ${alert.resolvedBy ?? 'someone'}: ${tag}: ${alert.message}`;
    default:
      return message.stage === 0
        ? `${tag}: ${alert.message}`
        : `Escalation ${message.stage}: ${tag}: ${alert.message}`;
  }
}

/** The facts every long-form message carries, as label/value pairs. */
export function facts(message: ChannelMessage): [string, string][] {
  const { alert } = message;
  const rows: [string, string][] = [
    ['Severity', alert.severity],
    ['Status', alert.status],
    ['Project', alert.scope.projectId],
    ['Errors', String(alert.errorCount)],
    ['Components', alert.affectedComponents.join(', ') || '-'],
    ['First seen', alert.firstSeen],
    ['Last seen', alert.lastSeen],
    ['Alert', alert.alertId],
  ];
  if (message.stage > 0) rows.push(['Escalation stage', String(message.stage)]);
  return rows;
}

export function sampleLines(message: ChannelMessage): string[] {
  return message.alert.samples.map(
    (s) => `${s.timestamp} ${s.component ? `[${s.component}] ` : ''}${s.message}`,
  );
}

export function plainText(message: ChannelMessage): string {
  const lines = [headline(message), '', ...facts(message).map(([k, v]) => `${k}: ${v}`)];
  const samples = sampleLines(message);
  if (samples.length > 0) lines.push('', 'Samples:', ...samples.map((s) => `  ${s}`));
  if (message.alertUrl) lines.push('', message.alertUrl);
  return lines.join('\n');
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

export function html(message: ChannelMessage): string {
  const rows = facts(message)
    .map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  const samples = sampleLines(message);
  const sampleList =
    samples.length > 0
      ? `<h3>Samples</h3><ul>${samples.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>`
      : '';
  const link = message.alertUrl ? `<p><a href="${escapeHtml(message.alertUrl)}">Open the alert</a></p>` : '';
  return `<!doctype html><html><body><h2 style="border-left:6px solid ${colourFor(message)};padding-left:8px">${escapeHtml(headline(message))}</h2><table>${rows}</table>${sampleList}${link}</body></html>`;
}
