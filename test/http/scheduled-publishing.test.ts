/**
 * Scheduled publishing with several app processes: two app instances with their own database
 * connections run the real background job against the same database at the same moment, over and over.
 * Each due article must be published exactly once (one audit entry, one winner), at its scheduled time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../src/jobs.js';
import { publishDueArticles } from '../../src/features/articles/article.publishing.service.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, secondProcess, signedIn } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import { DIALECTS } from '../helpers/test-db.js';

const publishJob = JOBS.find((j) => j.name === 'publish-scheduled-articles')!;

for (const dialect of DIALECTS) {
  describe(`scheduled publishing across two app processes on ${dialect}`, () => {
    let a: TestApp;
    let b: TestApp;
    const clock = fixedClock('2026-06-14T09:00:00Z');

    beforeAll(async () => {
      a = await createTestApp(dialect, { clock });
      b = await secondProcess(a, { clock });
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    async function schedule(at: string, headline: string): Promise<number> {
      const { id } = await makeArticle(a.deps.db.kysely, { status: 'draft', headline });
      await a.deps.db.kysely
        .updateTable('articles')
        .set({ status: 'scheduled', publish_at: at })
        .where('id', '=', id)
        .execute();
      return id;
    }
    const audits = async (ids: number[]) =>
      (
        await a.deps.db.kysely
          .selectFrom('audit_log')
          .select('subject_id')
          .where('action', '=', 'article.publish')
          .where('subject_id', 'in', ids.map(String))
          .execute()
      ).map((r) => Number(r.subject_id));

    it('publishes each due article exactly once when both processes run the job at the same time', async () => {
      const due: number[] = [];
      for (let i = 0; i < 12; i++)
        due.push(await schedule(`2026-06-14T08:${String(10 + i).padStart(2, '0')}:00.000Z`, `Due ${i}`));
      const later = await schedule('2026-06-14T10:00:00.000Z', 'Not yet');

      const winners = await Promise.all([
        publishDueArticles(a.deps),
        publishDueArticles(b.deps),
        publishDueArticles(a.deps),
        publishDueArticles(b.deps),
      ]);
      const all = winners.flat();
      expect([...all].sort((x, y) => x - y)).toEqual(due);
      expect(new Set(all).size).toBe(all.length);
      expect((await audits(due)).sort((x, y) => x - y)).toEqual(due);

      const rows = await a.deps.db.kysely
        .selectFrom('articles')
        .select(['id', 'status', 'publish_at', 'published_at'])
        .where('id', 'in', [...due, later])
        .orderBy('id')
        .execute();
      for (const r of rows.filter((r) => r.id !== later)) {
        expect(r.status).toBe('published');
        expect(r.published_at).toBe(r.publish_at);
      }
      expect(rows.find((r) => r.id === later)!.status).toBe('scheduled');
      expect((await a.app.inject('/')).body).toContain('Due 11');
      expect((await b.app.inject('/')).body).not.toContain('Not yet');
    });

    it('publishes a scheduled article once its time comes, through the real job in both processes', async () => {
      const id = await schedule('2026-06-14T12:00:00.000Z', 'Noon story');
      await Promise.all([publishJob.run(a.deps), publishJob.run(b.deps)]);
      expect(
        (await a.deps.db.kysely.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow())
          .status,
      ).toBe('scheduled');
      clock.set('2026-06-14T12:00:00.000Z');
      await Promise.all([
        publishJob.run(a.deps),
        publishJob.run(b.deps),
        publishJob.run(a.deps),
        publishJob.run(b.deps),
      ]);
      expect(await audits([id])).toEqual([id]);
      const row = await a.deps.db.kysely
        .selectFrom('articles')
        .select(['status', 'published_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'published', published_at: '2026-06-14T12:00:00.000Z' });
    });

    it('goes from the editor’s “Schedule” button to a live article, unaffected by a later unpublish race', async () => {
      const editor = await makeStaff(a, 'editor');
      const s = await signedIn(a.app, editor, '/admin/articles/new');
      const res = await s.post('/admin/articles', {
        headline: 'Evening edition',
        body: 'Out at six.',
        bylines: [String(editor.id)],
        publish_at: '2026-06-14T18:00',
        intent: 'schedule',
      });
      expect(res.statusCode).toBe(303);
      const id = Number(/(\d+)\/edit/.exec(res.headers.location as string)![1]);
      expect((await a.app.inject('/articles/evening-edition')).statusCode).toBe(404);
      clock.set('2026-06-14T18:00:05Z');
      const [x, y] = await Promise.all([publishDueArticles(a.deps), publishDueArticles(b.deps)]);
      expect([...x, ...y]).toEqual([id]);
      expect((await b.app.inject('/articles/evening-edition')).statusCode).toBe(200);
      // An editor who cancels the schedule first wins over a job that runs later: nothing is published twice.
      const other = await schedule('2026-06-14T18:01:00.000Z', 'Cancelled');
      await a.deps.db.kysely
        .updateTable('articles')
        .set({ status: 'draft', publish_at: null })
        .where('id', '=', other)
        .execute();
      clock.set('2026-06-14T18:02:00Z');
      expect(await publishDueArticles(b.deps)).toEqual([]);
    });

    it('never publishes an empty body, and empty ones do not hold back the articles due after them', async () => {
      clock.set('2026-06-15T09:00:00Z');
      // More than one batch of the job (100) of empty articles, due before the one with a body.
      const empty: number[] = [];
      for (let i = 0; i < 101; i++) empty.push(await schedule('2026-06-15T08:00:00.000Z', `Empty ${i}`));
      await a.deps.db.kysely
        .updateTable('articles')
        .set({ body_md: '', body_html: '' })
        .where('id', 'in', empty)
        .execute();
      const full = await schedule('2026-06-15T08:30:00.000Z', 'Has a body');
      const published = await Promise.all([publishDueArticles(a.deps), publishDueArticles(b.deps)]);
      expect(published.flat()).toEqual([full]);
      const rows = await a.deps.db.kysely.selectFrom('articles').select('status').where('id', 'in', empty).execute();
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['scheduled']));
      expect(await audits(empty)).toEqual([]);
    });
  });
}
