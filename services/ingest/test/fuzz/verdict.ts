import type { Exchange } from './raw-http.js';
import type { FuzzCase } from './requests.js';

/**
 * Why an exchange breaks ingest's promise, or undefined when it keeps it: 2xx; 4xx with a JSON
 * `{ error, message }` naming the problem; 503 with Retry-After. Never another 5xx, never a
 * hang, and no closed connection unless the request itself was broken at the HTTP level.
 */
export function verdict(fuzzCase: FuzzCase, result: Exchange): string | undefined {
  if (result.kind === 'timeout') return 'no answer within the per-request timeout';
  if (result.kind === 'closed')
    return fuzzCase.httpMalformed ? undefined : `connection closed without an answer (${result.detail})`;
  const { status, headers, body } = result;
  if (status >= 200 && status < 300) return undefined;
  if (status === 503)
    return Number(headers['retry-after']) > 0 ? undefined : '503 without a positive Retry-After';
  if (status >= 500) return `${status}: ${body.toString('utf8').slice(0, 300)}`;
  if (status >= 400) {
    if (fuzzCase.method === 'HEAD') return undefined; // a HEAD answer has no body by definition
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return `${status} without a JSON body: ${JSON.stringify(body.toString('latin1').slice(0, 200))}`;
    }
    const { error, message } = (parsed ?? {}) as { error?: unknown; message?: unknown };
    if (typeof error !== 'string' || error === '' || typeof message !== 'string' || message === '')
      return `${status} body does not name the problem: ${body.toString('utf8').slice(0, 200)}`;
    return undefined;
  }
  return `unexpected status ${status}`;
}
