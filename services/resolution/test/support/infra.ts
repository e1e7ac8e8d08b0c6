import { createLogger } from '@faultline/observability';
import { uniqueName as unique } from '../../../../test/support/endpoints.js';

export { testEndpoints as infraEndpoints } from '../../../../test/support/endpoints.js';
export { waitFor } from '../../../../test/support/wait.js';

/** A name no other test run uses (topics, groups, keys: `_`, valid in a database name too). */
export const uniqueName = (prefix: string) => unique(prefix, '_');

export const logger = createLogger({
  service: 'resolution-test',
  level: (process.env.LOG_LEVEL as 'info' | undefined) ?? 'silent',
});
