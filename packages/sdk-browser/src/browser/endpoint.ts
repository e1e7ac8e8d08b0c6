/**
 * The events URL with the key in the query: a POST with a text/plain body and no custom
 * header is a "simple" request, so browsers send it without a CORS preflight, and
 * sendBeacon (which cannot set headers) can use the same URL.
 */
export function eventsUrl(endpoint: string, key: string): string {
  return `${endpoint.replace(/\/+$/, '')}/api/v1/events?sentry_key=${encodeURIComponent(key)}`;
}
