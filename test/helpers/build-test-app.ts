/** The real app on a real test database, driven through app.inject() without opening a port. */
import pino from 'pino';
import type { DialectName } from '../../src/db/dialect.js';
import { buildApp, type AppInstance } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createDeps, type Deps } from '../../src/deps.js';
import { memoryBus, postgresBus } from '../../src/platform/event-bus.js';
import type { Phase } from '../../src/features/comments/moderation/pipeline.js';
import type { PaymentProvider } from '../../src/features/funding/index.js';
import type { Mailer } from '../../src/platform/mailer.js';
import { fixedClock, systemClock, type Clock } from '../../src/platform/clock.js';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestDb, type TestDb } from './test-db.js';
import { isApiOperation, openApiChecker, type ApiAnswer } from './openapi-check.js';

export interface TestApp {
  app: AppInstance;
  deps: Deps;
  testDb: TestDb;
  close(): Promise<void>;
}

export interface TestAppOptions {
  config?: Partial<Config>;
  clock?: Clock;
  /**
   * The moderation policy of this app's context, in place of the real phases (e.g. one stub verdict,
   * for tests of what the discussion does with each outcome). Without it the real policy runs.
   */
  phases?: Phase[];
  /** Reuse a database made by another test app (to run two "processes" on one PostgreSQL database). */
  testDb?: TestDb;
  /** The context's payment provider; without it, the Stripe provider built from `config` (e.g. the fake Stripe's address). */
  payments?: PaymentProvider;
  /** The context's mailer; without it, the one built from `config` (SMTP_URL or the mail folder). */
  mailer?: Mailer;
  /** The app's log; without it a silent one (or TEST_LOG_LEVEL's). For tests that read what the app logged. */
  log?: pino.Logger;
}

export const TEST_SECRET = 'test-secret-key-that-is-long-enough-0123456789';

export async function createTestApp(dialect: DialectName, opts: TestAppOptions = {}): Promise<TestApp> {
  const testDb = opts.testDb ?? (await createTestDb(dialect));
  const config = loadConfig(
    { NODE_ENV: 'test', SECRET_KEY: TEST_SECRET, LOG_LEVEL: 'silent', SEED_DEMO: 'false' },
    // The in-process page cache is off unless a test turns it on (test/http/page-cache.test.ts): other tests read
    // pages right after changes that announce nothing on the bus.
    { dataDir: testDb.dataDir, pageCacheEntries: 0, ...opts.config },
  );
  const log = opts.log ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const bus = testDb.url ? await postgresBus(testDb.url, log) : memoryBus();
  // A context of its own (fresh caches, its own policy): two apps in one test process share nothing.
  const deps = await createDeps(config, {
    db: testDb.db,
    clock: opts.clock ?? systemClock,
    log,
    bus,
    ...(opts.phases && { phases: opts.phases }),
    ...(opts.payments && { payments: opts.payments }),
    ...(opts.mailer && { mailer: opts.mailer }),
  });
  const app = await buildApp(deps);
  await app.ready();
  const answers = recordApiAnswers(app);
  return {
    app,
    deps,
    testDb,
    close: async () => {
      // Read before closing: the document is the app's own.
      const problems = answers.length > 0 ? checkApiAnswers(app, answers) : [];
      await app.close();
      deps.mailer.close();
      await bus.close();
      if (!opts.testDb) await testDb.drop();
      if (problems.length > 0)
        throw new Error(
          `${problems.length} API answers do not match /api/openapi.json:\n  ${problems.slice(0, 25).join('\n  ')}`,
        );
    },
  };
}

/** Keeps what `app.inject` answers under /api (see test/helpers/openapi-check.ts). */
function recordApiAnswers(app: AppInstance): ApiAnswer[] {
  const answers: ApiAnswer[] = [];
  const inject = app.inject.bind(app);
  const record = (opts: unknown, res: LightMyRequestResponse) => {
    const o = typeof opts === 'string' ? { url: opts } : (opts as { url?: string; path?: string; method?: string });
    const url = o.url ?? o.path ?? '';
    if (!isApiOperation(url)) return;
    const type = String(res.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    let body: unknown = res.body;
    if (/json$/.test(type) && res.body !== '') {
      try {
        body = JSON.parse(res.body);
      } catch {
        body = res.body;
      }
    }
    answers.push({ method: (o.method ?? 'GET').toUpperCase(), url, status: res.statusCode, type, body });
  };
  app.inject = ((opts?: unknown, callback?: unknown) => {
    if (opts === undefined || callback !== undefined) return (inject as (...a: unknown[]) => unknown)(opts, callback);
    return (inject(opts as InjectOptions) as Promise<LightMyRequestResponse>).then((res) => {
      record(opts, res);
      return res;
    });
  }) as typeof app.inject;
  return answers;
}

function checkApiAnswers(app: AppInstance, answers: ApiAnswer[]): string[] {
  const check = openApiChecker(JSON.parse(JSON.stringify(app.swagger())));
  const problems = new Set<string>();
  for (const a of answers) {
    const problem = check(a);
    if (problem) problems.add(problem);
  }
  return [...problems];
}

/**
 * A context on a test database without an app (for service tests): the real hooks, policy and caches,
 * an in-process bus and a silent log. `config` replaces parts of the test configuration.
 */
export async function createTestDeps(testDb: TestDb, config: Partial<Config> = {}): Promise<Deps> {
  const cfg = loadConfig(
    { NODE_ENV: 'test', SECRET_KEY: TEST_SECRET, LOG_LEVEL: 'silent', SEED_DEMO: 'false' },
    { dataDir: testDb.dataDir, ...config },
  );
  return createDeps(cfg, { db: testDb.db, log: pino({ level: 'silent' }), bus: memoryBus() });
}

export { fixedClock };
