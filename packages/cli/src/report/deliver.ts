/** I/O: sends a finished report by email (SMTP via nodemailer) or to a Slack incoming webhook. */
import nodemailer from 'nodemailer';
import { httpClient } from '../api/http-client.js';

export interface EmailDelivery {
  /** smtp://host:port (smtps:// for TLS), credentials in the URL if needed. */
  smtpUrl: string;
  from: string;
  to: string[];
}

export async function sendEmail(
  delivery: EmailDelivery,
  subject: string,
  text: string,
  html: string,
): Promise<void> {
  const transport = nodemailer.createTransport(delivery.smtpUrl);
  try {
    await transport.sendMail({ from: delivery.from, to: delivery.to, subject, text, html });
  } finally {
    transport.close();
  }
}

// Slack rejects message text above 40 000 characters; a report that long is cut with a note.
const SLACK_TEXT_LIMIT = 39_000;

export async function sendSlack(webhookUrl: string, markdown: string): Promise<void> {
  const text =
    markdown.length > SLACK_TEXT_LIMIT
      ? `${markdown.slice(0, SLACK_TEXT_LIMIT)}\n… (cut; see the full report)`
      : markdown;
  // Slack answers "ok" as plain text.
  await httpClient({ service: 'Slack', baseUrl: webhookUrl }).request(webhookUrl, {
    method: 'POST',
    body: { text },
    answer: 'text',
  });
}
