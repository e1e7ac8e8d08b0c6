import { uniqueName as unique } from '../../../../test/support/endpoints.js';

export { testEndpoints as infraEndpoints } from '../../../../test/support/endpoints.js';
export { waitFor } from '../../../../test/support/wait.js';

/** A name no other test run uses (topics, groups, databases: `_`, valid in a database name). */
export const uniqueName = (prefix: string) => unique(prefix, '_');
