import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Who a request comes from, for per-client limits: its bearer token when it has one (as a
 * digest, so no token is kept in memory or logs), else its IP.
 */
export function clientKey(request: FastifyRequest): string {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (token) return `token:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`;
  return `ip:${request.ip}`;
}
