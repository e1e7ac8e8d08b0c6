import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message a stand-in receiver accepted, with what identifies its recipient on that channel. */
export interface Received {
  channel: 'slack' | 'pagerduty' | 'sms' | 'webhook' | 'email';
  /** Slack/webhook path name, PagerDuty routing key, SMS number, email address. */
  address: string;
  body: Record<string, unknown>;
}

export interface Failure {
  status: number;
  retryAfter?: string;
}

export const TWILIO = {
  accountSid: 'AC0123456789abcdef0123456789abcdef',
  authToken: 'twilio-token',
  from: '+15550000000',
};
export const WEBHOOK_SECRET = 'webhook-secret';

const PD_ACTIONS = ['trigger', 'acknowledge', 'resolve'];
const PD_SEVERITIES = ['critical', 'error', 'warning', 'info'];

/** Checks a request against the documented format of its endpoint; returns what is wrong, or nothing. */
function check(
  channel: Received['channel'],
  req: IncomingMessage,
  raw: string,
  body: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  const need = (ok: unknown, what: string) => {
    if (!ok) problems.push(`${channel}: ${what}`);
  };
  switch (channel) {
    case 'slack': {
      need(req.headers['content-type']?.startsWith('application/json'), 'content-type json');
      need(typeof body.text === 'string' && body.text.length > 0, 'text fallback');
      const attachment = (body.attachments as Record<string, unknown>[] | undefined)?.[0];
      need(
        typeof attachment?.color === 'string' && /^#[0-9A-F]{6}$/i.test(attachment.color as string),
        'attachment colour',
      );
      const blocks = attachment?.blocks as { type: string }[] | undefined;
      need(
        Array.isArray(blocks) &&
          blocks.length > 0 &&
          blocks.every((b) => ['header', 'section', 'context', 'divider'].includes(b.type)),
        'known block types',
      );
      need(blocks?.[0]?.type === 'header', 'header block first');
      break;
    }
    case 'pagerduty': {
      need(typeof body.routing_key === 'string', 'routing_key');
      need(PD_ACTIONS.includes(body.event_action as string), 'event_action');
      need(typeof body.dedup_key === 'string' && (body.dedup_key as string).length <= 255, 'dedup_key');
      if (body.event_action === 'trigger') {
        const payload = body.payload as Record<string, unknown> | undefined;
        need(
          typeof payload?.summary === 'string' && (payload.summary as string).length <= 1024,
          'payload.summary',
        );
        need(typeof payload?.source === 'string', 'payload.source');
        need(PD_SEVERITIES.includes(payload?.severity as string), 'payload.severity');
      }
      break;
    }
    case 'sms': {
      need(req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'), 'form encoded');
      const expected = `Basic ${Buffer.from(`${TWILIO.accountSid}:${TWILIO.authToken}`).toString('base64')}`;
      need(req.headers.authorization === expected, 'basic auth with the account SID and token');
      need(
        req.url === `/2010-04-01/Accounts/${TWILIO.accountSid}/Messages.json`,
        'Messages.json path of the account',
      );
      need(/^\+[1-9]\d{6,14}$/.test(String(body.To)), 'To in E.164');
      need(body.From === TWILIO.from, 'From');
      need(typeof body.Body === 'string' && (body.Body as string).length <= 1600, 'Body');
      break;
    }
    case 'webhook': {
      const timestamp = String(req.headers['x-faultline-timestamp'] ?? '');
      const expected = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${raw}`).digest('hex')}`;
      const given = String(req.headers['x-faultline-signature'] ?? '');
      need(
        given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected)),
        'valid HMAC-SHA256 signature',
      );
      need(
        typeof body.type === 'string' && (typeof body.alert === 'object' || typeof body.ticket === 'object'),
        'type and alert (or ticket)',
      );
      break;
    }
    default:
      break;
  }
  return problems;
}

/**
 * Loopback stand-ins for Slack, PagerDuty, Twilio and a webhook (one HTTP server) and an
 * SMTP server, recording what they accepted and any payload that broke its format.
 * `fail(path, ...)` makes the next requests to a path fail with the given statuses.
 */
export class Receivers {
  readonly received: Received[] = [];
  readonly problems: string[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private http: Server | undefined;
  private smtp: SMTPServer | undefined;
  httpBase = '';
  smtpPort = 0;

  fail(path: string, ...failures: Failure[]): void {
    this.failures.set(path, [...(this.failures.get(path) ?? []), ...failures]);
  }

  of(channel: Received['channel'], predicate: (r: Received) => boolean = () => true): Received[] {
    return this.received.filter((r) => r.channel === channel && predicate(r));
  }

  async start(): Promise<void> {
    this.http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '';
        const failure = this.failures.get(path)?.shift();
        if (failure) {
          res.writeHead(failure.status, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
          res.end('failing on purpose');
          return;
        }
        const [, first, second] = path.split('/');
        const channel: Received['channel'] | undefined =
          first === 'slack'
            ? 'slack'
            : first === 'webhook'
              ? 'webhook'
              : first === 'pagerduty'
                ? 'pagerduty'
                : first === '2010-04-01'
                  ? 'sms'
                  : undefined;
        if (!channel) {
          res.writeHead(404).end();
          return;
        }
        let body: Record<string, unknown>;
        try {
          body =
            channel === 'sms'
              ? Object.fromEntries(new URLSearchParams(raw))
              : (JSON.parse(raw) as Record<string, unknown>);
        } catch {
          this.problems.push(`${channel}: body is not ${channel === 'sms' ? 'a form' : 'JSON'}`);
          res.writeHead(400).end();
          return;
        }
        const problems = check(channel, req, raw, body);
        if (problems.length > 0) {
          this.problems.push(...problems);
          res.writeHead(400).end(problems.join('; '));
          return;
        }
        const address =
          channel === 'sms'
            ? String(body.To)
            : channel === 'pagerduty'
              ? String(body.routing_key)
              : (second ?? '');
        this.received.push({ channel, address, body });
        if (channel === 'pagerduty') {
          res
            .writeHead(202, { 'content-type': 'application/json' })
            .end(
              JSON.stringify({ status: 'success', message: 'Event processed', dedup_key: body.dedup_key }),
            );
        } else if (channel === 'sms') {
          res.writeHead(201, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              sid: `SM${Date.now()}`,
              status: 'queued',
              to: body.To,
              from: body.From,
              body: body.Body,
            }),
          );
        } else {
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        }
      });
    });
    await new Promise<void>((resolve) => this.http?.listen(0, '127.0.0.1', resolve));
    this.httpBase = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;

    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const to = session.envelope.rcptTo.map((r) => r.address);
            if (!mail.subject || !mail.text || typeof mail.html !== 'string')
              this.problems.push('email: subject, text and HTML parts');
            for (const address of to) {
              this.received.push({
                channel: 'email',
                address,
                body: { subject: mail.subject, text: mail.text, html: mail.html, from: mail.from?.text },
              });
            }
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.smtp?.listen(0, '127.0.0.1', resolve));
    this.smtpPort = (this.smtp.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.http?.close(resolve));
    await new Promise<void>((resolve) => this.smtp?.close(() => resolve()));
  }
}
