/**
 * The chdb engine behind the HTTP interface: one persistent connection to the
 * data directory, used by one request at a time. Per-request settings and the
 * database are applied on that connection before the statement runs, so nothing
 * a request sets is ever visible to the next one.
 */
import { mkdirSync } from 'node:fs';
import type { Session } from 'chdb';
import type { Logger } from 'pino';
import { type Chdb, loadChdb } from './chdb-native.js';
import { fromEngineError, serverError } from './errors.js';
import { Mutex } from './mutex.js';
import type { ExecutionPlan } from './plan.js';

export interface EngineResult {
  bytes: Uint8Array;
  elapsedSeconds: number;
  resultRows: number;
  resultBytes: number;
  writtenRows: number;
  writtenBytes: number;
}

export interface EngineRequest {
  params: Record<string, string>;
  settings: ReadonlyMap<string, string>;
  database?: string;
}

/** Given at connect because a server answers this way by default; a request can still override it. */
export const CONNECTION_ARGS: readonly string[] = ['--output_format_json_quote_64bit_integers=1'];

const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EMPTY = new Uint8Array(0);

export const quoteString = (v: string): string => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
export const quoteIdentifier = (v: string): string => `\`${v.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;

export class Engine {
  readonly version: string;
  readonly timezone: string;
  readonly #chdb: Chdb;
  readonly #dataDir: string;
  readonly #log: Logger;
  readonly #lock = new Mutex();
  /** Settings changed at connect (e.g. by CONNECTION_ARGS): `SET x = DEFAULT` would lose them. */
  readonly #baseline: ReadonlyMap<string, string>;
  readonly #errorTypes: ReadonlyMap<number, string>;
  /** Settings a request left on the connection; reconciled at the start of the next request. */
  #applied = new Map<string, string>();
  #database: string | null = null;
  #session: Session;
  #closed = false;

  private constructor(chdb: Chdb, session: Session, dataDir: string, log: Logger, facts: EngineFacts) {
    this.#chdb = chdb;
    this.#session = session;
    this.#dataDir = dataDir;
    this.#log = log;
    this.version = facts.version;
    this.timezone = facts.timezone;
    this.#baseline = facts.baseline;
    this.#errorTypes = facts.errorTypes;
  }

  static async open(dataDir: string, log: Logger): Promise<Engine> {
    mkdirSync(dataDir, { recursive: true });
    const chdb = loadChdb();
    const session = new chdb.Session(dataDir, { connectionArgs: CONNECTION_ARGS });
    try {
      const facts = await readFacts(chdb, session.connection);
      return new Engine(chdb, session, dataDir, log, facts);
    } catch (err) {
      session.close();
      throw err;
    }
  }

  errorType = (code: number): string | undefined => this.#errorTypes.get(code);

  run(plan: ExecutionPlan, req: EngineRequest): Promise<EngineResult> {
    return this.#lock.run(async () => {
      if (this.#closed) throw serverError('NOT_IMPLEMENTED', 'The embedded server is shutting down');
      try {
        await this.#useDatabase(req.database ?? 'default');
        await this.#reconcileSettings(req.settings);
        return await this.#execute(plan, req.params);
      } catch (err) {
        throw fromEngineError(err, this.errorType);
      } finally {
        // A SET or USE statement changes the connection itself; a server without
        // a session forgets it after the request, so we do too.
        if (plan.kind === 'SET') await this.#resetToBaseline();
        if (plan.kind === 'USE') this.#database = null;
      }
    });
  }

  /** Waits for the running request, then closes the chdb connection. */
  close(): Promise<void> {
    return this.#lock.run(async () => {
      if (this.#closed) return;
      this.#closed = true;
      this.#session.close();
    });
  }

  async #sql(sql: string): Promise<void> {
    await this.#chdb.native.QueryAsyncConnection(this.#session.connection, sql, 'TabSeparated');
  }

  async #execute(plan: ExecutionPlan, params: Record<string, string>): Promise<EngineResult> {
    const { native } = this.#chdb;
    const conn = this.#session.connection;
    const hasParams = Object.keys(params).length > 0;
    if (!hasParams && plan.kind === 'INSERT') {
      // The raw entry reports rows written; INSERT ... SELECT goes here with no data.
      const prefix = plan.type === 'insert' ? plan.prefix.trimEnd() : plan.sql;
      const data = plan.type === 'insert' ? plan.data : Buffer.alloc(0);
      const r = await native.InsertRawAsyncConnection(conn, prefix, data, false);
      return {
        bytes: EMPTY,
        elapsedSeconds: r.elapsed,
        resultRows: 0,
        resultBytes: 0,
        writtenRows: r.rowsWritten,
        writtenBytes: r.bytesWritten,
      };
    }
    const sql = plan.type === 'insert' ? plan.prefix + plan.data.toString('utf8') : plan.sql;
    const r = hasParams
      ? await native.QueryAsyncConnection(conn, sql, plan.format, params)
      : await native.QueryAsyncConnection(conn, sql, plan.format);
    return {
      bytes: r.bytes,
      elapsedSeconds: r.elapsed,
      resultRows: r.rowsRead,
      resultBytes: r.bytesRead,
      writtenRows: 0,
      writtenBytes: 0,
    };
  }

  async #useDatabase(database: string): Promise<void> {
    if (database === this.#database) return;
    await this.#sql(`USE ${quoteIdentifier(database)}`);
    this.#database = database;
  }

  #restoreClause(name: string): string {
    const base = this.#baseline.get(name);
    return base === undefined ? `${name} = DEFAULT` : `${name} = ${quoteString(base)}`;
  }

  // Lazy rather than restoring in `finally`: clients send the same settings on
  // every request (our own client sends date_time_input_format), and this way
  // such a request costs no extra engine calls.
  async #reconcileSettings(wanted: ReadonlyMap<string, string>): Promise<void> {
    for (const name of wanted.keys()) {
      if (!SETTING_NAME.test(name)) throw serverError('UNKNOWN_SETTING', `Unknown setting '${name}'`);
    }
    const stale = [...this.#applied.keys()].filter((n) => !wanted.has(n));
    if (stale.length > 0) {
      await this.#guarded(() => this.#sql(`SET ${stale.map((n) => this.#restoreClause(n)).join(', ')}`));
      for (const n of stale) this.#applied.delete(n);
    }
    const changes = [...wanted].filter(([n, v]) => this.#applied.get(n) !== v);
    if (changes.length === 0) return;
    // The engine checks every name before applying any, so a failed SET changes nothing.
    await this.#sql(`SET ${changes.map(([n, v]) => `${n} = ${quoteString(v)}`).join(', ')}`);
    for (const [n, v] of changes) this.#applied.set(n, v);
  }

  async #resetToBaseline(): Promise<void> {
    await this.#guarded(async () => {
      const r = await this.#chdb.native.QueryAsyncConnection(
        this.#session.connection,
        'SELECT name, value FROM system.settings WHERE changed',
        'JSONCompactEachRow',
      );
      const changed = parseRows(r.bytes) as [string, string][];
      const names = changed.filter(([n, v]) => this.#baseline.get(n) !== v).map(([n]) => n);
      for (const n of this.#baseline.keys()) if (!changed.some(([c]) => c === n)) names.push(n);
      if (names.length > 0) await this.#sql(`SET ${names.map((n) => this.#restoreClause(n)).join(', ')}`);
      this.#applied.clear();
    });
  }

  /** If the connection cannot be put back to its baseline, a fresh one can. */
  async #guarded(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.#log.warn({ err }, 'could not restore connection settings; reconnecting');
      this.#session.close();
      this.#session = new this.#chdb.Session(this.#dataDir, { connectionArgs: CONNECTION_ARGS });
      this.#applied.clear();
      this.#database = null;
    }
  }
}

interface EngineFacts {
  version: string;
  timezone: string;
  baseline: Map<string, string>;
  errorTypes: Map<number, string>;
}

function parseRows(bytes: Uint8Array): unknown[][] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').trim();
  return text === '' ? [] : text.split('\n').map((l) => JSON.parse(l) as unknown[]);
}

async function readFacts(chdb: Chdb, conn: unknown): Promise<EngineFacts> {
  const q = async (sql: string) =>
    parseRows((await chdb.native.QueryAsyncConnection(conn, sql, 'JSONCompactEachRow')).bytes);
  const [[version, timezone] = []] = await q('SELECT version(), timezone()');
  const baseline = new Map(
    (await q('SELECT name, value FROM system.settings WHERE changed')) as [string, string][],
  );
  const errorTypes = new Map(
    (await q(
      'SELECT DISTINCT code, name FROM system.errors SETTINGS system_events_show_zero_values = 1',
    )) as [number, string][],
  );
  return { version: String(version), timezone: String(timezone), baseline, errorTypes };
}
