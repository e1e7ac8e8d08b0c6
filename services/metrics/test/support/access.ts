import { TestAccess } from '../../../../test/support/access.js';
import { infraEndpoints, uniqueName } from './infra.js';

export { bearer, type IssuedToken, readAudit, TestAccess } from '../../../../test/support/access.js';

/** Credentials for a metrics app under test: its own access topic on the shared Kafka, an owner token ready. */
export function startTestAccess(): Promise<TestAccess> {
  return TestAccess.start({
    topicPrefix: `${uniqueName('access')}.`,
    brokers: infraEndpoints().kafkaBrokers,
  });
}
