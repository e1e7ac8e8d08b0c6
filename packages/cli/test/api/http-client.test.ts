import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../test/support/free-port.js';
import { httpClient } from '../../src/api/http-client.js';
import { CliError } from '../../src/cli-error.js';

// A real HTTP server whose routes answer the way our services (and their failures) do.
const routes: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => void> = {
  '/echo': (req, res, body) =>
    json(res, 200, {
      method: req.method,
      url: req.url,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: body ? JSON.parse(body) : undefined,
    }),
  '/unified-error': (_req, res) =>
    json(res, 400, { error: 'FL_INGEST_INVALID_EVENT', message: 'level is wrong', field: '/level' }),
  '/proxy-error': (_req, res) => res.writeHead(502).end('Bad Gateway from the proxy'),
  '/not-json': (_req, res) => res.writeHead(200).end('<html>'),
  '/empty': (_req, res) => res.writeHead(202).end(),
  '/slow': (_req, res) => setTimeout(() => json(res, 200, {}), 2_000),
};

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => routes[new URL(req.url ?? '/', 'http://x').pathname]?.(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a CliError'),
    (error: unknown) => {
      expect(error).toBeInstanceOf(CliError);
      return error as CliError;
    },
  );

describe('httpClient', () => {
  it('sends the token, the query and a JSON body, and answers the parsed JSON', async () => {
    const http = httpClient({ service: 'alerter', baseUrl, token: 't0ken' });
    const answer = await http.request('/echo', {
      method: 'POST',
      query: { status: 'firing', limit: 5, severity: undefined },
      body: { actor: 'ann' },
    });
    expect(answer).toEqual({
      method: 'POST',
      url: '/echo?status=firing&limit=5',
      authorization: 'Bearer t0ken',
      contentType: 'application/json',
      body: { actor: 'ann' },
    });
    expect(await http.request('/empty', { method: 'POST' })).toBeUndefined();
    expect(await http.request('/not-json', { answer: 'text' })).toBe('<html>');
  });

  it.each([
    {
      id: 'the envelope {error, message, ...details}',
      path: '/unified-error',
      expected: {
        code: 'FL_INGEST_INVALID_EVENT',
        message: 'level is wrong',
        status: 400,
        details: { field: '/level' },
      },
    },
    {
      id: 'a failed status without an envelope',
      path: '/proxy-error',
      expected: { code: 'FL_CLI_HTTP_502', message: 'Bad Gateway from the proxy', status: 502 },
    },
    {
      id: 'a success that is not JSON',
      path: '/not-json',
      expected: { code: 'FL_CLI_BAD_ANSWER', status: 200 },
    },
  ])('answers $id as a coded error', async ({ path, expected }) => {
    const error = await failure(httpClient({ service: 'metrics', baseUrl }).get(path));
    expect(error).toMatchObject(expected);
  });

  it('gives up after the timeout with FL_CLI_TIMEOUT', async () => {
    const started = Date.now();
    const error = await failure(httpClient({ service: 'metrics', baseUrl, timeoutMs: 200 }).get('/slow'));
    expect(error.code).toBe('FL_CLI_TIMEOUT');
    expect(error.message).toBe(`metrics at ${baseUrl} did not answer /slow within 200 ms`);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('says which service at which URL is not reachable', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const error = await failure(httpClient({ service: 'ingest', baseUrl: closed }).get('/admin/projects'));
    expect(error.code).toBe('FL_CLI_UNREACHABLE');
    expect(error.message).toBe(`ingest at ${closed} is not reachable (ECONNREFUSED); is it running?`);
  });
});
