import type { TSchema } from 'typebox';

/**
 * An answer that is not JSON (Prometheus text, the page's HTML, a server-sent event stream):
 * Fastify's per-content-type response schema. Fastify serializes only JSON, so this declares
 * and documents the answer; the body is sent as the route writes it.
 */
export interface ContentTyped {
  description: string;
  content: Record<string, { schema: TSchema }>;
}

export function contentTyped(
  contentTypes: string | readonly string[],
  schema: TSchema,
  description: string,
): ContentTyped {
  const content = Object.fromEntries([contentTypes].flat().map((type) => [type, { schema }]));
  return { description, content };
}
