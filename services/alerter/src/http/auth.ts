import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AlerterError } from '../errors.js';

/** Digests first, so the comparison is constant-time whatever the lengths. */
function tokenMatches(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

export function bearerAuth(token: string) {
  return async (request: FastifyRequest): Promise<void> => {
    const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!tokenMatches(presented, token))
      throw new AlerterError('FL_ALERTER_UNAUTHORIZED', 'bearer token missing or wrong');
  };
}
