/**
 * The one place that knows SQLite from PostgreSQL. Everything else speaks Kysely and asks this module
 * for the few things that differ: how to connect, how to declare an auto-increment key, and how to
 * listen for cross-process notifications.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
} from 'kysely';
import type { Database } from './database.js';
import { htmlToText } from '../lib/plain-text.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  /** The query builder; only repositories use it. */
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** Closes the pool or file handle. */
  close(): Promise<void>;
  /** PostgreSQL connection string, for LISTEN/NOTIFY clients; undefined on SQLite. */
  connectionString: string | undefined;
}

export interface OpenDbOptions {
  databaseUrl: string | undefined;
  /** SQLite file path, or ':memory:'. */
  sqliteFile: string;
  /** Pool size on PostgreSQL. */
  poolSize?: number;
  /** Told when a PostgreSQL connection fails, idle or in use (for the log). */
  onConnectionError?: (err: Error) => void;
  /** How long a SQLite write waits for another process's lock before it fails with SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

/** Opens the database named by the configuration and checks that it answers. */
export async function openDb(opts: OpenDbOptions): Promise<Db> {
  if (opts.databaseUrl) {
    // int8 (COUNT, bigint money columns) arrives as a string by default; our counts and amounts fit a JS number.
    pg.types.setTypeParser(20, (v) => Number(v));
    // numeric: what SUM over a bigint column returns (money totals); no column of ours is numeric.
    pg.types.setTypeParser(1700, (v) => Number(v));
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
    });
    watchConnections(pool, (err) => opts.onConnectionError?.(err));
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      await sql`select 1`.execute(kysely);
    } catch (err) {
      await kysely.destroy().catch(() => undefined);
      throw new Error(`Cannot reach PostgreSQL at ${redact(opts.databaseUrl)}: ${(err as Error).message}`, {
        cause: err,
      });
    }
    return { kysely, dialect: 'postgres', connectionString: opts.databaseUrl, close: () => kysely.destroy() };
  }
  if (opts.sqliteFile !== ':memory:') fs.mkdirSync(path.dirname(opts.sqliteFile), { recursive: true });
  let database: SQLite.Database;
  try {
    database = new SQLite(opts.sqliteFile);
  } catch (err) {
    throw new Error(`Cannot open SQLite file ${opts.sqliteFile}: ${(err as Error).message}`, { cause: err });
  }
  // WAL lets readers and the single writer proceed together; busy_timeout makes a second process wait
  // for the write lock instead of failing at once.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
  // Let the planner gather the statistics it needs (SQLite's advice for long-lived connections); cheap.
  database.pragma('optimize = 0x10002');
  // Used by the search triggers (migration 2026-11-25T0150-search) to index article bodies as text.
  database.function('bs_plain_text', { deterministic: true }, (html: unknown) =>
    htmlToText(typeof html === 'string' ? html : ''),
  );
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return { kysely, dialect: 'sqlite', connectionString: undefined, close: () => kysely.destroy() };
}

/**
 * Keeps a PostgreSQL server that goes away (a restart, a failover, an operator's `pg_terminate_backend`) from
 * ending the process. node-postgres emits `'error'` on a connection the server closes; the pool listens on
 * its idle connections only, and an `'error'` event nobody listens to is thrown by Node. So every connection
 * gets a listener for its whole life, in use or idle: the query in flight fails (the request answers 503),
 * the pool discards the broken connection when it is released, and the next query opens a new one.
 */
export function watchConnections(pool: pg.Pool, onError: (err: Error) => void): void {
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', onError);
  });
}

/**
 * True when an error means the database cannot be used right now, as opposed to a bad query: PostgreSQL
 * restarting, unreachable or out of connections; SQLite locked by another process, or its disk full or
 * read-only. Such a request answers 503 with Retry-After; nothing it was doing has been committed.
 */
export function databaseFailure(err: unknown): 'unavailable' | 'busy' | 'full' | undefined {
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'full';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN'))
      return 'unavailable';
    // PostgreSQL: class 08 (connection exception), 57P01–57P03 (shutdown, crash, cannot connect now),
    // 53300 (too many connections); Node's socket errors; node-postgres's own words for a lost connection.
    if (/^(08\d{3}|57P0[123]|53300)$/.test(code)) return 'unavailable';
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/.test(code))
      return 'unavailable';
    if (
      /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable/i.test(
        message,
      )
    )
      return 'unavailable';
    e = e.cause as typeof e;
  }
  return undefined;
}

/** Adds an auto-increment integer primary key named `id`. */
export function withId<T extends string>(
  dialect: DialectName,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Column type for long text (same on both). */
export const TEXT = 'text' as const;

/** A NOT NULL integer flag defaulting to `value` (booleans are stored as 0/1 on both dialects). */
export function flag(value: 0 | 1) {
  return (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(value);
}

/** Case-insensitive LIKE: ILIKE on PostgreSQL, LIKE (already case-insensitive for ASCII) on SQLite. */
export function likeOperator(dialect: DialectName): 'ilike' | 'like' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Keys of the transaction-scoped locks below; one per kind of work that must not interleave. */
export const LOCKS = {
  /** Applying Stripe events: a refund and the gift it refunds may arrive at once on two processes. */
  paymentEvents: 0x42530001,
  /** Posting comments, per author (account or hashed IP): the rate limit counts rows another post may be adding. */
  commentPosting: 0x4253_0002,
} as const;

/** A lock key for one `name` within a kind of work: the kind in the high bits, a 31-bit hash of the name below. */
export function lockKey(kind: number, name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (kind % 0x10_0000) * 0x8000_0000 + ((h >>> 0) & 0x7fff_ffff);
}

/**
 * Serializes the transactions that take the same lock, until each commits or rolls back. PostgreSQL: an
 * advisory transaction lock (READ COMMITTED then shows the waiting transaction everything the holder
 * committed). SQLite: nothing to do, a database has one writer at a time.
 */
export async function lockTransaction(db: Kysely<Database>, dialect: DialectName, key: number): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(db);
}

/** True for a unique-constraint violation on either database (e.g. a concurrent insert of the same slug or e-mail). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
