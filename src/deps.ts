/** Composition root: builds the things services depend on, once, from the configuration. */
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { openDb, type Db } from './db/dialect.js';
import { migrateToLatest } from './db/migrate.js';
import { createHooks, type Hooks } from './hooks.js';
import { memoryBus, postgresBus, type EventBus } from './platform/event-bus.js';
import { systemClock, type Clock } from './lib/clock.js';

export interface Deps {
  config: Config;
  /** In-transaction reactions between features, wired in src/hooks.ts. */
  hooks: Hooks;
  db: Db;
  clock: Clock;
  log: Logger;
  bus: EventBus;
}

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', '*.email', '*.password'],
  });
}

/** Opens and migrates the database and starts the event bus. */
export async function createDeps(config: Config, overrides: Partial<Deps> = {}): Promise<Deps> {
  const log = overrides.log ?? createLogger(config);
  const db =
    overrides.db ??
    (await openDb({
      databaseUrl: config.databaseUrl,
      sqliteFile: path.join(config.dataDir, 'broadsheet.sqlite'),
      onIdleError: (err) => log.warn({ err }, 'database connection lost while idle; it will be reopened'),
    }));
  await migrateToLatest(db.kysely, db.dialect);
  const bus = overrides.bus ?? (db.connectionString ? await postgresBus(db.connectionString, log) : memoryBus());
  return { config, db, clock: overrides.clock ?? systemClock, log, bus, hooks: overrides.hooks ?? createHooks(config) };
}

/** Closes what createDeps opened, in reverse order. */
export async function closeDeps(deps: Deps): Promise<void> {
  await deps.bus.close();
  await deps.db.close();
}
