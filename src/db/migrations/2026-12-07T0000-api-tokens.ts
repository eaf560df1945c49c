/**
 * API tokens for the Admin API (/api/v1/admin), and the idempotency key of an offline gift recorded
 * through it. A token row keeps only the SHA-256 of its secret (the secret is shown once, when issued);
 * `prefix` is the secret's first characters, enough for the publisher to recognise it, never to use it.
 */
import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(dialect, db.schema.createTable('api_tokens'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    // Space-separated scopes: read_drafts publish moderate funding.
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .addUniqueConstraint('api_tokens_secret_hash', ['secret_hash'])
    .execute();
  await db.schema.createIndex('api_tokens_created_by').on('api_tokens').column('created_by').execute();
  // A retried request carries the same key: the unique index is what makes its gift count once.
  await db.schema.alterTable('donations').addColumn('idempotency_key', 'text').execute();
  await db.schema.createIndex('donations_idempotency_key').on('donations').column('idempotency_key').unique().execute();
}
