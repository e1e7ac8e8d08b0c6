/**
 * `pnpm bench categorizer`: microseconds per event for the pure categorize-and-fingerprint
 * function over a realistic mix of payloads, then events/s for one categorizer instance end
 * to end through Kafka and Redis (skipped, and said so, when they do not answer).
 * Last line: JSON with the figures.
 */
import { categorizedEventCodec, errorEventCodec } from '@faultline/contracts';
import { categorize } from '../../services/categorizer/src/categorize.js';
import { runbookRuleSet } from '../../services/categorizer/src/rules/rule-set.js';
import { endpointsFromEnv } from '../../services/categorizer/test/support/env-endpoints.js';
import { Harness, waitFor } from '../../services/categorizer/test/support/harness.js';
import { realisticEvents } from '../../services/categorizer/test/support/payloads.js';

const PURE_EVENTS = 2_000;
const PURE_ROUNDS = 50;
const E2E_EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);

const corpus = realisticEvents(PURE_EVENTS);
for (const event of corpus) {
  const checked = errorEventCodec.check(event);
  if (!checked.ok) throw new Error(`bench payload is not a valid ErrorEvent: ${checked.reason}`);
}

function pureMicrosPerEvent(): number {
  const rules = runbookRuleSet();
  const now = new Date();
  for (const event of corpus) categorize(event, rules, now); // warm-up: JIT and regex compilation
  const rounds: number[] = [];
  for (let round = 0; round < PURE_ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (const event of corpus) categorize(event, rules, now);
    rounds.push(Number(process.hrtime.bigint() - start) / 1000 / corpus.length);
  }
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)] as number;
}

async function endToEndEventsPerSecond(): Promise<{
  eventsPerSecond: number;
  events: number;
  seconds: number;
}> {
  const harness = new Harness(endpointsFromEnv());
  await harness.start();
  try {
    const events = realisticEvents(E2E_EVENTS);
    const output = await harness.read(harness.topics.errorsCategorized);
    // Loaded before the consumer starts, so the figure is the categorizer's pace, not the producer's.
    await harness.produceEvents(events);
    const consumer = await harness.startCategorizer();
    try {
      await waitFor(() => output.length > 0, 60_000, 'the first categorized event');
      const start = performance.now();
      await waitFor(() => output.length >= events.length, 300_000, `${events.length} categorized events`);
      const seconds = (performance.now() - start) / 1000;
      const last = categorizedEventCodec.decode(output[output.length - 1]?.value);
      if (!last.ok) throw new Error(`categorized output did not decode: ${last.reason}`);
      return {
        eventsPerSecond: Math.round((events.length - 1) / seconds),
        events: events.length,
        seconds: Number(seconds.toFixed(2)),
      };
    } finally {
      await consumer.stop();
    }
  } finally {
    await harness.close();
  }
}

const microsPerEvent = pureMicrosPerEvent();
console.log(
  `pure categorize+fingerprint: ${microsPerEvent.toFixed(2)} µs/event (median of ${PURE_ROUNDS} rounds over ${corpus.length} payloads)`,
);

let endToEnd: Awaited<ReturnType<typeof endToEndEventsPerSecond>> | { skipped: string };
try {
  endToEnd = await endToEndEventsPerSecond();
  console.log(
    `end to end, one instance: ${endToEnd.eventsPerSecond} events/s (${endToEnd.events} events in ${endToEnd.seconds} s, first output to last)`,
  );
} catch (error) {
  endToEnd = { skipped: (error as Error).message };
  console.log(`end to end skipped: ${endToEnd.skipped}`);
}

console.log(
  JSON.stringify({ bench: 'categorizer', pureMicrosPerEvent: Number(microsPerEvent.toFixed(3)), endToEnd }),
);
// kafkajs keeps sockets referenced for a moment after disconnect; the bench is done.
process.exit(0);
