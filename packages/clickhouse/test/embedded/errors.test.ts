import { parseError } from '@clickhouse/client';
import { describe, expect, it } from 'vitest';
import { errorBody, fromEngineError, httpStatusOf } from '../../src/embedded/errors.js';

const types = new Map([
  [27, 'CANNOT_PARSE_INPUT_ASSERTION_FAILED'],
  [60, 'UNKNOWN_TABLE'],
  [73, 'UNKNOWN_FORMAT'],
]);
const typeOf = (code: number) => types.get(code);

describe('fromEngineError', () => {
  it.each([
    {
      name: 'plain engine message',
      message:
        "Code: 60. DB::Exception: Unknown table expression identifier 'nope' in scope SELECT * FROM nope. Maybe you meant system.one?. (UNKNOWN_TABLE)",
      body: "Code: 60. DB::Exception: Unknown table expression identifier 'nope' in scope SELECT * FROM nope. Maybe you meant system.one?. (UNKNOWN_TABLE) (version 1.2)\n",
      status: 404,
    },
    {
      name: 'wrapped twice with versions',
      message:
        "Code: 73. DB::Exception: Code: 73. DB::Exception: Unknown format Nope. Maybe you meant: ['One','Npy']. (UNKNOWN_FORMAT) (version 26.7.2.1). (UNKNOWN_FORMAT) (version 26.7.2.1)",
      body: "Code: 73. DB::Exception: Unknown format Nope. Maybe you meant: ['One','Npy']. (UNKNOWN_FORMAT) (version 1.2)\n",
      status: 404,
    },
    {
      name: 'message without a type suffix',
      message:
        "Code: 27. DB::Exception: Cannot parse input: expected '\"' before: 'zz\"}': (at row 1)\n: While executing ParallelParsingBlock",
      body: "Code: 27. DB::Exception: Cannot parse input: expected '\"' before: 'zz\"}': (at row 1)\n: While executing ParallelParsingBlock. (CANNOT_PARSE_INPUT_ASSERTION_FAILED) (version 1.2)\n",
      status: 400,
    },
    {
      name: 'not a ClickHouse error',
      message: 'boom',
      body: 'Code: 1001. DB::Exception: boom. (STD_EXCEPTION) (version 1.2)\n',
      status: 500,
    },
  ])('$name', ({ message, body, status }) => {
    const err = fromEngineError(new Error(message), typeOf);
    expect(errorBody(err, '1.2')).toBe(body);
    expect(httpStatusOf(err)).toBe(status);
    // What @clickhouse/client makes of it.
    const parsed = parseError(errorBody(err, '1.2')) as { code?: string; type?: string };
    expect(parsed.code).toBe(String(err.code));
    expect(parsed.type).toBe(err.type);
  });
});
