import { connect } from 'node:net';

export type Exchange =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: Buffer }
  | { kind: 'closed'; detail: string }
  | { kind: 'timeout' };

/**
 * Writes `request` as is on a fresh socket and reads the first final response. Raw bytes,
 * not fetch: fetch refuses to send wrong lengths, bad header bytes or made-up methods.
 */
export function exchange(
  port: number,
  request: Buffer,
  timeoutMs: number,
  /** End our side after writing, so a body shorter than declared does not wait for the timeout. */
  halfClose = false,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let errorDetail = '';
    const timer = setTimeout(() => {
      socket.destroy();
      finish({ kind: 'timeout' });
    }, timeoutMs);
    let done = false;
    const finish = (result: Exchange) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
    };
    socket.on('connect', () => {
      // Only for requests broken at the HTTP level: Node aborts any request whose client half-closes.
      if (halfClose) socket.end(request);
      else socket.write(request);
    });
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const parsed = parseResponse(Buffer.concat(chunks));
      if (parsed) {
        socket.destroy();
        finish(parsed);
      }
    });
    socket.on('error', (error) => {
      errorDetail = (error as NodeJS.ErrnoException).code ?? error.message;
    });
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const parsed = parseResponse(all, true);
      finish(parsed ?? { kind: 'closed', detail: `${errorDetail || 'closed'} after ${all.length} bytes` });
    });
  });
}

/** The first non-1xx response in `bytes` once complete (or, at end of stream, whatever arrived). */
export function parseResponse(bytes: Buffer, ended = false): Exchange | undefined {
  let offset = 0;
  for (;;) {
    const headEnd = bytes.indexOf('\r\n\r\n', offset);
    if (headEnd === -1) return undefined;
    const head = bytes.subarray(offset, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1]);
    if (!Number.isInteger(status)) return undefined;
    const headers: Record<string, string> = {};
    for (const line of head.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const bodyStart = headEnd + 4;
    if (status >= 100 && status < 200) {
      offset = bodyStart;
      continue;
    }
    const length = headers['content-length'];
    if (length !== undefined) {
      const end = bodyStart + Number(length);
      if (bytes.length < end && !ended) return undefined;
      return { kind: 'response', status, headers, body: bytes.subarray(bodyStart, end) };
    }
    if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const body = dechunk(bytes.subarray(bodyStart));
      if (body === undefined && !ended) return undefined;
      return { kind: 'response', status, headers, body: body ?? Buffer.alloc(0) };
    }
    if (!ended) return undefined;
    return { kind: 'response', status, headers, body: bytes.subarray(bodyStart) };
  }
}

function dechunk(bytes: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', offset);
    if (lineEnd === -1) return undefined;
    const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 2;
    if (bytes.length < start + size) return undefined;
    parts.push(bytes.subarray(start, start + size));
    offset = start + size + 2;
  }
}
