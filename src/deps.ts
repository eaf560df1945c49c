/** Composition root: builds the things services depend on, once, from the configuration. */
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { openDb, type Db } from './db/dialect.js';
import { migrateToLatest } from './db/migrate.js';
import { createHooks, type Hooks } from './hooks.js';
import cluster from 'node:cluster';
import { clusterBus, memoryBus, postgresBus, type EventBus } from './platform/event-bus.js';
import { mailerForConfig, type Mailer } from './platform/mailer.js';
import {
  defaultPhases,
  type DiscussionPageCache,
  type PassageCountCache,
  type Phase,
  type WordListCache,
} from './features/comments/index.js';
import { createStripeProvider, type PaymentProvider } from './features/funding/index.js';
import type { RunningImports } from './features/importers/index.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { SectionCache } from './shell/chrome.js';
import { createSiteIdentityCache, watchSiteIdentity, type SiteIdentityCache } from './platform/site-identity.js';
import { createNavigationCache, watchNavigation, type NavigationCache } from './features/navigation/index.js';
import { journaledBus } from './features/live/index.js';
import { createPageCache, watchChanges, type PageCache } from './web/page-cache.js';
import { createLocalMediaStore, type MediaStore } from './platform/media-store.js';

export interface Deps {
  config: Config;
  /** In-transaction reactions between features, wired in src/hooks.ts. */
  hooks: Hooks;
  db: Db;
  /** The one source of "now" for domain time: services take `now` from it, or from a route that read it. */
  clock: Clock;
  log: Logger;
  bus: EventBus;
  /** The moderation policy: the ordered phases every new or edited comment goes through. */
  phases: readonly Phase[];
  /** This process's caches, one set per context so two apps never share one. */
  caches: Caches;
  /** Imports running in the background in this app (stopped on shutdown). */
  importJobs: RunningImports;
  /** Where the outbox sends mail: SMTP_URL, or the mail folder under DATA_DIR. */
  mailer: Mailer;
  /** Online giving (Stripe, from the configuration); a test passes one pointed at its fake Stripe. */
  payments: PaymentProvider;
  /** Where image files live: DATA_DIR on this machine, or the S3 bucket MEDIA_STORAGE=s3 names. */
  media: MediaStore;
}

/**
 * The media store the configuration names (MEDIA_STORAGE): the local disk under DATA_DIR unless s3. The AWS
 * SDK is loaded only for a bucket (it takes a few hundred milliseconds a start that a local site need not pay).
 */
export async function createMediaStore(config: Pick<Config, 'dataDir' | 'mediaStorage'>): Promise<MediaStore> {
  const m = config.mediaStorage;
  if (m.kind !== 's3') return createLocalMediaStore(config.dataDir);
  const { createS3MediaStore } = await import('./platform/s3-media-store.js');
  return createS3MediaStore(m);
}

/**
 * Every in-process cache. Each is keyed by what it was made from (a discussion version, which any process
 * bumps on write, or a word list's content) or expires after a few seconds, so a cache never outlives a
 * change made in another process.
 */
export interface Caches {
  /** Rendered lists of threads, by article, discussion version and query. */
  discussionPages: DiscussionPageCache;
  /** Comments per paragraph (inline feedback), by article and discussion version. */
  passageCounts: PassageCountCache;
  /** The publisher's word lists compiled for matching, by their content. */
  wordLists: WordListCache;
  /** The sections in the navigation, re-read every few seconds. */
  sections: SectionCache;
  /** The site's name, tagline, accent … (/admin/site), dropped whenever any process announces a save. */
  site: SiteIdentityCache;
  /** The header's and footer's items (/admin/navigation), dropped whenever any process announces a save. */
  navigation: NavigationCache;
  /** Whole public pages (src/web/page-cache.ts), dropped on any change announced on the bus. */
  pages: PageCache;
}

export function createCaches(): Caches {
  return {
    discussionPages: new Map(),
    passageCounts: new Map(),
    wordLists: new Map(),
    sections: {},
    site: createSiteIdentityCache(),
    navigation: createNavigationCache(),
    pages: createPageCache(),
  };
}

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', '*.email', '*.password'],
  });
}

/**
 * Opens and migrates the database and starts the event bus. Overrides replace any part (a test passes
 * its own clock or moderation phases); what is not given is built here, fresh for this context.
 */
export async function createDeps(config: Config, overrides: Partial<Deps> = {}): Promise<Deps> {
  const log = overrides.log ?? createLogger(config);
  const db =
    overrides.db ??
    (await openDb({
      databaseUrl: config.databaseUrl,
      sqliteFile: path.join(config.dataDir, 'broadsheet.sqlite'),
      busyTimeoutMs: config.sqliteBusyTimeoutMs,
      onConnectionError: (err) =>
        log.warn({ err }, 'a database connection was lost; requests answer 503 until a new one opens'),
    }));
  await migrateToLatest(db.kysely, db.dialect);
  const clock = overrides.clock ?? systemClock;
  // Live events of a stream's topics are journaled in the database first, so a reader can replay what they missed.
  const bus = journaledBus(
    overrides.bus ??
      (db.connectionString
        ? await postgresBus(db.connectionString, log)
        : cluster.isWorker
          ? clusterBus()
          : memoryBus()),
    { db: db.kysely, clock, log },
  );
  const caches = overrides.caches ?? createCaches();
  // Closing the bus removes this subscription with the others.
  watchSiteIdentity(bus, caches.site);
  watchNavigation(bus, caches.navigation);
  watchChanges(bus, caches.pages);
  return {
    config,
    db,
    clock,
    log,
    bus,
    hooks: overrides.hooks ?? createHooks(config),
    phases: overrides.phases ?? defaultPhases(),
    caches,
    importJobs: overrides.importJobs ?? new Map(),
    mailer: overrides.mailer ?? mailerForConfig(config, log),
    payments: overrides.payments ?? createStripeProvider(config),
    media: overrides.media ?? (await createMediaStore(config)),
  };
}

/** Closes what createDeps opened, in reverse order (the mailer's pooled SMTP connections first). */
export async function closeDeps(deps: Deps): Promise<void> {
  deps.mailer.close();
  deps.media.close();
  await deps.bus.close();
  await deps.db.close();
}
