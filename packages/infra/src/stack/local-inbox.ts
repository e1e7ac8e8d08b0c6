import { appendFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';

/** The runbook's recipients (ALERT_ROUTING in @faultline/config), each given an inbox address. */
const RECIPIENTS = ['on-call-engineer', 'tech-lead', 'cto', 'development-team', 'assigned-developer'];

/** One delivery the inbox took, as a line of `<home>/inbox.jsonl`. */
export interface InboxEntry {
  at: string;
  channel: 'slack' | 'pagerduty' | 'sms' | 'other';
  path: string;
  body: unknown;
}

/**
 * A loopback stand-in for Slack, PagerDuty and Twilio on one machine: it accepts what the
 * alerter sends and appends it to a file, so `pnpm start` + `pnpm demo` show pages arriving
 * without real accounts. Used only when no recipients are configured.
 */
export async function startLocalInbox(file: string, port: number): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const channel = path.startsWith('/slack/')
        ? 'slack'
        : path.startsWith('/pagerduty')
          ? 'pagerduty'
          : path.startsWith('/2010-04-01/')
            ? 'sms'
            : 'other';
      let body: unknown = raw;
      try {
        body = channel === 'sms' ? Object.fromEntries(new URLSearchParams(raw)) : JSON.parse(raw);
      } catch {}
      const entry: InboxEntry = { at: new Date().toISOString(), channel, path, body };
      appendFileSync(file, `${JSON.stringify(entry)}\n`);
      // Each answers as the real service does, so the alerter records a successful delivery.
      if (channel === 'pagerduty') res.writeHead(202, { 'content-type': 'application/json' });
      else if (channel === 'sms') res.writeHead(201, { 'content-type': 'application/json' });
      else res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(channel === 'slack' || channel === 'other' ? 'ok' : JSON.stringify({ status: 'success' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { url: `http://127.0.0.1:${port}`, server };
}

/** Alerter env sending every runbook recipient's Slack, PagerDuty and SMS pages to the inbox. */
export function inboxAlerterEnv(url: string): Record<string, string> {
  const recipients = Object.fromEntries(
    RECIPIENTS.map((name, i) => [
      name,
      { slack: `${url}/slack/${name}`, pagerduty: `local-${name}`, sms: `+1555010000${i}` },
    ]),
  );
  return {
    FAULTLINE_RECIPIENTS: JSON.stringify(recipients),
    FAULTLINE_CHANNELS_PAGERDUTY_URL: `${url}/pagerduty`,
    FAULTLINE_CHANNELS_SMS_BASE_URL: url,
    FAULTLINE_CHANNELS_SMS_ACCOUNT_SID: 'AClocalinbox',
    FAULTLINE_CHANNELS_SMS_AUTH_TOKEN: 'local',
    FAULTLINE_CHANNELS_SMS_FROM: '+15550000000',
  };
}
