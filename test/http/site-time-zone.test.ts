/**
 * The site's time zone (/admin/site): a save changes the dates of article pages, the month of the goal bar and
 * what counts as today for gifts at once, without a restart; scheduling is typed in local time, right across
 * the days the clocks change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeSection, makeStaff, signedIn, type Staff } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import { errorCodeOf, type FormSession } from '../helpers/forms.js';
import { makeCampaign, raised } from '../helpers/funding.js';
import { DIALECTS } from '../helpers/test-db.js';
import { until } from '../helpers/until.js';

const SITE = { name: 'Harbour Times', tagline: '', accent: '', footer_text: '', appeal: '' };
const goalMonth = (html: string) => /data-goal-month="([\d-]+)"/.exec(html)?.[1] ?? null;

for (const dialect of DIALECTS) {
  describe(`the site time zone on ${dialect}`, () => {
    let t: TestApp;
    let publisher: Staff;
    let s: FormSession;
    // 22:30 UTC on 30 June: still June in London's winter zone (UTC), already 1 July in Berlin.
    const clock = fixedClock('2026-06-30T22:30:00Z');
    let slug = '';

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      publisher = await makeStaff(t, 'publisher');
      s = await signedIn(t.app, publisher, '/admin/site');
      ({ slug } = await makeArticle(t.deps.db.kysely, {
        headline: 'Ferry timetable changes',
        publishedAt: '2026-06-14T09:30:00.000Z',
        authorIds: [publisher.id],
      }));
      await makeCampaign(t.deps.db.kysely, { month: '2026-06', goalMinor: 500_000, currency: 'EUR' });
      await makeCampaign(t.deps.db.kysely, { month: '2026-07', goalMinor: 700_000, currency: 'EUR' });
    });
    afterAll(async () => {
      await t.close();
    });

    const saveZone = async (time_zone: string) => {
      await s.get('/admin/site');
      return s.post('/admin/site', { ...SITE, time_zone });
    };

    it('shows UTC until the publisher picks a zone', async () => {
      const page = await t.app.inject(`/articles/${slug}`);
      expect(page.body).toContain('June 14, 2026, 9:30 AM UTC');
      expect(page.body).toContain('datetime="2026-06-14T09:30:00+00:00"');
      expect(goalMonth(page.body)).toBe('2026-06');
      const form = await s.get('/admin/site');
      expect(form.body).toMatch(/<option value="Europe\/Berlin"[^>]*>Europe\/Berlin<\/option>/);
    });

    it('refuses a zone the server does not know, and changes nothing', async () => {
      const res = await saveZone('Mars/Olympus_Mons');
      expect(res.statusCode).toBe(400);
      expect(errorCodeOf(res.body)).toBe('SITE_TIME_ZONE_INVALID');
      expect((await t.app.inject(`/articles/${slug}`)).body).toContain('9:30 AM UTC');
    });

    it('shows every date of an article page in the saved zone at once, the exact instant kept', async () => {
      expect((await saveZone('Europe/Berlin')).statusCode).toBe(303);
      const berlin = await t.app.inject(`/articles/${slug}`);
      expect(berlin.body).toContain('June 14, 2026, 11:30 AM CEST');
      expect(berlin.body).toContain('datetime="2026-06-14T11:30:00+02:00"');
      expect(berlin.body).not.toContain('9:30 AM UTC');

      expect((await saveZone('America/New_York')).statusCode).toBe(303);
      const ny = await t.app.inject(`/articles/${slug}`);
      expect(ny.body).toContain('June 14, 2026, 5:30 AM EDT');
      expect(ny.body).toContain('datetime="2026-06-14T05:30:00-04:00"');
      // Feeds keep RFC 3339 / RFC 822 instants, whatever the zone.
      const atom = await t.app.inject('/atom.xml');
      expect(atom.body).toContain('2026-06-14T09:30:00');

      const entry = await t.deps.db.kysely
        .selectFrom('audit_log')
        .select(['before', 'after'])
        .where('subject_id', '=', 'site.identity')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(entry.before!)).toMatchObject({ timeZone: 'Europe/Berlin' });
      expect(JSON.parse(entry.after!)).toMatchObject({ timeZone: 'America/New_York' });
    });

    it('begins the campaign month at local midnight in the site zone', async () => {
      await saveZone('UTC');
      expect(goalMonth((await t.app.inject('/')).body)).toBe('2026-06');
      await saveZone('Europe/Berlin');
      // 00:30 on 1 July in Berlin: July's bar, and July counts as this month for gifts.
      expect(goalMonth((await t.app.inject('/')).body)).toBe('2026-07');
      await s.get('/admin/donations/new');
      const gift = await s.post('/admin/donations', {
        date: '2026-07-01',
        amount: '25',
        currency: 'EUR',
        method: 'bank',
        note: 'First gift of July',
      });
      expect(gift.statusCode, gift.body.slice(0, 500)).toBe(303);
      expect(await raised(t.deps.db.kysely, '2026-07')).toEqual({ raisedMinor: 2_500, giftCount: 1 });
      // Back in UTC, 1 July has not begun: the same date is in the future, and the bar is June's again.
      await saveZone('UTC');
      expect(goalMonth((await t.app.inject('/')).body)).toBe('2026-06');
      await s.get('/admin/donations/new');
      const early = await s.post('/admin/donations', {
        date: '2026-07-01',
        amount: '25',
        currency: 'EUR',
        method: 'bank',
      });
      expect(early.statusCode).toBe(400);
      expect(early.body).toContain('cannot be in the future');
    });

    it('files an article in the archive month of the site zone, its index and the sitemap too', async () => {
      // 23:30 UTC on 31 May: still May in UTC, already 1 June in Berlin.
      const { slug: late } = await makeArticle(t.deps.db.kysely, {
        headline: 'Midnight council vote',
        publishedAt: '2026-05-31T23:30:00.000Z',
        authorIds: [publisher.id],
      });
      const inMonth = async (path: string) => {
        const res = await t.app.inject(path);
        return res.statusCode === 200 && res.body.includes(`/articles/${late}`);
      };
      await saveZone('UTC');
      expect(await inMonth('/archive/2026/05')).toBe(true);
      expect(await inMonth('/archive/2026/06')).toBe(false);
      expect((await t.app.inject('/archive')).body).toContain('<a href="/archive/2026/05">May 2026</a>');
      expect((await t.app.inject('/archive/2026/06')).body).toContain('href="/archive/2026/05"');

      await saveZone('Europe/Berlin');
      expect(await inMonth('/archive/2026/06')).toBe(true);
      // May has nothing left in Berlin time: no page, no entry in the index, the sitemap or June's links.
      expect((await t.app.inject('/archive/2026/05')).statusCode).toBe(404);
      const index = (await t.app.inject('/archive')).body;
      expect(index).toContain('<a href="/archive/2026/06">June 2026</a>');
      expect(index).not.toContain('/archive/2026/05');
      expect((await t.app.inject('/archive/2026/06')).body).not.toContain('href="/archive/2026/05"');
      const sitemap = (await t.app.inject('/sitemaps/pages.xml')).body;
      expect(sitemap).toContain('/archive/2026/06</loc>');
      expect(sitemap).not.toContain('/archive/2026/05');
      await saveZone('UTC');
    });

    if (dialect === 'postgres') {
      it('reaches a second process on the same database without a restart', async () => {
        const other = await createTestApp(dialect, { testDb: t.testDb, clock });
        try {
          expect((await other.app.inject(`/articles/${slug}`)).body).toContain('9:30 AM UTC');
          expect((await saveZone('Asia/Tokyo')).statusCode).toBe(303);
          // NOTIFY arrives asynchronously: the other process shows the zone as soon as it hears it.
          let body = '';
          await until(
            async () => (body = (await other.app.inject(`/articles/${slug}`)).body).includes('6:30 PM GMT+9'),
            5_000,
            () => 'the other process still shows the old zone',
          );
          expect(body).toContain('June 14, 2026, 6:30 PM GMT+9');
          expect(goalMonth(body)).toBe('2026-07');
        } finally {
          await other.close();
        }
      });
    }
  });

  describe(`scheduling in the site zone across daylight-saving changes on ${dialect}`, () => {
    let t: TestApp;
    let editor: Staff;
    let sectionId: number;
    const clock = fixedClock('2026-03-01T12:00:00Z');

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock, config: { siteTimeZone: 'Europe/Berlin' } });
      editor = await makeStaff(t, 'editor');
      sectionId = await makeSection(t);
    });
    afterAll(async () => {
      await t.close();
    });

    async function schedule(headline: string, publishAt: string) {
      const s = await signedIn(t.app, editor, '/admin/articles/new');
      const res = await s.post('/admin/articles', {
        headline,
        slug: '',
        excerpt: '',
        dateline: '',
        body: 'Ready to go.',
        section: String(sectionId),
        tags: '',
        bylines: [String(editor.id)],
        lead_image: '',
        publish_at: publishAt,
        intent: 'schedule',
      });
      expect(res.statusCode, res.body.slice(0, 1000)).toBe(303);
      const id = Number(/\/admin\/articles\/(\d+)\/edit/.exec(res.headers.location as string)![1]);
      const row = await t.deps.db.kysely
        .selectFrom('articles')
        .select('publish_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const form = await s.get(`/admin/articles/${id}/edit`);
      return { stored: row.publish_at, form: form.body };
    }

    it('reads the time as Berlin time (SITE_TIME_ZONE) and shows it back the same', async () => {
      const { stored, form } = await schedule('Summer timetable', '2026-06-14T09:30');
      expect(stored).toBe('2026-06-14T07:30:00.000Z');
      expect(form).toContain('value="2026-06-14T09:30"');
      expect(form).toContain('Publish at (Europe/Berlin time)');
    });

    it('moves a time in the hour skipped on 29 March forward by the gap', async () => {
      const { stored, form } = await schedule('Clocks go forward', '2026-03-29T02:30');
      expect(stored).toBe('2026-03-29T01:30:00.000Z');
      expect(form).toContain('value="2026-03-29T03:30"');
    });

    it('takes the first 02:30 of 25 October, still in summer time', async () => {
      const { stored } = await schedule('Clocks go back', '2026-10-25T02:30');
      expect(stored).toBe('2026-10-25T00:30:00.000Z');
      const list = await (await signedIn(t.app, editor, '/admin/articles')).get('/admin/articles?status=scheduled');
      expect(list.body).toContain('October 25, 2026, 2:30 AM CEST');
    });
  });
}
