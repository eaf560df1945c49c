import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDisqus } from '../../src/features/importers/disqus.importer.js';
import type { ImportProgress } from '../../src/features/importers/import.types.js';
import { importWxr } from '../../src/features/importers/wxr.importer.js';
import { hmac } from '../../src/lib/crypto.js';
import { createTestApp, TEST_SECRET, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle } from '../helpers/factories.js';
import {
  countRows,
  DISQUS_FIXTURE,
  fileInput,
  snapshotTables,
  stringInput,
  WXR_FIXTURE,
} from '../helpers/importing.js';
import { DIALECTS } from '../helpers/test-db.js';

const UNMATCHED = 'threads that match no article (their comments are skipped)';

for (const dialect of DIALECTS) {
  describe(`importing a Disqus export by URL on ${dialect}`, () => {
    let t: TestApp;
    let result: ImportProgress;
    let harbour: { id: number; slug: string };
    let buses: { id: number; slug: string };
    const comment = (name: string) =>
      t.deps.db.kysely.selectFrom('comments').selectAll().where('author_name', '=', name).executeTakeFirstOrThrow();

    beforeAll(async () => {
      t = await createTestApp(dialect);
      // A site that never ran WordPress: threads match by /articles/<slug> or by the last segment of their path.
      harbour = await makeArticle(t.deps.db.kysely, {
        slug: 'harbour-budget-passes',
        headline: 'Harbour budget passes',
      });
      buses = await makeArticle(t.deps.db.kysely, { slug: 'night-buses-return', headline: 'Night buses return' });
      result = await importDisqus(t.deps, fileInput(DISQUS_FIXTURE, 2048));
    });
    afterAll(async () => {
      await t.close();
    });

    it('matches threads to articles and reports the ones that match none', () => {
      expect(result.byKind.threads).toEqual({ created: 2, updated: 0, skipped: 1 });
      expect(result.notes[UNMATCHED]).toBe(1);
      expect(result.samples[UNMATCHED]).toEqual(['https://gazette.example/2019/05/old-reader-poll/']);
      expect(result.notes['comments of unmatched threads']).toBe(1);
    });

    it('threads posts under their parents even when a reply comes first', async () => {
      const marta = await comment('Marta Kowalska');
      const guest = await comment('Guest');
      const pawel = await comment('Paweł Nowak');
      expect(marta).toMatchObject({
        article_id: harbour.id,
        parent_id: null,
        depth: 0,
        thread_id: marta.id,
        status: 'approved',
      });
      expect(guest).toMatchObject({ parent_id: marta.id, depth: 1, thread_id: marta.id });
      expect(pawel).toMatchObject({ parent_id: guest.id, depth: 2, thread_id: marta.id });
      expect((await comment('Night Rider')).article_id).toBe(buses.id);
    });

    it('maps spam and deleted posts, and sanitizes messages', async () => {
      expect((await comment('Pill Seller')).status).toBe('spam');
      expect((await comment('Deleted Person')).status).toBe('trash');
      const pawel = await comment('Paweł Nowak');
      expect(pawel.body_html).toContain('Łódź says hello');
      expect(pawel.body_html).not.toMatch(/javascript:|onerror|<img/);
      expect((await comment('Marta Kowalska')).body_html).toBe(
        '<p>Brilliant reporting on the <b>budget</b>. Danke schön!</p>',
      );
    });

    it('keeps e-mails private and IP addresses only hashed', async () => {
      const marta = await comment('Marta Kowalska');
      expect(marta.author_email).toBe('marta.kowalska@example.org');
      expect(marta.ip_hash).toBe(hmac(TEST_SECRET, '203.0.113.77'));
      expect(JSON.stringify(await snapshotTables(t))).not.toContain('203.0.113.77');
      const page = await t.app.inject(`/articles/${harbour.slug}`);
      expect(page.body).toContain('Marta Kowalska');
      expect(page.body).not.toContain('marta.kowalska@example.org');
      expect(page.body).not.toContain('Pill Seller');
    });

    it('recounts the discussions it touched', async () => {
      const rows = await t.deps.db.kysely
        .selectFrom('articles')
        .select(['id', 'comment_count'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { id: harbour.id, comment_count: 3 },
        { id: buses.id, comment_count: 1 },
      ]);
    });

    it('changes nothing when run again, and adds only new posts when the export grew', async () => {
      const before = await snapshotTables(t);
      const again = await importDisqus(t.deps, fileInput(DISQUS_FIXTURE));
      expect(again.created + again.updated).toBe(0);
      expect(await snapshotTables(t)).toEqual(before);

      const grown = fs.readFileSync(DISQUS_FIXTURE, 'utf8').replace(
        '</disqus>',
        `<post dsq:id="9100"><id /><message><![CDATA[<p>Late to this.</p>]]></message>
        <createdAt>2026-03-19T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
        <author><email>late@example.org</email><name>Late Comer</name><isAnonymous>false</isAnonymous></author>
        <ipAddress>203.0.113.99</ipAddress><thread dsq:id="7001" /><parent dsq:id="9003" /></post></disqus>`,
      );
      const more = await importDisqus(t.deps, stringInput(grown));
      expect(more.byKind.comments).toMatchObject({ created: 1, updated: 0 });
      const pawel = await comment('Paweł Nowak');
      expect(await comment('Late Comer')).toMatchObject({ parent_id: pawel.id, depth: 3, thread_id: pawel.thread_id });
      expect(await countRows(t, 'comments')).toBe(7);
    });

    it('refuses a WordPress file given as a Disqus export', async () => {
      await expect(importDisqus(t.deps, fileInput(WXR_FIXTURE))).rejects.toThrow(/does not look like a Disqus export/);
    });
  });

  describe(`importing a Disqus export after a WordPress import on ${dialect}`, () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      await importWxr(t.deps, fileInput(WXR_FIXTURE));
    });
    afterAll(async () => {
      await t.close();
    });

    const wpArticleId = async () =>
      (
        await t.deps.db.kysely
          .selectFrom('import_refs')
          .select('local_id')
          .where('kind', '=', 'post')
          .where('external_id', '=', '101')
          .executeTakeFirstOrThrow()
      ).local_id!;
    const count = async (id: number) =>
      (
        await t.deps.db.kysely
          .selectFrom('articles')
          .select('comment_count')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).comment_count;

    it('finds the article of a WordPress post by its old permalink', async () => {
      const res = await importDisqus(t.deps, fileInput(DISQUS_FIXTURE));
      expect(res.byKind.threads).toMatchObject({ created: 1, skipped: 2 });
      const marta = await t.deps.db.kysely
        .selectFrom('comments')
        .select('article_id')
        .where('author_name', '=', 'Marta Kowalska')
        .executeTakeFirstOrThrow();
      expect(marta.article_id).toBe(await wpArticleId());
      // WordPress comments and Disqus comments live side by side on the article.
      expect(await count(await wpArticleId())).toBe(7 + 3);
    });

    it('finds it by the Disqus identifier the WordPress plugin wrote', async () => {
      const otherForum = fs
        .readFileSync(DISQUS_FIXTURE, 'utf8')
        .replaceAll('<forum>harbourgazette</forum>', '<forum>gazette-archive</forum>');
      const res = await importDisqus(t.deps, stringInput(otherForum), { articleMap: 'by-identifier' });
      expect(res.byKind.threads).toMatchObject({ created: 1, skipped: 2 });
      expect(res.byKind.comments).toMatchObject({ created: 5 });
      expect(await count(await wpArticleId())).toBe(7 + 3 + 3);
    });
  });
}
