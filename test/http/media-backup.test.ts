/**
 * Moving a site with its images: `export --media` writes DATA_DIR's image folders as one tar beside the
 * JSON, `restore --media` puts them back into an empty site, whose pages then serve the images.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/dialect.js';
import { buildTar } from '../helpers/archives.js';
import { createTestApp } from '../helpers/build-test-app.js';
import { WXR_FIXTURE } from '../helpers/importing.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Every file under dir, relative, sorted. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

for (const dialect of DIALECTS) {
  describe(`export and restore with the media archive on ${dialect}`, { timeout: 240_000 }, () => {
    let work: string;
    let source: TestDb | undefined;
    let env: NodeJS.ProcessEnv;

    const cli = async (extra: NodeJS.ProcessEnv, ...args: string[]) => {
      try {
        const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
          cwd: ROOT,
          env: { ...env, ...extra },
          timeout: 180_000,
        });
        return { code: 0, stdout, stderr };
      } catch (err) {
        const e = err as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };

    beforeAll(async () => {
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-media-backup-'));
      const uploads = path.join(work, 'uploads', '2026', '03');
      fs.mkdirSync(uploads, { recursive: true });
      const jpeg = await sharp({
        create: { width: 480, height: 360, channels: 3, background: { r: 20, g: 40, b: 90 } },
      })
        .jpeg()
        .toBuffer();
      fs.writeFileSync(path.join(uploads, 'harbour.jpg'), jpeg);
      env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: path.join(work, 'old-site'),
        SECRET_KEY: 'media-backup-test-secret-key-long-enough-00',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
      };
      if (dialect === 'postgres') {
        source = await createTestDb('postgres');
        env.DATABASE_URL = source.url;
      }
    });
    afterAll(async () => {
      await source?.drop();
      fs.rmSync(work, { recursive: true, force: true });
    });

    it('exports the images as one tar and restores them into an empty site, which serves them', async () => {
      const imported = await cli({}, 'import-wxr', WXR_FIXTURE, '--media-dir', path.join(work, 'uploads'));
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toContain('attachments: 1 created');
      const oldMedia = listFiles(path.join(env.DATA_DIR!, 'media'));
      const oldOriginals = listFiles(path.join(env.DATA_DIR!, 'originals'));
      expect(oldMedia.length).toBeGreaterThan(1);

      const json = path.join(work, 'site.json');
      const tarFile = path.join(work, 'site-media.tar');
      const exported = await cli({}, 'export', '--out', json, '--media', tarFile);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stderr).toMatch(new RegExp(`Media: ${oldMedia.length + oldOriginals.length} files`));
      expect(fs.statSync(tarFile).mode & 0o777).toBe(0o600);

      // An empty site: a new DATA_DIR (and, on PostgreSQL, a new database).
      const target: TestDb =
        dialect === 'postgres'
          ? await createTestDb('postgres')
          : {
              db: undefined as never,
              dataDir: fs.mkdtempSync(path.join(work, 'new-')),
              url: undefined,
              drop: async () => {},
            };
      const targetEnv = { DATA_DIR: target.dataDir, ...(target.url && { DATABASE_URL: target.url }) };
      try {
        const restored = await cli(targetEnv, 'restore', json, '--media', tarFile);
        expect(restored.code, restored.stderr).toBe(0);
        expect(restored.stdout).toContain(`Restored ${oldMedia.length + oldOriginals.length} media files`);
        expect(listFiles(path.join(target.dataDir, 'media'))).toEqual(oldMedia);
        expect(listFiles(path.join(target.dataDir, 'originals'))).toEqual(oldOriginals);
        expect(fs.readdirSync(target.dataDir).filter((n) => n.startsWith('.restore-media'))).toEqual([]);

        if (dialect === 'sqlite') {
          const db = await openDb({
            databaseUrl: undefined,
            sqliteFile: path.join(target.dataDir, 'broadsheet.sqlite'),
          });
          target.db = db;
          target.drop = async () => {
            await db.close();
          };
        }
        const t = await createTestApp(dialect, { testDb: target });
        try {
          const page = await t.app.inject('/articles/harbour-budget-passes');
          expect(page.statusCode).toBe(200);
          const srcs = [...page.body.matchAll(/(?:src|srcset)="(\/media\/[^" ,]+)/g)].map((m) => m[1]!);
          expect(srcs.length).toBeGreaterThan(0);
          for (const src of new Set(srcs)) {
            const img = await t.app.inject(src);
            expect(img.statusCode, src).toBe(200);
            expect(img.rawPayload.length).toBeGreaterThan(100);
          }
        } finally {
          await t.close();
        }
      } finally {
        await target.drop();
      }
    });

    it('refuses a media archive with an entry outside media/ and originals/, and changes nothing', async () => {
      const bad = path.join(work, 'bad-media.tar');
      fs.writeFileSync(
        bad,
        await buildTar([
          { name: 'media/ok.txt', data: 'x' },
          { name: 'config/evil.txt', data: 'x' },
        ]),
      );
      const empty = fs.mkdtempSync(path.join(work, 'empty-'));
      const target = dialect === 'postgres' ? await createTestDb('postgres') : undefined;
      try {
        const res = await cli(
          { DATA_DIR: empty, ...(target && { DATABASE_URL: target.url }) },
          'restore',
          path.join(work, 'site.json'),
          '--media',
          bad,
        );
        expect(res.code).toBe(1);
        expect(res.stderr).toContain('"config", which is not one of media/ or originals/');
        expect(listFiles(path.join(empty, 'media'))).toEqual([]);
        const sqliteFile = path.join(empty, 'broadsheet.sqlite');
        const db = target?.db ?? (await openDb({ databaseUrl: undefined, sqliteFile }));
        try {
          const users = await db.kysely
            .selectFrom('users')
            .select('id')
            .execute()
            .catch(() => []);
          expect(users).toEqual([]);
        } finally {
          if (!target) await db.close();
        }
      } finally {
        await target?.drop();
      }
    });
  });
}
