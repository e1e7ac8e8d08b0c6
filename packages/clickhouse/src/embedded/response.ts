/** Response headers as the ClickHouse server sets them. */

export interface Summary {
  read_rows: string;
  read_bytes: string;
  written_rows: string;
  written_bytes: string;
  total_rows_to_read: string;
  result_rows: string;
  result_bytes: string;
  elapsed_ns: string;
}

export function summaryOf(r: {
  elapsedSeconds: number;
  resultRows: number;
  resultBytes: number;
  writtenRows: number;
  writtenBytes: number;
}): Summary {
  // chdb reports result and written counters, not rows read from storage; for an
  // INSERT the server's read counters equal the rows it parsed, i.e. those written.
  return {
    read_rows: String(r.writtenRows),
    read_bytes: String(r.writtenBytes),
    written_rows: String(r.writtenRows),
    written_bytes: String(r.writtenBytes),
    total_rows_to_read: '0',
    result_rows: String(r.resultRows),
    result_bytes: String(r.resultBytes),
    elapsed_ns: String(Math.max(0, Math.round(r.elapsedSeconds * 1e9))),
  };
}

const BINARY =
  /^(Native|RowBinary.*|Parquet|Arrow|ArrowStream|ORC|Avro|Protobuf.*|MsgPack|CapnProto|BSONEachRow|Npy)$/i;

export function contentTypeOf(format: string): string {
  const f = format.toLowerCase();
  if (f.startsWith('tabseparated') || f.startsWith('tsv')) return 'text/tab-separated-values; charset=UTF-8';
  if (f.startsWith('csv'))
    return `text/csv; charset=UTF-8; header=${f.includes('withnames') ? 'present' : 'absent'}`;
  if (/eachrow|lines$/.test(f) && f.startsWith('json')) return 'application/x-ndjson; charset=UTF-8';
  if (f.startsWith('json')) return 'application/json; charset=UTF-8';
  if (f === 'xml') return 'application/xml; charset=UTF-8';
  if (BINARY.test(format)) return 'application/octet-stream';
  return 'text/plain; charset=UTF-8';
}
