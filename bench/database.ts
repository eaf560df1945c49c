/**
 * A throwaway, migrated database for one bench run: an SQLite file in a temporary DATA_DIR, or, when
 * BENCH_DATABASE_URL is set, a fresh database created on that PostgreSQL server and dropped afterwards.
 * The server under test is pointed at the same place through DATA_DIR / DATABASE_URL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDb, type Db } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';

export interface BenchDb {
  db: Db;
  /** DATA_DIR of the server: SQLite file, media. */
  dataDir: string;
  /** DATABASE_URL of the server; undefined on SQLite. */
  databaseUrl: string | undefined;
  /** After bulk seeding: leave the database as a long-running site would have it (see settle()). */
  settle(): Promise<void>;
  /** Closes the connection and removes the files (and the PostgreSQL database). */
  drop(): Promise<void>;
}

export async function createBenchDb(postgresUrl: string | undefined): Promise<BenchDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-bench-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (!postgresUrl) {
    const db = await openDb({ databaseUrl: undefined, sqliteFile: path.join(dataDir, 'broadsheet.sqlite') });
    await migrateToLatest(db.kysely, 'sqlite');
    return {
      db,
      dataDir,
      databaseUrl: undefined,
      // Fold the write-ahead log into the main file so the server starts from one compact file.
      settle: async () => {
        await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db.kysely);
      },
      drop: async () => {
        await db.close();
        removeDir();
      },
    };
  }
  const name = `broadsheet_bench_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(postgresUrl, `CREATE DATABASE ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const db = await openDb({ databaseUrl, sqliteFile: '', poolSize: 2 });
  await migrateToLatest(db.kysely, 'postgres');
  return {
    db,
    dataDir,
    databaseUrl,
    // Autovacuum would soon do this on a live server; doing it now makes runs repeatable (statistics and
    // the visibility map that index-only scans rely on).
    settle: async () => {
      await sql`vacuum analyze`.execute(db.kysely);
    },
    drop: async () => {
      await db.close();
      await adminQuery(postgresUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      removeDir();
    },
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
