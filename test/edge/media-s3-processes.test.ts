/**
 * Issue 15: a second machine serves media. Two real app processes (`src/main.ts`, NODE_ENV=production), each
 * with its own DATA_DIR, on one PostgreSQL database and one bucket of an S3-compatible server on loopback
 * (s3rver): the demo site is written by a third context (its images into the bucket), and both processes serve
 * every image without a file on their disks; the AVIF variants their background jobs make land in the bucket;
 * and a start against a missing bucket stops with one line that names it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/features/demo/index.js';
import { createTestDeps } from '../helpers/build-test-app.js';
import { killAllApps, startApp, type AppProcess } from '../helpers/app-process.js';
import { s3ServerMissing, startS3Server, type S3TestServer } from '../helpers/s3-server.js';
import { createTestDb, PG_URL, type TestDb } from '../helpers/test-db.js';

const missing = (await s3ServerMissing()) ?? (PG_URL ? null : 'TEST_DATABASE_URL is not set');
if (missing) console.warn(`two app processes on one bucket skipped: ${missing}`);

async function until(pred: () => Promise<boolean>, timeoutMs: number, why: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await pred())) {
    if (performance.now() > deadline) throw new Error(why);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(missing !== null)('two app processes sharing one bucket, on PostgreSQL', { timeout: 120_000 }, () => {
  let s3: S3TestServer;
  let db: TestDb;
  let dir: string;
  let a: AppProcess;
  let b: AppProcess;

  beforeAll(async () => {
    s3 = await startS3Server();
    db = await createTestDb('postgres');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-s3-apps-'));
    // The demo site is written first by a context of this test (a third "machine"), its images into the bucket;
    // the processes' background jobs make the AVIF variants.
    const seeding = await createTestDeps(db, { mediaStorage: s3.storage('news') });
    try {
      await seedDemo(seeding, { comments: 5 });
    } finally {
      seeding.media.close();
      await seeding.bus.close();
    }
    const env = s3.env('news');
    a = await startApp({ name: 'a', databaseUrl: db.url, dataDir: path.join(dir, 'a'), seedDemo: false, env });
    b = await startApp({ name: 'b', databaseUrl: db.url, dataDir: path.join(dir, 'b'), seedDemo: false, env });
  }, 170_000);
  afterAll(async () => {
    await killAllApps();
    await db?.drop();
    await s3?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the same images from both processes, byte for byte, with no file on either disk', async () => {
    // The demo article with the bus chart in its body.
    const page = await (await fetch(`${b.baseUrl}/articles/night-buses-return-to-the-outer-districts`)).text();
    const urls = [...page.matchAll(/\/media\/[\w-]+\/\d+\.(?:jpg|webp)/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(0);
    const keys = await s3.keys('news/media/');
    for (const url of new Set(urls)) {
      expect(keys).toContain(`news${url}`);
      const fromA = await fetch(`${a.baseUrl}${url}`);
      const fromB = await fetch(`${b.baseUrl}${url}`);
      expect([fromA.status, fromB.status]).toEqual([200, 200]);
      expect(fromB.headers.get('etag')).toBe(fromA.headers.get('etag'));
      expect(Buffer.from(await fromB.arrayBuffer()).equals(Buffer.from(await fromA.arrayBuffer()))).toBe(true);
      const again = await fetch(`${b.baseUrl}${url}`, { headers: { 'if-none-match': fromA.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
    for (const name of ['a', 'b']) expect(fs.existsSync(path.join(dir, name, 'media')), name).toBe(false);
  });

  it('gets the AVIF variants made by the background jobs into the bucket, served by both', async () => {
    await until(
      async () => (await s3.keys('news/media/')).some((k) => k.endsWith('.avif')),
      90_000,
      'no AVIF variant reached the bucket',
    );
    const avif = (await s3.keys('news/media/')).find((k) => k.endsWith('.avif'))!.slice('news'.length);
    for (const app of [a, b]) {
      const res = await fetch(`${app.baseUrl}${avif}`);
      expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/avif']);
    }
  });

  it('refuses to start against a bucket that does not exist, saying which', async () => {
    const env = { ...s3.env('news'), S3_BUCKET: 'no-such-bucket' };
    const started = startApp({ name: 'c', databaseUrl: db.url, dataDir: path.join(dir, 'c'), seedDemo: false, env });
    await expect(started).rejects.toThrow(
      /bucket "no-such-bucket" at http:\/\/127\.0\.0\.1:\d+ cannot be used: it does not exist/,
    );
  });
});
