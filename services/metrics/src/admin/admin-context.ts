import type { Auditor } from '@faultline/access';
import type { AccessRecords, AccessWriter } from './access-writer.js';
import type { TokenUsage } from './token-usage.js';

/** What every admin route uses: the folded topic to read, the writer, the audit trail and the clock. */
export interface AdminContext {
  records: AccessRecords;
  writer: AccessWriter;
  /** Appends the AuditRecord of a change (actor from the verified identity); awaited after the change. */
  audit: Auditor['audit'];
  usage: TokenUsage;
  now: () => Date;
}
