import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import { DeliveryError } from '../delivery/delivery-error.js';
import type { Channel, ChannelMessage } from './channel.js';
import { headline, html, plainText } from './render.js';

export interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
  /** Without TLS from the first byte, insist on STARTTLS: credentials and event text never go in clear. */
  requireTls: boolean;
  username: string;
  password: string;
  from: string;
  /** Bounds connect, greeting and each socket wait. */
  timeoutMs: number;
}

export function emailMessage(message: ChannelMessage, from: string, to: string): Mail {
  return {
    from,
    to,
    subject: headline(message),
    text: plainText(message),
    html: html(message),
    headers: { 'X-Faultline-Alert': message.alert.alertId, 'X-Faultline-Severity': message.alert.severity },
  };
}

export interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** SMTP through nodemailer; 4xx replies and network errors are retried, 5xx replies are final. */
export function emailChannel(options: SmtpOptions): Channel & {
  /** Any mail through the same session and error rules (ticket notices use it). */
  sendMail(mail: Mail, signal: AbortSignal): Promise<void>;
} {
  const failure = (error: unknown) => {
    if (error instanceof DeliveryError) return error;
    const code = (error as { responseCode?: number }).responseCode;
    return new DeliveryError(
      `SMTP ${options.host}:${options.port}: ${(error as Error).message}`,
      code === undefined || code < 500,
      undefined,
      { cause: error },
    );
  };

  /**
   * One SMTP session per mail. When the attempt's signal fires, the session is closed before
   * the server acknowledged the message's end, so the server discards it: an abandoned send
   * that still landed would make the retry mail the recipient twice.
   */
  async function sendMail(mail: Mail, signal: AbortSignal): Promise<void> {
    const message = new MailComposer(mail).compile();
    const envelope = message.getEnvelope();
    const raw = await message.build();
    const connection = new SMTPConnection({
      host: options.host,
      port: options.port,
      secure: options.secure,
      requireTLS: options.requireTls,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
    });
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        connection.close();
        reject(new DeliveryError(`SMTP ${options.host}:${options.port}: timed out`, true));
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    // `on`, not `once`: a second 'error' without a listener would crash the process.
    const failed = new Promise<never>((_, reject) => connection.on('error', reject));
    const step = (run: (done: (error?: Error | null) => void) => void) =>
      Promise.race([
        new Promise<void>((resolve, reject) => run((error) => (error ? reject(error) : resolve()))),
        failed,
      ]);
    const session = (async () => {
      await step((done) => connection.connect(done));
      if (options.username)
        await step((done) => connection.login({ user: options.username, pass: options.password }, done));
      await step((done) => connection.send(envelope, raw, (error) => done(error)));
      connection.quit();
    })();
    try {
      await Promise.race([session, aborted]);
    } catch (error) {
      connection.close();
      throw failure(error);
    } finally {
      signal.removeEventListener('abort', onAbort);
      for (const settled of [session, aborted, failed]) settled.catch(() => {});
    }
  }
  return {
    name: 'email',
    send: (message, address, signal) => sendMail(emailMessage(message, options.from, address), signal),
    sendMail,
  };
}
