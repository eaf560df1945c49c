/**
 * Real, migrated databases for tests. SQLite always; PostgreSQL when TEST_DATABASE_URL is set (CI sets
 * it, and fails rather than skips if it cannot connect). Each call makes a fresh database so test files
 * can run in parallel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDb, type Db, type DialectName } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export const PG_URL = process.env.TEST_DATABASE_URL;

/** The dialects every repository and HTTP test runs on. */
export const DIALECTS: DialectName[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

if (!PG_URL && process.env.CI !== 'true' && !(globalThis as { __pgSkipWarned?: boolean }).__pgSkipWarned) {
  (globalThis as { __pgSkipWarned?: boolean }).__pgSkipWarned = true;
  console.warn(
    '[broadsheet tests] TEST_DATABASE_URL is not set: PostgreSQL tests are skipped (bash .ci/pg-setup.sh prints one).',
  );
}
if (PG_URL && !/^postgres(ql)?:\/\/\S+$/.test(PG_URL)) {
  throw new Error(`TEST_DATABASE_URL is not one postgres:// URL: ${JSON.stringify(PG_URL)}`);
}
if (!PG_URL && process.env.CI === 'true') {
  throw new Error('CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests must not be skipped in CI.');
}

export interface TestDb {
  db: Db;
  dataDir: string;
  /** Database URL for a second app process sharing this database (PostgreSQL only). */
  url: string | undefined;
  drop(): Promise<void>;
}

let counter = 0;

/** A fresh migrated database of the given dialect, with a temporary data folder. */
export async function createTestDb(dialect: DialectName): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-test-'));
  if (dialect === 'sqlite') {
    const db = await openDb({ databaseUrl: undefined, sqliteFile: path.join(dataDir, 'test.sqlite') });
    await migrateToLatest(db.kysely, 'sqlite');
    return {
      db,
      dataDir,
      url: undefined,
      drop: async () => {
        await db.close().catch(() => undefined);
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  if (!PG_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `bs_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(PG_URL, name);
  const db = await openDb({ databaseUrl: url, sqliteFile: '', poolSize: 5 });
  await migrateToLatest(db.kysely, 'postgres');
  return {
    db,
    dataDir,
    url,
    drop: async () => {
      await db.close().catch(() => undefined);
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
