import type { AccessRecords, AccessWriter } from './access-writer.js';
import type { Audit } from './audit-trail.js';
import type { TokenUsage } from './token-usage.js';

/** What every admin route uses: the folded topic to read, the writer, the audit trail and the clock. */
export interface AdminContext {
  records: AccessRecords;
  writer: AccessWriter;
  audit: Audit;
  usage: TokenUsage;
  now: () => Date;
}
