import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/dialect.js';
import { verifyPassword } from '../../src/lib/crypto.js';
import { DISQUS_FIXTURE, WXR_FIXTURE } from '../helpers/importing.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

for (const dialect of DIALECTS) {
  describe(`the command line on ${dialect}`, { timeout: 180_000 }, () => {
    let dataDir: string;
    let testDb: TestDb | undefined;
    let env: NodeJS.ProcessEnv;

    const cli = async (...args: string[]): Promise<CliResult> => {
      try {
        const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
          cwd: ROOT,
          env,
          timeout: 120_000,
        });
        return { code: 0, stdout, stderr };
      } catch (err) {
        const e = err as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-cli-'));
      env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir,
        SECRET_KEY: 'cli-test-secret-key-that-is-long-enough-000',
        LOG_LEVEL: 'warn',
      };
      if (dialect === 'postgres') {
        testDb = await createTestDb('postgres');
        env.DATABASE_URL = testDb.url;
      }
    });
    afterAll(async () => {
      await testDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('prints help, and usage with exit code 2 for a mistake', async () => {
      const help = await cli('help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('import-wxr <file> [--dry-run]');
      const unknown = await cli('import-everything');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('Unknown command "import-everything"');
      const missing = await cli('import-wxr', path.join(dataDir, 'nope.xml'));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('no such file');
      const badMap = await cli('import-disqus', DISQUS_FIXTURE, '--article-map', 'by-title');
      expect(badMap.code).toBe(2);
      expect(badMap.stderr).toContain('--article-map must be by-url or by-identifier');
    });

    it('imports a WordPress export with progress on stderr and a summary, and changes nothing the second time', async () => {
      const first = await cli('import-wxr', WXR_FIXTURE);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain('Import finished: 23 created, 0 updated, 6 skipped');
      expect(first.stdout).toContain('comments: 10 created, 0 updated, 1 skipped');
      expect(first.stderr).toMatch(/100\.0% 29 records \(\d+\/s\): created 23, updated 0, skipped 6/);
      const second = await cli('import-wxr', WXR_FIXTURE);
      expect(second.stdout).toContain('Import finished: 0 created, 0 updated, 28 skipped');
    });

    it('imports a Disqus export and lists the threads it could not match', async () => {
      const res = await cli('import-disqus', DISQUS_FIXTURE, '--dry-run');
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain('Dry run (nothing was written)');
      const real = await cli('import-disqus', DISQUS_FIXTURE);
      expect(real.stdout).toContain('comments: 5 created');
      expect(real.stdout).toMatch(
        /threads that match no article \(their comments are skipped\): 2 \(e\.g\. https:\/\/news\.example\/articles\/night-buses-return/,
      );
    });

    it('exports everything to a file only its owner can read', async () => {
      const out = path.join(dataDir, 'site.json');
      const res = await cli('export', '--out', out);
      expect(res.code, res.stderr).toBe(0);
      expect(fs.statSync(out).mode & 0o777).toBe(0o600);
      const doc = JSON.parse(fs.readFileSync(out, 'utf8')) as {
        tables: Record<string, { columns: string[]; rows: unknown[][] }>;
      };
      expect(doc.tables.articles!.rows).toHaveLength(4);
      expect(doc.tables.comments!.rows).toHaveLength(15);
      expect(JSON.stringify(doc.tables.comments)).toContain('marta.kowalska@example.org');
      const stdout = await cli('export');
      expect(JSON.parse(stdout.stdout)).toMatchObject({ format: 'broadsheet-site', version: 2 });
    });

    it('restores that file into an empty site, and refuses a site that has content', async () => {
      const out = path.join(dataDir, 'site.json');
      const refused = await cli('restore', out);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('this site is not empty');

      const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-cli-restore-'));
      const target = dialect === 'postgres' ? await createTestDb('postgres') : undefined;
      const saved = { ...env };
      env = { ...env, DATA_DIR: emptyDir, ...(target && { DATABASE_URL: target.url }) };
      try {
        const res = await cli('restore', out);
        expect(res.code, res.stderr).toBe(0);
        expect(res.stdout).toMatch(/^Restored \d+ rows in \d+ tables/);
        expect(res.stderr).toContain('comments: 15');
        const again = await cli('export');
        const a = JSON.parse(again.stdout) as { tables: unknown };
        const b = JSON.parse(fs.readFileSync(out, 'utf8')) as { tables: unknown };
        expect(a.tables).toEqual(b.tables);
      } finally {
        env = saved;
        await target?.drop();
        fs.rmSync(emptyDir, { recursive: true, force: true });
      }
    });

    it('gives an operator a publisher login, printed once, creating the account or taking it over', async () => {
      const first = await cli('create-publisher', 'Owner@Example.org', '--name', 'Olga Owner');
      expect(first.code, first.stderr).toBe(0);
      const [, password] =
        /Created publisher owner@example\.org\. Password \(shown once[^)]*\): (\S+)/.exec(first.stdout) ?? [];
      expect(password).toMatch(/^\S{12,}$/);
      const again = await cli('create-publisher', 'owner@example.org');
      expect(again.stdout).toMatch(/^Updated publisher owner@example\.org\./);
      const db = await openDb({ databaseUrl: env.DATABASE_URL, sqliteFile: path.join(dataDir, 'broadsheet.sqlite') });
      try {
        const user = await db.kysely
          .selectFrom('users')
          .select(['role', 'display_name', 'password_hash'])
          .where('email', '=', 'owner@example.org')
          .executeTakeFirstOrThrow();
        expect(user).toMatchObject({ role: 'publisher', display_name: 'Olga Owner' });
        // Only the latest password opens the account.
        expect(await verifyPassword(password!, user.password_hash!)).toBe(false);
        expect(await verifyPassword(/Password[^:]*: (\S+)/.exec(again.stdout)![1]!, user.password_hash!)).toBe(true);
      } finally {
        await db.close();
      }
      expect((await cli('create-publisher', 'not-an-address')).code).toBe(1);
    });
  });
}
