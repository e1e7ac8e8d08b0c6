import { type ClickHouseClient, TupleParam } from '@clickhouse/client';

/** The `events` columns that identify a stored event and lead to it through the primary key. */
export interface EventKeyColumns {
  project_id: string;
  group_id: string;
  time: string;
  event_id: string;
}

export interface DedupedEvents<R> {
  rows: R[];
  /** Rows dropped: repeated within the chunk, or stored already under another offset. */
  duplicates: number;
}

// An event is the same event when its project, group and id match; time only narrows the lookup.
const keyOf = (row: Pick<EventKeyColumns, 'project_id' | 'group_id' | 'event_id'>) =>
  JSON.stringify([row.project_id, row.group_id, row.event_id]);

/** Keeps the first row of each event: a chunk holds one event twice when its producer re-sent it. */
export function firstOfEachEvent<R extends EventKeyColumns>(rows: readonly R[]): R[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = keyOf(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Stored times may differ from the producer's spelling by sub-millisecond rounding.
const TIME_SLACK_MS = 1000;

/**
 * The lookup's parameters: the exact keys plus the chunk's time span, so ClickHouse reads only
 * the granules of those (project, group, time) ranges and the partitions of those days.
 * Rows whose time does not parse are left out: they are never dropped.
 */
export function storedEventsLookup(rows: readonly EventKeyColumns[]) {
  let fromMs = Number.POSITIVE_INFINITY;
  let toMs = Number.NEGATIVE_INFINITY;
  const keys: TupleParam[] = [];
  for (const row of rows) {
    const ms = Date.parse(row.time);
    if (Number.isNaN(ms)) continue;
    fromMs = Math.min(fromMs, ms);
    toMs = Math.max(toMs, ms);
    keys.push(new TupleParam([row.project_id, row.group_id, row.event_id]));
  }
  if (keys.length === 0) return null;
  return { keys, fromMs: fromMs - TIME_SLACK_MS, toMs: toMs + TIME_SLACK_MS };
}

const STORED_EVENTS_SQL = `
  SELECT DISTINCT project_id, group_id, event_id FROM events
  WHERE time >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
    AND time <= fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
    AND (project_id, group_id, event_id) IN {keys:Array(Tuple(String, String, String))}`;

/**
 * Drops the rows of events already in `events`, stored under other Kafka offsets (an upstream
 * re-send after a crash), and repeats within the chunk. One query per chunk; a row is dropped
 * only when the same event is found stored, so delivery stays at least once.
 */
export async function dropStoredEvents<R extends EventKeyColumns>(
  client: ClickHouseClient,
  rows: readonly R[],
): Promise<DedupedEvents<R>> {
  const unique = firstOfEachEvent(rows);
  const lookup = storedEventsLookup(unique);
  if (!lookup) return { rows: unique, duplicates: rows.length - unique.length };

  const result = await client.query({
    query: STORED_EVENTS_SQL,
    query_params: lookup,
    format: 'JSONEachRow',
    // A chunk's keys can exceed the server's URL limit (1 MiB); the request body has none.
    use_multipart_params: true,
  });
  const stored = new Set((await result.json<EventKeyColumns>()).map(keyOf));
  const fresh = unique.filter((row) => !stored.has(keyOf(row)));
  return { rows: fresh, duplicates: rows.length - fresh.length };
}
