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

export function contentTyped(contentType: string, schema: TSchema, description: string): ContentTyped {
  return { description, content: { [contentType]: { schema } } };
}
