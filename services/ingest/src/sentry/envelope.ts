import { IngestError } from '../errors.js';
import { decodeUtf8, parseJson } from '../intake/text.js';

export interface EnvelopeItem {
  /** `event`, `transaction`, `session`, `client_report`, `attachment`, ... */
  type: string;
  headers: Record<string, unknown>;
  payload: Buffer;
}

export interface Envelope {
  headers: { event_id?: string; dsn?: string; sent_at?: string; [key: string]: unknown };
  items: EnvelopeItem[];
}

const NEWLINE = 0x0a;

/**
 * Sentry's envelope format: a JSON header line, then items, each a JSON header line and a
 * payload of `length` bytes, or up to the next newline when `length` is absent.
 * https://develop.sentry.dev/sdk/data-model/envelopes/
 */
export function parseEnvelope(body: Buffer): Envelope {
  let offset = 0;
  const readLine = (): Buffer => {
    const end = body.indexOf(NEWLINE, offset);
    const line = body.subarray(offset, end === -1 ? body.length : end);
    offset = end === -1 ? body.length : end + 1;
    return line;
  };

  const headers = parseHeader(readLine(), 'envelope header');
  const items: EnvelopeItem[] = [];
  while (offset < body.length) {
    const headerLine = readLine();
    if (headerLine.length === 0) continue; // blank line after the last item
    const itemHeaders = parseHeader(headerLine, `item ${items.length + 1} header`);
    const type = typeof itemHeaders.type === 'string' ? itemHeaders.type : '';
    const length = itemHeaders.length;
    let payload: Buffer;
    if (length === undefined) {
      payload = readLine();
    } else {
      if (
        typeof length !== 'number' ||
        !Number.isInteger(length) ||
        length < 0 ||
        offset + length > body.length
      ) {
        throw new IngestError(
          'FL_INGEST_INVALID_ENVELOPE',
          `item ${items.length + 1}: length ${JSON.stringify(length)} does not fit the envelope`,
        );
      }
      payload = body.subarray(offset, offset + length);
      offset += length;
      if (body[offset] === NEWLINE) offset += 1;
    }
    items.push({ type, headers: itemHeaders, payload });
  }
  return { headers, items };
}

function parseHeader(line: Buffer, what: string): Record<string, unknown> {
  const text = decodeUtf8(line, what).trim();
  if (text === '') throw new IngestError('FL_INGEST_INVALID_ENVELOPE', `${what} is missing`);
  let parsed: unknown;
  try {
    parsed = parseJson(text, what);
  } catch (error) {
    throw new IngestError('FL_INGEST_INVALID_ENVELOPE', (error as Error).message);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new IngestError('FL_INGEST_INVALID_ENVELOPE', `${what} must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}
