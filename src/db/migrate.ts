import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectName } from './dialect.js';
import type { Database } from './database.js';
import * as core from './migrations/2026-11-25T0000-core.js';
import * as authorIndexes from './migrations/2026-11-25T0700-author-indexes.js';
import * as moderation from './migrations/2026-11-25T0250-moderation.js';
import * as search from './migrations/2026-11-25T0150-search.js';
import * as mail from './migrations/2026-11-25T0400-mail.js';
import * as importers from './migrations/2026-11-25T0500-importers.js';
import * as editorial from './migrations/2026-11-25T0100-editorial.js';
import * as discussion from './migrations/2026-11-25T0200-discussion.js';
import * as funding from './migrations/2026-11-25T0300-funding.js';
import * as inline from './migrations/2026-11-25T0600-inline.js';
import * as accounts from './migrations/2026-11-25T0800-accounts.js';
import * as moneyBigint from './migrations/2026-12-03T1000-money-bigint.js';
import * as reportReview from './migrations/2026-12-03T1210-report-review.js';
import * as commentAnnounced from './migrations/2026-12-03T1400-comment-announced.js';
import * as webhookFailureRepeats from './migrations/2026-12-03T1500-webhook-failure-repeats.js';
import * as paragraphFingerprints from './migrations/2026-12-03T1630-paragraph-fingerprints.js';
import * as importRecounts from './migrations/2026-12-06T2000-import-recounts.js';
import * as legacyRedirects from './migrations/2026-12-06T2000-legacy-redirects.js';
import * as cardImages from './migrations/2026-12-06T2300-card-images.js';
import * as apiTokens from './migrations/2026-12-07T0000-api-tokens.js';
import * as liveEvents from './migrations/2026-12-07T0100-live-events.js';
import * as webhooks from './migrations/2026-12-07T0100-webhooks.js';
import * as guestVoteNetworks from './migrations/2026-12-07T0200-guest-vote-networks.js';

/** A migration gets the dialect so it can declare the few things that differ. */
interface DialectMigration {
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
  down?(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

/**
 * Every migration, in order. Names are timestamps; a shipped migration is never edited.
 * Listed statically (not read from a folder) so they work the same under tsx, tests and bundlers.
 */
const MIGRATIONS: Record<string, DialectMigration> = {
  '2026-11-25T0000-core': core,
  '2026-11-25T0100-editorial': editorial,
  '2026-11-25T0150-search': search,
  '2026-11-25T0200-discussion': discussion,
  '2026-11-25T0250-moderation': moderation,
  '2026-11-25T0300-funding': funding,
  '2026-11-25T0400-mail': mail,
  '2026-11-25T0500-importers': importers,
  '2026-11-25T0600-inline': inline,
  '2026-11-25T0700-author-indexes': authorIndexes,
  '2026-11-25T0800-accounts': accounts,
  '2026-12-03T1000-money-bigint': moneyBigint,
  '2026-12-03T1210-report-review': reportReview,
  '2026-12-03T1400-comment-announced': commentAnnounced,
  '2026-12-03T1500-webhook-failure-repeats': webhookFailureRepeats,
  '2026-12-03T1630-paragraph-fingerprints': paragraphFingerprints,
  '2026-12-06T2000-import-recounts': importRecounts,
  '2026-12-06T2000-legacy-redirects': legacyRedirects,
  '2026-12-06T2300-card-images': cardImages,
  '2026-12-07T0000-api-tokens': apiTokens,
  '2026-12-07T0100-live-events': liveEvents,
  '2026-12-07T0100-webhooks': webhooks,
  '2026-12-07T0200-guest-vote-networks': guestVoteNetworks,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(MIGRATIONS)) {
      out[name] = {
        up: (db) => m.up(db, this.dialect),
        down: m.down ? (db) => m.down!(db, this.dialect) : undefined,
      };
    }
    return out;
  }
}

/** Brings the schema up to date; safe to call from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Kysely<Database>, dialect: DialectName): Promise<string[]> {
  // Features land their migrations independently; a database that already ran a later one still takes an
  // earlier-named one that arrived after it.
  const migrator = new Migrator({
    db: db as Kysely<unknown>,
    provider: new StaticProvider(dialect),
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Database migration ${failed ?? ''} failed: ${(error as Error).message ?? String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
