/**
 * Money columns become 64-bit on PostgreSQL. `integer` there is 32-bit: a goal of 30 million dollars
 * (3,000,000,000 cents), or a month's total in IDR or KRW, overflowed it and the write failed. SQLite's
 * INTEGER is already 64-bit. openDb parses int8 as a JS number; amounts stay far below 2^53.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

const COLUMNS: Array<[table: string, column: string]> = [
  ['campaigns', 'goal_minor'],
  ['campaigns', 'raised_minor'],
  ['donations', 'amount_minor'],
  ['donations', 'refunded_minor'],
  ['pledges', 'amount_minor'],
  ['stripe_refunds', 'amount_refunded_minor'],
];

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const [table, column] of COLUMNS) {
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type bigint`.execute(db);
  }
}
