import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { emailChannel } from '../../src/channels/email.js';
import { DeliveryError } from '../../src/delivery/delivery-error.js';

/**
 * The email channel against real SMTP dialogues over TCP: a dialogue slower in total than the
 * timeout but within the attempt completes once; an attempt cut short ends its session, so the
 * abandoned mail cannot land besides its retry; a silent server fails retryably.
 */
const TIMEOUT_MS = 300;
const mail = {
  from: 'alerts@example.test',
  to: 'on-call@example.test',
  subject: 's',
  text: 't',
  html: '<p>t</p>',
  headers: {},
};

let server: Server | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A minimal SMTP server answering each command after `replyDelayMs`; counts delivered messages. */
async function smtpServer(options: { replyDelayMs: number; greet: boolean }) {
  const delivered: string[] = [];
  server = createServer((socket) => {
    sockets.add(socket);
    const reply = (line: string) =>
      setTimeout(() => socket.writable && socket.write(`${line}\r\n`), options.replyDelayMs);
    if (options.greet) reply('220 test ESMTP');
    let buffer = '';
    let inData = false;
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          delivered.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          reply('250 queued');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const command = buffer.slice(0, newline).toUpperCase();
        buffer = buffer.slice(newline + 2);
        if (command.startsWith('DATA')) {
          inData = true;
          reply('354 go ahead');
        } else if (command.startsWith('QUIT')) reply('221 bye');
        else reply('250 ok');
      }
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { port, delivered };
}

const channel = (port: number, requireTls = false) =>
  emailChannel({
    host: '127.0.0.1',
    port,
    secure: false,
    requireTls,
    username: '',
    password: '',
    from: 'alerts@example.test',
    timeoutMs: TIMEOUT_MS,
  });

describe('email channel timeouts', () => {
  it('finishes a dialogue slower in total than the timeout, and mails once', async () => {
    const smtp = await smtpServer({ replyDelayMs: TIMEOUT_MS / 3, greet: true });
    const email = channel(smtp.port);
    await email.sendMail(mail, new AbortController().signal);
    expect(smtp.delivered).toHaveLength(1);
    expect(smtp.delivered[0]).toContain('on-call@example.test');
  });

  it("ends the session when the attempt's signal fires, so the abandoned mail never lands", async () => {
    const smtp = await smtpServer({ replyDelayMs: TIMEOUT_MS / 2, greet: true });
    const email = channel(smtp.port);
    const error = await email.sendMail(mail, AbortSignal.timeout(TIMEOUT_MS)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).retryable).toBe(true);
    // Long enough for the rest of the dialogue, had the session gone on.
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 5));
    expect(smtp.delivered).toEqual([]);
  });

  it('fails retryably when the server never greets', async () => {
    const smtp = await smtpServer({ replyDelayMs: 0, greet: false });
    const email = channel(smtp.port);
    const error = await email.sendMail(mail, new AbortController().signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).retryable).toBe(true);
    expect(smtp.delivered).toEqual([]);
  });

  it('with requireTls, sends nothing to a server that does not offer STARTTLS', async () => {
    const smtp = await smtpServer({ replyDelayMs: 0, greet: true });
    const email = channel(smtp.port, true);
    const error = await email.sendMail(mail, new AbortController().signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(smtp.delivered).toEqual([]);
  });
});
