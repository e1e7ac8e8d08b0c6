/**
 * ClickHouse's `insert_deduplication_token` for one insert of one Kafka partition's messages:
 * the same messages inserted again carry the same token and add no rows.
 */
export function dedupToken(
  topic: string,
  partition: number,
  firstOffset: string,
  lastOffset: string,
): string {
  return `${topic}/${partition}/${firstOffset}-${lastOffset}`;
}
