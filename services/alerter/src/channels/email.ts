import nodemailer from 'nodemailer';
import { DeliveryError } from '../delivery/delivery-error.js';
import type { Channel, ChannelMessage } from './channel.js';
import { headline, html, plainText } from './render.js';

export interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
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
  close(): void;
  /** Any mail through the same transport and error rules (ticket notices use it). */
  sendMail(mail: Mail, signal: AbortSignal): Promise<void>;
} {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    ...(options.username ? { auth: { user: options.username, pass: options.password } } : {}),
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  /**
   * Not abandoned when the attempt's signal fires: an abandoned SMTP send can still complete,
   * and its retry would mail the recipient twice. nodemailer's connection, greeting and
   * socket timeouts (each `timeoutMs` of silence) bound it instead.
   */
  async function sendMail(mail: Mail, _signal: AbortSignal): Promise<void> {
    try {
      await transport.sendMail(mail);
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const retryable = code === undefined || code < 500;
      throw new DeliveryError(
        `SMTP ${options.host}:${options.port}: ${(error as Error).message}`,
        retryable,
        undefined,
        { cause: error },
      );
    }
  }
  return {
    name: 'email',
    send: (message, address, signal) => sendMail(emailMessage(message, options.from, address), signal),
    sendMail,
    close: () => transport.close(),
  };
}
