/**
 * The embedded ClickHouse server: ClickHouse's HTTP interface in front of the
 * chdb engine, so services use @clickhouse/client against it exactly as against
 * a real server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import path from 'node:path';
import { type Logger, pino } from 'pino';
import { type EmbeddedUser, OPEN_DEFAULT_USER, refuseBrowserPages, Users } from './auth.js';
import { encodeBody, type ResponseEncoding } from './compression.js';
import { Engine } from './engine.js';
import {
  type ClickHouseServerError,
  errorBody,
  fromEngineError,
  httpStatusOf,
  serverError,
} from './errors.js';
import { planExecution } from './plan.js';
import { readClickHouseRequest } from './request.js';
import { contentTypeOf, summaryOf } from './response.js';

export interface EmbeddedClickHouseOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 8123 */
  port?: number;
  /** Persistent data directory. @default '.faultline/clickhouse' */
  dataDir?: string;
  /** @default a pino logger at `logLevel` */
  logger?: Logger;
  /** Level of the default logger. @default 'info' */
  logLevel?: string;
  /** Largest accepted request body (after decompression the engine may hold more). @default 1 GiB */
  maxBodyBytes?: number;
  /**
   * Who may run queries. @default `default` with no password, as a fresh ClickHouse server:
   * anyone who reaches the port. `pnpm infra up` gives `default` a generated password.
   */
  users?: readonly EmbeddedUser[];
}

export interface EmbeddedClickHouse {
  /** e.g. http://127.0.0.1:8123 */
  url: string;
  host: string;
  port: number;
  dataDir: string;
  /** Stops accepting requests, lets the running one finish, closes the chdb session. */
  close(): Promise<void>;
}

const OK = 'Ok.\n';

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

export async function startEmbeddedClickHouse(
  options: EmbeddedClickHouseOptions = {},
): Promise<EmbeddedClickHouse> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = path.resolve(options.dataDir ?? '.faultline/clickhouse');
  const log = options.logger ?? pino({ name: 'clickhouse-embedded', level: options.logLevel ?? 'info' });
  const maxBodyBytes = options.maxBodyBytes ?? 1024 ** 3;
  const users = new Users(options.users ?? [OPEN_DEFAULT_USER]);
  const engine = await Engine.open(dataDir, log);
  const displayName = hostname();

  async function send(
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: Uint8Array | string,
    encoding: ResponseEncoding | undefined,
    level: number | undefined,
  ): Promise<void> {
    let payload: Uint8Array = typeof body === 'string' ? Buffer.from(body) : body;
    if (encoding && payload.length > 0) {
      payload = await encodeBody(payload, encoding, level);
      headers['Content-Encoding'] = encoding;
    }
    headers['Content-Length'] = String(payload.length);
    res.writeHead(status, headers);
    res.end(payload);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://embedded');
    const method = req.method ?? 'GET';
    try {
      refuseBrowserPages(req.headers);
    } catch (err) {
      req.resume();
      await sendError(res, err as ClickHouseServerError, '', undefined, undefined);
      return;
    }
    if (
      url.pathname === '/ping' ||
      (url.pathname === '/' && (method === 'GET' || method === 'HEAD') && !url.searchParams.has('query'))
    ) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': String(OK.length) });
      res.end(method === 'HEAD' ? undefined : OK);
      return;
    }
    if (url.pathname !== '/') {
      const text = `There is no handle ${url.pathname}\n\nUse / or /ping for health checks.\n`;
      res.writeHead(404, {
        'Content-Type': 'text/plain; charset=UTF-8',
        'Content-Length': String(Buffer.byteLength(text)),
      });
      res.end(text);
      return;
    }

    let queryId = url.searchParams.get('query_id') ?? '';
    let encoding: ResponseEncoding | undefined;
    let level: number | undefined;
    const started = process.hrtime.bigint();
    try {
      // Before the body is read: an unknown caller cannot make the server buffer anything.
      const user = users.authenticate(url.searchParams, req.headers);
      const raw = await readBody(req, maxBodyBytes);
      const request = await readClickHouseRequest(method, url.searchParams, req.headers, raw);
      if (user.readonly) request.readonlyUser = user.name;
      queryId = request.queryId;
      encoding = request.responseEncoding;
      level = request.compressionLevel;
      const plan = planExecution(request);
      const engineReq = {
        params: request.params,
        settings: request.settings,
        ...(request.database ? { database: request.database } : {}),
      };
      const result = await engine.run(plan, engineReq);
      const headers: Record<string, string> = {
        'Content-Type': contentTypeOf(plan.format),
        'X-ClickHouse-Server-Display-Name': displayName,
        'X-ClickHouse-Query-Id': queryId,
        'X-ClickHouse-Format': plan.format,
        'X-ClickHouse-Timezone': engine.timezone,
        'X-ClickHouse-Summary': JSON.stringify(summaryOf(result)),
      };
      await send(res, 200, headers, result.bytes, encoding, level);
      log.debug({ queryId, kind: plan.kind, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'query');
    } catch (err) {
      const chErr: ClickHouseServerError =
        err instanceof BodyTooLarge
          ? serverError('QUERY_IS_TOO_LARGE', `Request body is larger than ${maxBodyBytes} bytes`)
          : fromEngineError(err, engine.errorType);
      if (chErr.type === 'AUTHENTICATION_FAILED') req.resume();
      await sendError(res, chErr, queryId, encoding, level);
    }
  }

  async function sendError(
    res: ServerResponse,
    chErr: ClickHouseServerError,
    queryId: string,
    encoding: ResponseEncoding | undefined,
    level: number | undefined,
  ): Promise<void> {
    const status = httpStatusOf(chErr);
    log.info({ queryId, code: chErr.code, type: chErr.type, status }, chErr.message);
    const headers: Record<string, string> = {
      'Content-Type': 'text/plain; charset=UTF-8',
      'X-ClickHouse-Server-Display-Name': displayName,
      'X-ClickHouse-Exception-Code': String(chErr.code),
      ...(queryId ? { 'X-ClickHouse-Query-Id': queryId } : {}),
    };
    if (!res.headersSent) await send(res, status, headers, errorBody(chErr, engine.version), encoding, level);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'request handler failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Longer than @clickhouse/client's idle socket TTL (2.5 s), as on a server.
  server.keepAliveTimeout = 10_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 8123, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await engine.close();
    throw err;
  }

  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    dataDir,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          // Keep-alive sockets that go idle after their last response.
          setTimeout(() => server.closeAllConnections(), 2_000).unref();
        });
        await engine.close();
      })();
      return closing;
    },
  };
}
