import { categorizedEventCodec, deadLetterCodec } from '@faultline/contracts';
import { errorEvent } from '@faultline/grouping/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/free-port.js';
import { sleep } from '../../../test/support/wait.js';
import { CategorizerProcess } from './support/categorizer-process.js';
import { Harness, waitFor } from './support/harness.js';
import { infraEndpoints } from './support/infra.js';

/** The message the test hook (src/testing/stall-hook.ts) spins on. */
const STALL_ON = 'test hook: stall the categorizer here';
const DEADLINE_MS = 10_000;
const MAX_ATTEMPTS = 1;

describe('a categorizer stalled by one message', () => {
  let harness: Harness | undefined;
  let categorizer: CategorizerProcess | undefined;
  afterEach(async () => {
    await categorizer?.stop();
    await harness?.close();
  });

  it('fails /healthz, is restarted, dead-letters the message with the reason and categorizes the rest once', {
    timeout: 180_000,
  }, async () => {
    harness = new Harness(infraEndpoints());
    await harness.start();
    const port = await freePort();
    const healthUrl = `http://127.0.0.1:${port}`;
    const env = {
      ...harness.env,
      FAULTLINE_HTTP_PORT: String(port),
      FAULTLINE_CONSUMER_CHUNK_DEADLINE_MS: String(DEADLINE_MS),
      FAULTLINE_CONSUMER_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      // A killed member's partitions move on after its session, so restarts take seconds.
      FAULTLINE_CONSUMER_SESSION_TIMEOUT_MS: '6000',
      FAULTLINE_CONSUMER_HEARTBEAT_INTERVAL_MS: '500',
      FAULTLINE_CONSUMER_MAX_WAIT_MS: '100',
      FAULTLINE_TEST_STALL_ON: STALL_ON,
    };
    // One project: one partition, so the events behind the stalling one wait on it.
    const events = Array.from({ length: 12 }, (_, n) =>
      errorEvent({ projectId: 'shop', message: n === 4 ? STALL_ON : `Payment declined for order ${n}` }),
    );
    const stalling = events[4];
    const output = await harness.read(harness.topics.errorsCategorized);
    const deadLetters = await harness.read(harness.topics.dlq);

    categorizer = new CategorizerProcess(healthUrl, env);
    await categorizer.started();
    await waitFor(() => categorizer?.healthy() ?? false, 10_000, '/healthz to answer');
    await harness.produceEvents(events);

    // The supervisor's part: probe /healthz; a process that fails it is killed and started again.
    const failedWithin: number[] = [];
    let restarts = 0;
    let stalledSince = Date.now();
    const done = () => output.length >= events.length - 1 && deadLetters.length >= 1;
    while (!done()) {
      expect(
        restarts,
        `restarts so far; last output:\n${categorizer.output.slice(-3000)}`,
      ).toBeLessThanOrEqual(2 * MAX_ATTEMPTS);
      if (await categorizer.healthy()) {
        stalledSince = Date.now();
        await sleep(200);
        continue;
      }
      failedWithin.push(Date.now() - stalledSince);
      await categorizer.kill();
      restarts += 1;
      categorizer = new CategorizerProcess(healthUrl, env);
      await categorizer.started();
      stalledSince = Date.now();
    }
    await sleep(1000); // anything doubled would arrive now

    // Chunk attempts, then the message's own: each stalled once with a bound of 1.
    expect(restarts).toBe(2 * MAX_ATTEMPTS);
    for (const ms of failedWithin) expect(ms).toBeLessThan(DEADLINE_MS);

    expect(deadLetters).toHaveLength(1);
    const letter = deadLetterCodec.decode(deadLetters[0]?.value ?? null);
    if (!letter.ok) throw new Error(letter.reason);
    expect(letter.value.reason).toBe(
      'handler stalled or crashed on 1 attempt: the last attempt never finished (the process stalled or was stopped)',
    );
    expect(letter.value.source).toMatchObject({ topic: harness.topics.errorsRaw, offset: '4' });
    const payload = JSON.parse(Buffer.from(letter.value.payload ?? '', 'base64').toString('utf8'));
    expect(payload).toMatchObject({ eventId: stalling?.eventId, message: STALL_ON });

    // Nothing lost or doubled: every other event categorized exactly once.
    const categorized = output.map(({ value }) => {
      const decoded = categorizedEventCodec.decode(value);
      if (!decoded.ok) throw new Error(decoded.reason);
      return decoded.value.event.eventId;
    });
    expect(categorized.sort()).toEqual(
      events
        .filter((event) => event !== stalling)
        .map((event) => event.eventId)
        .sort(),
    );
    expect(await categorizer.healthy()).toBe(true);
  });
});
