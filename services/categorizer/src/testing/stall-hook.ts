import type { ErrorEvent } from '@faultline/contracts';
import type { BatchHandler } from '@faultline/kafka';
import type { Logger } from '@faultline/observability';

/**
 * TEST HOOK, never set in production: `FAULTLINE_TEST_STALL_ON=<text>` makes the handler
 * spin forever, without yielding, on a chunk holding an event whose message is exactly
 * `<text>`, as a catastrophic regex would. Rules run in linear time now, so no real input
 * can do this; the stuck-consumer test (test/stall.int.test.ts) needs one that does.
 * The spin comes before any side effect of the chunk, like the categorizing it stands for.
 */
export function withTestStallHook(
  handler: BatchHandler<ErrorEvent>,
  logger: Logger,
  stallOn = process.env.FAULTLINE_TEST_STALL_ON,
): BatchHandler<ErrorEvent> {
  if (!stallOn) return handler;
  logger.warn(
    { stallOn },
    'TEST HOOK FAULTLINE_TEST_STALL_ON is set: the handler will stall on that message',
  );
  return (messages, context) => {
    if (messages.some((message) => message.value.message === stallOn)) {
      logger.warn({ partition: context.partition }, 'test hook: stalling the event loop');
      for (;;) {
        // Blocks the event loop: no timer, heartbeat or /healthz answer until the process is killed.
      }
    }
    return handler(messages, context);
  };
}
