import { categorizedEventCodec, deadLetterCodec, type ErrorEvent } from '@faultline/contracts';
import { errorEvent, exceptionEvent } from '@faultline/grouping/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, type Received, waitFor } from './support/harness.js';
import { infraEndpoints } from './support/infra.js';

function decodeAll(received: Received[]) {
  return received.map(({ key, value }) => {
    const decoded = categorizedEventCodec.decode(value);
    if (!decoded.ok) throw new Error(decoded.reason);
    return { key, event: decoded.value };
  });
}

describe('categorizer on Kafka and Redis', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
  });

  it('categorizes errors.raw into errors.categorized keyed projectId:groupId, and dead-letters invalid input', async () => {
    harness = new Harness(infraEndpoints());
    await harness.start();
    const first = errorEvent({
      projectId: 'shop',
      message: 'Database connection failed: ECONNREFUSED 10.0.0.7:5432',
    });
    const again = errorEvent({
      projectId: 'shop',
      message: 'Database connection failed: ECONNREFUSED 10.0.0.9:5432',
    });
    const api = exceptionEvent(
      [
        {
          type: 'TypeError',
          value: 'x is undefined',
          frames: [{ filename: 'src/routes/users.ts', function: 'getUser', lineno: 12 }],
        },
      ],
      { projectId: 'blog', component: 'public-api' },
    );
    await harness.produceEvents([first, again, api]);
    await harness.produceRaw([
      { key: 'shop', value: '{"schemaVersion":1,' },
      { key: 'shop', value: JSON.stringify({ ...errorEvent({ projectId: 'shop' }), level: 'loud' }) },
      { key: 'other', value: JSON.stringify(errorEvent({ projectId: 'shop' })) },
    ]);

    const output = await harness.read(harness.topics.errorsCategorized);
    const deadLetters = await harness.read(harness.topics.dlq);
    const consumer = await harness.startCategorizer();
    try {
      await waitFor(
        () => output.length >= 3 && deadLetters.length >= 3,
        45_000,
        '3 categorized events and 3 dead letters',
      );
    } finally {
      await consumer.stop();
    }

    const byEventId = new Map(decodeAll(output).map((o) => [o.event.event.eventId, o]));
    for (const { key, event } of byEventId.values())
      expect(key).toBe(`${event.event.projectId}:${event.groupId}`);

    expect(byEventId.get(first.eventId)?.event).toMatchObject({
      severity: 'critical',
      ruleId: 'runbook-critical',
      firstSeen: true,
    });
    expect(byEventId.get(again.eventId)?.event).toMatchObject({ severity: 'critical', firstSeen: false });
    expect(byEventId.get(again.eventId)?.event.groupId).toBe(byEventId.get(first.eventId)?.event.groupId);
    expect(byEventId.get(api.eventId)?.event).toMatchObject({
      severity: 'low',
      team: 'backend-team',
      ruleId: 'default',
      firstSeen: true,
      fingerprint: {
        method: 'exception',
        parts: ['exception:TypeError', 'frame:src/routes/users.ts:getUser'],
      },
    });

    const reasons = deadLetters.map(({ key, value }) => {
      const decoded = deadLetterCodec.decode(value);
      if (!decoded.ok) throw new Error(decoded.reason);
      expect(key).toBe(harness?.topics.errorsRaw);
      return decoded.value.reason;
    });
    expect(reasons.sort()).toEqual([
      expect.stringContaining('ErrorEvent: /level must be equal to one of the allowed values'),
      expect.stringContaining('ErrorEvent: invalid JSON'),
      'key "other" does not match projectId "shop"',
    ]);
  });

  it('loses nothing when stopped mid-stream and started again', async () => {
    harness = new Harness(infraEndpoints(), { maxBatch: 50 });
    await harness.start();
    const events: ErrorEvent[] = Array.from({ length: 3000 }, (_, i) =>
      errorEvent({
        projectId: `p${i % 5}`,
        message: `Order ${i} failed with code ${i % 7}`,
        responseTimeMs: i * 5,
      }),
    );
    const output = await harness.read(harness.topics.errorsCategorized);

    const firstHalf = events.slice(0, 1500);
    await harness.produceEvents(firstHalf);
    const firstRun = await harness.startCategorizer();
    await waitFor(() => output.length >= 200, 45_000, '200 categorized events');
    await firstRun.stop();
    const seenAtStop = output.length;

    // Produced while no categorizer runs: the restarted one must pick these up too.
    await harness.produceEvents(events.slice(firstHalf.length));
    const secondRun = await harness.startCategorizer();
    const seenIds = new Set<string>();
    let decoded = 0;
    const allSeen = () => {
      for (const { event } of decodeAll(output.slice(decoded))) seenIds.add(event.event.eventId);
      decoded = output.length;
      return seenIds.size >= events.length;
    };
    try {
      await waitFor(allSeen, 50_000, 'every event categorized');
    } finally {
      await secondRun.stop();
    }

    // Stopped inside the first half: some of it was left for the restarted consumer.
    expect(seenAtStop).toBeLessThan(firstHalf.length);
    expect(events.filter((event) => !seenIds.has(event.eventId))).toEqual([]);
    expect(new Set(decodeAll(output).map((o) => o.event.severity))).toEqual(new Set(['low', 'medium']));
  }, 120_000);
});
