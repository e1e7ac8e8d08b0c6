import { Counter, Histogram, type Registry } from 'prom-client';

export interface DetectorMetrics {
  events: Counter<'outcome'>;
  signals: Counter<'kind' | 'severity'>;
  resolutions: Counter<'outcome'>;
  flushes: Counter;
  storeSeconds: Histogram;
}

export function createDetectorMetrics(registry: Registry): DetectorMetrics {
  return {
    events: new Counter({
      name: 'faultline_detector_events_total',
      help: 'Categorized events by outcome: counted, late (behind the tolerance) or duplicate (redelivered)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    signals: new Counter({
      name: 'faultline_detector_signals_total',
      help: 'Alert signals written to the alerts topic, by kind (new, update) and severity',
      labelNames: ['kind', 'severity'],
      registers: [registry],
    }),
    resolutions: new Counter({
      name: 'faultline_detector_resolutions_total',
      help: 'Resolved alerts seen on alert-events: cleared (was active) or stale (another alert or none is active)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    flushes: new Counter({
      name: 'faultline_detector_flushes_total',
      help: 'Updates sent by the flush timer: an active alert held counts back and no event came within updateIntervalMs',
      registers: [registry],
    }),
    storeSeconds: new Histogram({
      name: 'faultline_detector_store_seconds',
      help: 'Time of one Redis round trip applying a batch to the windows',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
  };
}
