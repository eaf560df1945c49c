/**
 * The database going away: PostgreSQL unreachable (a loopback TCP relay in front of it is cut, which is what
 * a restart looks like to the app: every connection reset, new ones refused), SQLite locked by another
 * process or out of space. The app answers 503 with Retry-After and the site's error page, stays alive, and
 * serves again without a restart once the database is back; nothing half-done is stored.
 */
import net from 'node:net';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/dialect.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { createTestDb, PG_URL, type TestDb } from '../helpers/test-db.js';
import { makeArticle } from '../helpers/factories.js';
import { formSession, type FormSession } from '../helpers/forms.js';

/** A TCP relay to PostgreSQL that can be cut (every connection reset, new ones reset at once) and restored. */
interface Relay {
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

async function startRelay(target: string): Promise<Relay> {
  const u = new URL(target);
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const upstream = net.connect(Number(u.port || 5432), u.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    cut() {
      down = true;
      for (const s of sockets) s.resetAndDestroy();
    },
    restore() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Polls `probe` until it returns true; fails after `ms`. Returns the time it took. */
async function until(probe: () => Promise<boolean>, ms: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - t0;
    if (Date.now() - t0 > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function postComment(s: FormSession, slug: string, body: string) {
  return s.json('POST', `/api/articles/${slug}/comments`, { name: 'Outage Reader', email: 'r@example.test', body });
}

async function storedWith(db: Db, marker: string): Promise<number> {
  const r = await db.kysely
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('body_html', 'like', `%${marker}%`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe.skipIf(!PG_URL)('postgres: the database goes away and comes back', () => {
  let testDb: TestDb;
  let relay: Relay;
  let db: Db;
  let t: TestApp;
  let slug: string;
  const lost: Error[] = [];

  beforeAll(async () => {
    testDb = await createTestDb('postgres');
    relay = await startRelay(testDb.url!);
    db = await openDb({ databaseUrl: relay.url, sqliteFile: '', poolSize: 4, onConnectionError: (e) => lost.push(e) });
    t = await createTestApp('postgres', { testDb: { ...testDb, db, url: relay.url, drop: async () => undefined } });
    ({ slug } = await makeArticle(testDb.db.kysely));
  });
  afterAll(async () => {
    relay?.restore();
    await t?.close();
    await db?.close().catch(() => undefined);
    await relay?.close();
    await testDb?.drop();
  });

  it('a connection lost in the middle of a transaction fails that transaction only; the process lives on', async () => {
    lost.length = 0;
    const failed = db.kysely.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      // The connection is checked out and idle between two statements: the case that used to throw an
      // unhandled 'error' event and end the process.
      relay.cut();
      await until(async () => lost.length > 0, 5_000);
      await sql`select 1`.execute(trx);
    });
    await expect(failed).rejects.toThrow();
    expect(lost.length).toBeGreaterThan(0);
    relay.restore();
    await until(
      () =>
        sql`select 1`.execute(db.kysely).then(
          () => true,
          () => false,
        ),
      10_000,
    );
  });

  it('answers 503 with Retry-After while the database is down, stays alive, and serves again without a restart', async () => {
    const s = await formSession(t.app, `/articles/${slug}`);
    relay.cut();

    const page = await t.app.inject(`/articles/${slug}`);
    expect(page.statusCode).toBe(503);
    expect(page.headers['retry-after']).toBe('5');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('data-error-code="DATABASE_UNAVAILABLE"');
    expect(page.body).toContain('cannot reach its database');

    const api = await t.app.inject(`/api/articles/${slug}/comments`);
    expect(api.statusCode).toBe(503);
    expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(api.json()).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });

    const post = await postComment(s, slug, 'Posted while the database was down: outage-marker-1');
    expect(post.statusCode).toBe(503);
    expect(post.headers['retry-after']).toBe('5');

    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBeDefined();
    expect(ready.json()).toMatchObject({ status: 'not ready' });

    relay.restore();
    const window = await until(async () => (await t.app.inject('/readyz')).statusCode === 200, 10_000);
    expect(window).toBeLessThan(10_000);
    expect((await t.app.inject(`/articles/${slug}`)).statusCode).toBe(200);
    const again = await postComment(s, slug, 'Posted after it came back: outage-marker-2');
    expect(again.statusCode).toBe(201);
    expect(await storedWith(testDb.db, 'outage-marker-1')).toBe(0);
    expect(await storedWith(testDb.db, 'outage-marker-2')).toBe(1);
  });

  it('re-establishes LISTEN after the database comes back and tells open live streams to resync', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const res = await fetch(`${address}/live?topics=goal`, { signal: controller.signal });
    const reader = res.body!.getReader();
    let text = '';
    const read = async (want: string, ms: number) => {
      const deadline = Date.now() + ms;
      while (!text.includes(want)) {
        if (Date.now() > deadline) throw new Error(`no "${want}" in the stream within ${ms} ms: ${text}`);
        const chunk = await Promise.race([
          reader.read(),
          new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
        ]);
        if (chunk && !chunk.done) text += Buffer.from(chunk.value).toString('utf8');
      }
    };
    await read(': connected', 5_000);
    // The earlier tests cut the connection too: the bus has reconnected since, on its own.
    await until(async () => t.deps.bus.state() === 'listening', 10_000);

    // A resync from that earlier reconnection may still be on its way down the stream: what this test waits
    // for is the resync sent after *this* cut, so count the stream's resyncs from the cut on.
    let resyncsSinceCut = 0;
    const unsubscribe = t.deps.bus.subscribe('goal', (e) => {
      if (e.type === 'resync') resyncsSinceCut++;
    });
    relay.cut();
    await until(async () => t.deps.bus.state() === 'reconnecting', 5_000);
    expect((await t.app.inject('/readyz')).json()).toMatchObject({ live: 'reconnecting' });
    relay.restore();
    await until(async () => resyncsSinceCut > 0, 15_000);
    unsubscribe();
    expect(t.deps.bus.state()).toBe('listening');
    await read('event: resync', 5_000);
    expect(text).toContain('"topic":"goal"');

    // Events flow again across the re-established connection.
    await t.deps.bus.publish({ topic: 'goal', type: 'goal.update', data: { month: '2026-12', removed: true } });
    await read('event: goal.update', 5_000);
    controller.abort();
  });
});

describe('sqlite: locked by another process, or out of space', () => {
  let t: TestApp;
  let slug: string;
  let file: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    file = path.join(t.testDb.dataDir, 'test.sqlite');
    ({ slug } = await makeArticle(t.testDb.db.kysely));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a write that cannot get the lock answers 503 DATABASE_BUSY; reads go on; it works once the lock is free', async () => {
    const s = await formSession(t.app, `/articles/${slug}`);
    await sql`pragma busy_timeout = 100`.execute(t.deps.db.kysely);
    const other = new SQLite(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const post = await postComment(s, slug, 'While another process writes: busy-marker-1');
      expect(post.statusCode).toBe(503);
      expect(post.json()).toMatchObject({ code: 'DATABASE_BUSY' });
      expect(post.headers['retry-after']).toBe('2');
      expect((await t.app.inject(`/articles/${slug}`)).statusCode).toBe(200);
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect((await postComment(s, slug, 'After the lock: busy-marker-2')).statusCode).toBe(201);
    expect(await storedWith(t.deps.db, 'busy-marker-1')).toBe(0);
    expect(await storedWith(t.deps.db, 'busy-marker-2')).toBe(1);
  });

  it('a full disk answers 503 STORAGE_FULL, stores nothing and corrupts nothing', async () => {
    const s = await formSession(t.app, `/articles/${slug}`);
    const kysely = t.deps.db.kysely;
    await sql`vacuum`.execute(kysely);
    const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(kysely)).rows[0]!.page_count;
    await sql.raw(`pragma max_page_count = ${pages}`).execute(kysely);
    // Longer than a page: it needs pages the file may not grow to.
    const words = Array.from({ length: 700 }, (_, i) => `word${i.toString(36)}`).join(' ');
    const body = `A long and thoughtful remark, full-marker. ${words}`.slice(0, 4_900);
    try {
      const post = await postComment(s, slug, body);
      expect(post.statusCode).toBe(503);
      expect(post.json()).toMatchObject({ code: 'STORAGE_FULL' });
      expect(post.headers['retry-after']).toBeDefined();
    } finally {
      await sql.raw('pragma max_page_count = 1073741823').execute(kysely);
    }
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(kysely);
    expect(check.rows.map((r) => r.integrity_check)).toEqual(['ok']);
    expect(await storedWith(t.deps.db, 'full-marker')).toBe(0);
    expect((await postComment(s, slug, body)).statusCode).toBe(201);
    expect(await storedWith(t.deps.db, 'full-marker')).toBe(1);
  });
});
