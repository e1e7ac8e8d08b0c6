import { IngestError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bodies must be UTF-8; a lossy decode would hand mangled text to every consumer downstream. */
export function decodeUtf8(bytes: Uint8Array, what = 'body'): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new IngestError('FL_INGEST_INVALID_BODY', `${what} is not valid UTF-8`);
  }
}

export function parseJson(
  text: string,
  what: string,
  details: { index?: number; line?: number } = {},
): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new IngestError('FL_INGEST_INVALID_BODY', `${what}: invalid JSON: ${(error as Error).message}`, {
      details,
    });
  }
}
