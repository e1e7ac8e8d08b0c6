import type { ClickHouseClient } from '@clickhouse/client';

export interface ArchiveResult {
  /** Groups archived by this run (0 when everything due was archived before). */
  archived: number;
  cutoff: string;
}

/**
 * Copies every group whose latest ticket is resolved, resolved before `now - resolvedAfterDays`
 * and not seen since, into `archived_groups` with its facts and counts. One INSERT ... SELECT:
 * ClickHouse does the work where the rows are. Groups archived for the same resolution are left
 * out, so runs repeat safely; a regressed and re-resolved group is archived again (new resolved_at).
 */
export async function archiveResolvedGroups(
  client: ClickHouseClient,
  database: string,
  resolvedAfterDays: number,
  nowMs: number,
): Promise<ArchiveResult> {
  const cutoff = new Date(nowMs - resolvedAfterDays * 86_400_000).toISOString();
  const params = {
    cutoff: cutoff.replace('T', ' ').replace('Z', ''),
    now: new Date(nowMs).toISOString().replace('T', ' ').replace('Z', ''),
  };
  const count = async () => {
    const result = await client.query({
      query: `SELECT count() AS n FROM ${database}.archived_groups`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: string }>();
    return Number(row?.n ?? 0);
  };
  const before = await count();
  // `database` matched the config's identifier pattern; every value is a parameter.
  await client.command({
    query: `
      INSERT INTO ${database}.archived_groups
        (project_id, group_id, resolved_at, ticket_id, resolver, archived_at, first_seen, last_seen, events,
         severity, category, component, team, message, sample)
      SELECT t.project_id, t.group_id, t.resolved_at, t.ticket_id, t.resolver, {now:DateTime64(3, 'UTC')},
             e.first_seen, e.last_seen, e.events, e.severity, e.category, e.component, e.team, e.message, e.sample
      FROM
      (
        SELECT project_id, group_id,
               argMax(status, at) AS status,
               argMax(assumeNotNull(resolved_at), at) AS resolved_at,
               argMax(ticket_id, at) AS ticket_id,
               argMax(resolver, at) AS resolver
        FROM ${database}.tickets
        WHERE group_id != ''
        GROUP BY project_id, group_id
        HAVING status = 'resolved' AND resolved_at < {cutoff:DateTime64(3, 'UTC')}
      ) AS t
      INNER JOIN
      (
        SELECT project_id, group_id,
               min(time) AS first_seen, max(time) AS last_seen, count() AS events,
               argMax(severity, time) AS severity, argMax(category, time) AS category,
               argMax(component, time) AS component, argMax(team, time) AS team,
               argMax(message, time) AS message, argMax(payload, time) AS sample
        FROM ${database}.events
        GROUP BY project_id, group_id
      ) AS e ON e.project_id = t.project_id AND e.group_id = t.group_id
      WHERE e.last_seen <= t.resolved_at
        AND (t.project_id, t.group_id, t.resolved_at) NOT IN
            (SELECT project_id, group_id, resolved_at FROM ${database}.archived_groups)`,
    query_params: params,
  });
  return { archived: (await count()) - before, cutoff };
}
