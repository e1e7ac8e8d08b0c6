/**
 * ClickHouse-shaped errors: the body text, exception-code header and HTTP status
 * a server would send, so @clickhouse/client raises a typed ClickHouseError.
 */

export class ClickHouseServerError extends Error {
  constructor(
    readonly code: number,
    readonly type: string,
    /** Message without the `Code: N. DB::Exception:` prefix or `(TYPE)` suffix. */
    readonly detail: string,
    /** Overrides the status the server's table gives the code (401 for missing credentials). */
    readonly httpStatus?: number,
  ) {
    super(`Code: ${code}. DB::Exception: ${detail}. (${type})`);
    this.name = 'ClickHouseServerError';
  }
}

/** Codes this module raises itself; every other code comes from the engine. */
export const ErrorCode = {
  SYNTAX_ERROR: 62,
  BAD_ARGUMENTS: 36,
  NOT_IMPLEMENTED: 48,
  UNKNOWN_SETTING: 115,
  READONLY: 164,
  INTO_OUTFILE_NOT_ALLOWED: 358,
  ACCESS_DENIED: 497,
  AUTHENTICATION_FAILED: 516,
  QUERY_IS_TOO_LARGE: 229,
  CANNOT_DECOMPRESS: 271,
} as const;

export function serverError(type: keyof typeof ErrorCode, detail: string): ClickHouseServerError {
  return new ClickHouseServerError(ErrorCode[type], type, detail);
}

// The innermost "Code: N. DB::Exception: " wins: the engine sometimes wraps its own
// exception, repeating the prefix and the "(TYPE) (version X)" suffix.
const PREFIX_RE = /Code: (\d+)\. DB::Exception: /g;
const SUFFIX_RE = /(?:\.?\s*\((?:[A-Z][A-Z0-9_]*|version [^)]*)\))+\s*$/;
const TYPE_RE = /\(([A-Z][A-Z0-9_]*)\)(?:\s*\(version [^)]*\))?\s*$/;

/** Turns anything the engine threw into a ClickHouseServerError. */
export function fromEngineError(
  err: unknown,
  typeOf: (code: number) => string | undefined,
): ClickHouseServerError {
  if (err instanceof ClickHouseServerError) return err;
  const message = err instanceof Error ? err.message : String(err);
  let code = 1001; // STD_EXCEPTION: what the server reports for non-ClickHouse exceptions
  let body = message;
  for (const m of message.matchAll(PREFIX_RE)) {
    code = Number(m[1]);
    body = message.slice((m.index ?? 0) + m[0].length);
  }
  const typeInText = TYPE_RE.exec(body)?.[1];
  const detail = body.replace(SUFFIX_RE, '');
  const type = typeOf(code) ?? typeInText ?? 'STD_EXCEPTION';
  return new ClickHouseServerError(code, type, detail);
}

/** Response body exactly as the server writes it. */
export function errorBody(err: ClickHouseServerError, version: string): string {
  return `Code: ${err.code}. DB::Exception: ${err.detail}. (${err.type}) (version ${version})\n`;
}

// Mirrors the server's HTTPHandler exception-code-to-status table (the codes we
// are sure of); everything else is 500, as on the server.
const STATUS_BY_TYPE: Record<string, number> = {
  REQUIRED_PASSWORD: 403,
  WRONG_PASSWORD: 403,
  UNKNOWN_USER: 403,
  AUTHENTICATION_FAILED: 403,
  ACCESS_DENIED: 403,
  CANNOT_PARSE_TEXT: 400,
  CANNOT_PARSE_ESCAPE_SEQUENCE: 400,
  CANNOT_PARSE_QUOTED_STRING: 400,
  CANNOT_PARSE_DATE: 400,
  CANNOT_PARSE_DATETIME: 400,
  CANNOT_PARSE_NUMBER: 400,
  CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING: 400,
  CANNOT_PARSE_IPV4: 400,
  CANNOT_PARSE_IPV6: 400,
  CANNOT_PARSE_UUID: 400,
  CANNOT_PARSE_INPUT_ASSERTION_FAILED: 400,
  UNKNOWN_ELEMENT_IN_AST: 400,
  UNKNOWN_TYPE_OF_AST_NODE: 400,
  TOO_DEEP_AST: 400,
  TOO_BIG_AST: 400,
  UNEXPECTED_AST_STRUCTURE: 400,
  SYNTAX_ERROR: 400,
  INCORRECT_DATA: 400,
  TYPE_MISMATCH: 400,
  VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE: 400,
  UNKNOWN_TABLE: 404,
  UNKNOWN_FUNCTION: 404,
  UNKNOWN_IDENTIFIER: 404,
  UNKNOWN_TYPE: 404,
  UNKNOWN_STORAGE: 404,
  UNKNOWN_DATABASE: 404,
  UNKNOWN_SETTING: 404,
  UNKNOWN_DIRECTION_OF_SORTING: 404,
  UNKNOWN_AGGREGATE_FUNCTION: 404,
  UNKNOWN_FORMAT: 404,
  UNKNOWN_DATABASE_ENGINE: 404,
  UNKNOWN_TYPE_OF_QUERY: 404,
  UNKNOWN_ROLE: 404,
  QUERY_IS_TOO_LARGE: 413,
  NOT_IMPLEMENTED: 501,
  SOCKET_TIMEOUT: 503,
  CANNOT_OPEN_FILE: 503,
};

export function httpStatusOf(err: ClickHouseServerError): number {
  return err.httpStatus ?? STATUS_BY_TYPE[err.type] ?? 500;
}
