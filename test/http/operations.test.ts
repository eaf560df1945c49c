import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { backupSqlite } from '../../src/features/ops/backup.js';
import { createLocalMediaStore } from '../../src/platform/media-store.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle } from '../helpers/factories.js';
import { DIALECTS, createTestDb } from '../helpers/test-db.js';
import { loadConfig } from '../../src/config.js';

for (const dialect of DIALECTS) {
  describe(`operations on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => {
      await t.close();
    });

    it('serves Prometheus metrics to loopback with request timings by route', async () => {
      await t.app.inject('/');
      const res = await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('broadsheet_http_request_duration_seconds_bucket');
      expect(res.body).toMatch(/route="\/"/);
    });

    it('keeps metrics from other clients', async () => {
      const res = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
      expect(res.statusCode).toBe(403);
    });
  });
}

describe('backups', () => {
  it('copies a live SQLite database consistently', async () => {
    const t = await createTestDb('sqlite');
    try {
      await makeArticle(t.db.kysely, { headline: 'Backed up' });
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-backup-'));
      const config = loadConfig({}, { dataDir: t.dataDir });
      // The backup reads DATA_DIR/broadsheet.sqlite, the app's file name; close ours (checkpointing the WAL) and move it there.
      await t.db.close();
      fs.renameSync(path.join(t.dataDir, 'test.sqlite'), path.join(t.dataDir, 'broadsheet.sqlite'));
      const r = await backupSqlite(config, createLocalMediaStore(t.dataDir), out, new Date('2026-11-25T00:00:00Z'));
      const copy = new SQLite(r.file, { readonly: true });
      expect(copy.prepare('select headline from articles').all()).toEqual([{ headline: 'Backed up' }]);
      copy.close();
    } finally {
      await t.drop();
    }
  });
});
