/**
 * Fastify's own 4xx errors (body parsing, schema validation) in a service's vocabulary, so
 * clients see one set of codes: the suffix after the service's prefix. Unlisted ones are
 * `INVALID_REQUEST`; their status stays Fastify's.
 */
const SUFFIX_OF_FASTIFY_CODE: Record<string, string> = {
  FST_ERR_VALIDATION: 'INVALID_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'INVALID_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_BODY',
};

export function codeForFastifyError(prefix: string, fastifyCode: string | undefined): string {
  return `${prefix}_${SUFFIX_OF_FASTIFY_CODE[fastifyCode ?? ''] ?? 'INVALID_REQUEST'}`;
}
