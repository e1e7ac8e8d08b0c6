import { describe, expect, it } from 'vitest';
import { isIngestError } from '../../src/errors.js';
import { parseNativeBody } from '../../src/intake/native-body.js';

describe('parseNativeBody', () => {
  it.each([
    { name: 'one object', body: '{"message":"a"}', type: 'application/json', expected: [{ message: 'a' }] },
    {
      name: 'a pretty-printed object',
      body: '{\n  "message": "a"\n}\n',
      type: 'application/json',
      expected: [{ message: 'a' }],
    },
    {
      name: 'an array',
      body: '[{"message":"a"},{"message":"b"}]',
      type: 'application/json',
      expected: [{ message: 'a' }, { message: 'b' }],
    },
    {
      name: 'NDJSON by content type',
      body: '{"message":"a"}\n\n{"message":"b"}\n',
      type: 'application/x-ndjson',
      expected: [{ message: 'a' }, { message: 'b' }],
    },
    {
      name: 'NDJSON sent as text/plain',
      body: '{"message":"a"}\n{"message":"b"}',
      type: 'text/plain',
      expected: [{ message: 'a' }, { message: 'b' }],
    },
    {
      name: 'NDJSON with CRLF',
      body: '{"message":"a"}\r\n{"message":"b"}\r\n',
      type: undefined,
      expected: [{ message: 'a' }, { message: 'b' }],
    },
  ])('parses $name', ({ body, type, expected }) => {
    expect(parseNativeBody(body, type)).toEqual(expected);
  });

  it.each([
    { name: 'empty body', body: '  ', message: /empty/ },
    { name: 'empty array', body: '[]', message: /empty array/ },
    { name: 'malformed JSON', body: '{"message":', message: /^body: invalid JSON/ },
    { name: 'a bad NDJSON line', body: '{"message":"a"}\n{oops}\n', message: /^line 2: invalid JSON/ },
  ])('refuses $name with a 400', ({ body, message }) => {
    try {
      parseNativeBody(body, 'application/json');
      expect.unreachable();
    } catch (error) {
      expect(isIngestError(error, 'FL_INGEST_INVALID_BODY')).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('names the NDJSON line that failed', () => {
    expect(() => parseNativeBody('{}\n{}\nnope', 'application/x-ndjson')).toThrow(
      expect.objectContaining({ details: { line: 3 } }),
    );
  });
});
