import fp from 'fastify-plugin';
import { Counter, Histogram, type Registry } from 'prom-client';

export interface IngestMetrics {
  accepted: Counter<'endpoint'>;
  rejected: Counter<'reason'>;
  skippedItems: Counter<'type'>;
  duration: Histogram<'route' | 'status'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: IngestMetrics;
  }
}

/** Envelope item types worth their own label; anything else is `other`, so labels stay bounded. */
const ITEM_TYPES = new Set([
  'transaction',
  'session',
  'sessions',
  'client_report',
  'attachment',
  'user_report',
  'profile',
  'replay_event',
  'replay_recording',
  'check_in',
  'span',
  'log',
  'statsd',
]);

export function skippedItemLabel(type: string): string {
  return ITEM_TYPES.has(type) ? type : 'other';
}

export default fp<{ registry: Registry }>(
  async (app, { registry }) => {
    const metrics: IngestMetrics = {
      accepted: new Counter({
        name: 'faultline_ingest_events_accepted_total',
        help: 'Events acknowledged by Kafka and answered 2xx',
        labelNames: ['endpoint'],
        registers: [registry],
      }),
      rejected: new Counter({
        name: 'faultline_ingest_requests_rejected_total',
        help: 'Requests refused, by error code',
        labelNames: ['reason'],
        registers: [registry],
      }),
      skippedItems: new Counter({
        name: 'faultline_ingest_envelope_items_skipped_total',
        help: 'Envelope items accepted but not forwarded',
        labelNames: ['type'],
        registers: [registry],
      }),
      duration: new Histogram({
        name: 'faultline_ingest_request_duration_seconds',
        help: 'Intake request latency, including the Kafka acknowledgement',
        labelNames: ['route', 'status'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      }),
    };
    app.decorate('metrics', metrics);
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url;
      if (route?.startsWith('/api/'))
        metrics.duration.observe({ route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
  },
  { name: 'faultline-ingest-metrics', fastify: '5.x' },
);
