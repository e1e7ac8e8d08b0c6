import { alertSignalCodec } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import { alertMessage, buildSignal, sampleOf } from '../src/signals/build-signal.js';
import { categorized } from './support/events.js';

const T0 = Date.parse('2026-11-29T05:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describe('alert signal', () => {
  it("uses the runbook's message", () => {
    expect(alertMessage('high', 5)).toBe('HIGH: 5 errors detected');
  });

  it('carries the newest samples inside the alert, oldest first, and passes its contract', () => {
    const samples = [9, 8, 7, 6, 5, 4, 3].map((s) =>
      sampleOf(categorized({ timestamp: at(s), eventId: `e${s}`, component: 'api' })),
    );
    const signal = buildSignal({
      kind: 'new',
      alertId: 'a1',
      dedupKey: 'shop:high',
      scope: { projectId: 'shop', severity: 'high' },
      rule: { threshold: 5, windowMs: 300_000 },
      errorCount: 7,
      firstSeen: T0 + 3000,
      lastSeen: T0 + 8000,
      components: ['db', 'api'],
      samples,
      sampleLimit: 5,
      emittedAt: new Date(T0 + 10_000),
    });
    expect(signal.samples.map((s) => s.eventId)).toEqual(['e4', 'e5', 'e6', 'e7', 'e8']);
    expect(signal).toMatchObject({
      message: 'HIGH: 7 errors detected',
      severity: 'high',
      affectedComponents: ['api', 'db'],
      window: { sizeMs: 300_000, threshold: 5 },
      firstSeen: at(3),
      lastSeen: at(8),
      emittedAt: at(10),
    });
    expect(alertSignalCodec.check(signal)).toEqual({ ok: true, value: signal });
  });
});
