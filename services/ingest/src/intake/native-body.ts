import { IngestError } from '../errors.js';
import { parseJson } from './text.js';

/**
 * The events of a `/api/v1/events` body: one JSON object, a JSON array of objects, or NDJSON
 * (one object per line). Values are returned unvalidated; each must still pass the contract.
 */
export function parseNativeBody(text: string, contentType: string | undefined): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new IngestError('FL_INGEST_INVALID_BODY', 'body is empty');
  const ndjson = contentType !== undefined && /^application\/(x-)?ndjson\b/i.test(contentType);
  if (ndjson || (!trimmed.startsWith('[') && looksLikeSeveralLines(trimmed))) return parseLines(trimmed);
  const parsed = parseJson(trimmed, 'body');
  const events = Array.isArray(parsed) ? parsed : [parsed];
  if (events.length === 0) throw new IngestError('FL_INGEST_INVALID_BODY', 'body is an empty array');
  return events;
}

/** A pretty-printed single object spans lines too; only a body that is not one JSON value is NDJSON. */
function looksLikeSeveralLines(text: string): boolean {
  if (!text.includes('\n')) return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

function parseLines(text: string): unknown[] {
  const events: unknown[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line !== '') events.push(parseJson(line, `line ${index + 1}`, { line: index + 1 }));
  });
  return events;
}
