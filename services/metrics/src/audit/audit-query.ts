import type { ClickHouseClient } from '@clickhouse/client';
import type { AuditRecord } from '@faultline/contracts';
import { queryRows } from '../api/queries/run-query.js';
import type { TimeRange } from '../api/time-range.js';

export interface AuditFilter {
  /** One project's changes; undefined: every change of the instance (the owner's view). */
  projectId?: string;
  action?: string;
  /** The actor's id (a userId or tokenId). */
  actor?: string;
  range: TimeRange;
  limit: number;
}

/**
 * Audit records in the range, newest first. `LIMIT 1 BY audit_id`: a record produced twice (a
 * producer retry) is listed once.
 */
export async function auditEntries(client: ClickHouseClient, filter: AuditFilter): Promise<AuditRecord[]> {
  const conditions = [
    "at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')",
    "at < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')",
  ];
  const params: Record<string, unknown> = {
    fromMs: filter.range.fromMs,
    toMs: filter.range.toMs,
    limit: filter.limit,
  };
  const optional = [
    ['projectId', 'project_id', filter.projectId],
    ['action', 'action', filter.action],
    ['actor', 'actor_id', filter.actor],
  ] as const;
  for (const [name, column, value] of optional) {
    if (value === undefined) continue;
    conditions.push(`${column} = {${name}:String}`);
    params[name] = value;
  }
  const rows = await queryRows<{ payload: string }>(
    client,
    `SELECT payload FROM audit_log WHERE ${conditions.join(' AND ')}
     ORDER BY at DESC, audit_id LIMIT 1 BY audit_id LIMIT {limit:UInt32}`,
    params,
  );
  return rows.map((row) => JSON.parse(row.payload) as AuditRecord);
}
