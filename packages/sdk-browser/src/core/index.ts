export { BatchQueue, DEFAULT_QUEUE_OPTIONS, type QueueOptions } from './batch-queue.js';
export { Client, type ClientOptions, newEventId, type SdkInfo } from './client.js';
export { getCurrentClient, setCurrentClient } from './current-client.js';
export { exceptionChain, messageOf } from './exception.js';
export { LIMITS, truncate } from './limits.js';
export { type BackoffOptions, isRetryable, parseRetryAfter, retryDelayMs } from './retry.js';
export { FILTERED, SENSITIVE_KEYS, scrubUrl, scrubValue } from './scrub.js';
export { isInApp, parseStack } from './stack.js';
export type { SendResult, Transport } from './transport.js';
export type {
  CaptureContext,
  ExceptionValue,
  FaultlineEvent,
  Frame,
  Level,
  Mechanism,
  RequestInfo,
  Source,
} from './types.js';
