import { uniqueName as unique } from '../../../../test/support/endpoints.js';

export { testEndpoints as infraEndpoints } from '../../../../test/support/endpoints.js';
export { waitFor } from '../../../../test/support/wait.js';

/** A name no other test run uses (topics, groups, databases: `_`, valid in a database name). */
export const uniqueName = (prefix: string) => unique(prefix, '_');

/** kafkajs settings for consumers under test: short sessions and waits, so rebalances and fetches take ~100 ms. */
export const FAST_CONSUMER = {
  sessionTimeout: 6000,
  rebalanceTimeout: 6000,
  heartbeatInterval: 500,
  maxWaitTimeInMs: 100,
  minBytes: 1,
  retry: { initialRetryTime: 100, retries: 2 },
};
