import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { BODY_IMAGES_MISSING, importWxr } from '../../src/features/importers/wxr.importer.js';
import type { ImportProgress } from '../../src/features/importers/import.types.js';
import { XmlFormatError } from '../../src/features/importers/xml-records.js';
import { hmac } from '../../src/lib/crypto.js';
import { createTestApp, fixedClock, TEST_SECRET, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import {
  countRows,
  DISQUS_FIXTURE,
  fileInput,
  snapshotTables,
  stringInput,
  WXR_FIXTURE,
} from '../helpers/importing.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`importing a WordPress export on ${dialect}`, () => {
    let t: TestApp;
    let result: ImportProgress;
    let zoeId: number;
    const db = () => t.deps.db.kysely;
    const comment = (name: string) =>
      db().selectFrom('comments').selectAll().where('author_name', '=', name).executeTakeFirstOrThrow();
    const article = (slug: string) =>
      db().selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock: fixedClock('2026-03-20T12:00:00Z') });
      // Already here before the import: a staff account with an author's e-mail, and an article holding a slug.
      zoeId = (await makeUser(db(), { role: 'editor', email: 'zoe@gazette.example', name: 'Zoë M.' })).id;
      await makeArticle(db(), { slug: 'council-to-vote-on-parks', headline: 'An older piece about parks' });
      result = await importWxr(t.deps, fileInput(WXR_FIXTURE, 4096));
    });
    afterAll(async () => {
      await t.close();
    });

    it('makes author accounts without passwords and reuses an existing account with the same e-mail', async () => {
      const jane = await db()
        .selectFrom('users')
        .selectAll()
        .where('email', '=', 'jane.doe@gazette.example')
        .executeTakeFirstOrThrow();
      expect(jane).toMatchObject({ display_name: 'Jane Doe', role: 'author', password_hash: null, slug: 'jane-doe' });
      expect(
        await db().selectFrom('users').select('id').where('email', '=', 'zoe@gazette.example').execute(),
      ).toHaveLength(1);
      const about = await article('about');
      const byline = await db()
        .selectFrom('article_authors')
        .select('user_id')
        .where('article_id', '=', about.id)
        .executeTakeFirstOrThrow();
      expect(byline.user_id).toBe(zoeId);
      const desk = await db()
        .selectFrom('users')
        .selectAll()
        .where('display_name', '=', 'Night Desk')
        .executeTakeFirstOrThrow();
      expect(desk.email).toBe('stringer@wordpress-import.invalid');
      expect(result.notes['authors matched to existing accounts by e-mail']).toBe(1);
    });

    it('turns the first category into the section and tags (and further categories) into tags', async () => {
      const a = await article('harbour-budget-passes');
      const section = await db()
        .selectFrom('sections')
        .selectAll()
        .where('id', '=', a.section_id!)
        .executeTakeFirstOrThrow();
      expect(section).toMatchObject({ slug: 'city-hall', name: 'City Hall' });
      const tags = await db()
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['tags.slug', 'tags.name'])
        .where('article_id', '=', a.id)
        .orderBy('tags.slug')
        .execute();
      expect(tags).toEqual([
        { slug: 'budget', name: 'Budget' },
        { slug: 'kultur', name: 'Kultur & Gesellschaft' },
        { slug: 'transport', name: 'Transport' },
      ]);
      expect(
        await db().selectFrom('tags').select('name').where('slug', '=', 'cafe-culture').executeTakeFirst(),
      ).toEqual({ name: 'Café culture' });
      expect(
        await db().selectFrom('sections').select('id').where('slug', '=', 'uncategorized').executeTakeFirst(),
      ).toBeUndefined();
    });

    it('imports posts, pages, drafts and scheduled posts with their statuses and dates', async () => {
      const post = await article('harbour-budget-passes');
      expect(post).toMatchObject({
        kind: 'article',
        status: 'published',
        published_at: '2026-03-15T06:30:00.000Z',
        updated_at: '2026-03-15T08:00:00.000Z',
        comments_open: 1,
      });
      expect(post.excerpt).toBe('The council passed the harbour budget at dawn, 7 to 4.');
      expect(post.body_html).toContain('Bürgermeisterin Zoë Müller');
      expect(post.body_html).toContain('<figcaption>The harbour at 5 a.m., when the vote was taken.</figcaption>');
      expect(post.body_html).not.toContain('<script');
      const page = await article('about');
      expect(page).toMatchObject({ kind: 'page', status: 'published', comments_open: 0 });
      expect(page.excerpt).toBe('The Gazette has covered the harbour since 1998. We are funded by our readers.');
      const draft = await article('ferry-timetable-what-changes-in-april');
      expect(draft).toMatchObject({
        status: 'draft',
        published_at: null,
        section_id: null,
        created_at: '2026-03-16T10:00:00.000Z',
      });
      const future = await article('council-to-vote-on-parks-2');
      expect(future).toMatchObject({ status: 'scheduled', publish_at: '2031-01-01T09:00:00.000Z', published_at: null });
      expect(result.byKind.posts).toEqual({ created: 3, updated: 0, skipped: 0 });
      expect(result.byKind.pages).toEqual({ created: 1, updated: 0, skipped: 0 });
    });

    it('keeps pages out of the home page but serves them at their address, and redirects former slugs', async () => {
      const home = await t.app.inject('/');
      expect(home.body).toContain('Harbour budget passes after a long night');
      expect(home.body).not.toContain('About the Gazette');
      expect((await t.app.inject('/pages/about')).statusCode).toBe(200);
      // A page's address as an article (where pages were served before they had their own) redirects.
      const asArticle = await t.app.inject('/articles/about');
      expect(asArticle.statusCode).toBe(301);
      expect(asArticle.headers.location).toBe('/pages/about');
      const moved = await t.app.inject('/articles/budget-vote-tonight');
      expect(moved.statusCode).toBe(301);
      expect(moved.headers.location).toBe('/articles/harbour-budget-passes');
    });

    it('threads replies even when a reply comes before its parent in the file', async () => {
      const anna = await comment('Anna Lindqvist');
      const jane = await comment('Jane Doe');
      const jorg = await comment('Jörg Šimek');
      expect(anna).toMatchObject({ parent_id: null, depth: 0, thread_id: anna.id });
      expect(jane).toMatchObject({ parent_id: anna.id, depth: 1, thread_id: anna.id });
      expect(jorg).toMatchObject({ parent_id: jane.id, depth: 2, thread_id: anna.id });
      expect(jane.author_user_id).not.toBeNull();
      expect(jorg.body_html).toContain('Schöne Grüße aus dem Hafen — 日本語も大丈夫です。');
      expect(jorg.body_html).not.toMatch(/script|onclick/);
      expect(jorg.body_html).toContain('<a href="https://ferry.example/timetable" rel="nofollow ugc">Timetable</a>');
    });

    it('caps the depth at 5 and names whom a deeper reply answers', async () => {
      const four = await comment('Level Four');
      const five = await comment('Level Five');
      const six = await comment('Level Six');
      expect(five).toMatchObject({ depth: 5, parent_id: four.id, reply_to_name: null });
      expect(six).toMatchObject({
        depth: 5,
        parent_id: four.id,
        reply_to_name: 'Level Five',
        thread_id: four.thread_id,
      });
    });

    it('keeps each comment status and skips pingbacks', async () => {
      expect((await comment('Cheap Watches')).status).toBe('spam');
      expect((await comment('Angry Andy')).status).toBe('trash');
      expect((await comment('First Timer')).status).toBe('pending');
      expect((await comment('Anna Lindqvist')).status).toBe('approved');
      expect(
        await db().selectFrom('comments').select('id').where('author_name', 'like', 'Some Blog%').executeTakeFirst(),
      ).toBeUndefined();
      expect(result.notes['pingbacks, trackbacks and other non-comments (not imported)']).toBe(1);
      const a = await article('harbour-budget-passes');
      expect(a.comment_count).toBe(7);
    });

    it('stores wpDiscuz votes as counts beside the score', async () => {
      expect(await comment('Anna Lindqvist')).toMatchObject({
        upvotes: 5,
        downvotes: 1,
        score: 4,
        imported_upvotes: 5,
        imported_downvotes: 1,
      });
      expect(await comment('Jane Doe')).toMatchObject({ upvotes: 0, downvotes: 2, score: -2 });
      expect(await countRows(t, 'comments')).toBe(10);
    });

    it('stores IP addresses only as keyed hashes', async () => {
      expect((await comment('Anna Lindqvist')).ip_hash).toBe(hmac(TEST_SECRET, '203.0.113.5'));
      expect((await comment('Jörg Šimek')).ip_hash).toBe(hmac(TEST_SECRET, '2001:db8::7'));
      const all = JSON.stringify(await snapshotTables(t));
      for (const ip of ['203.0.113.5', '2001:db8::7', '198.51.100.20', '192.0.2.66']) expect(all).not.toContain(ip);
    });

    it('never shows commenters’ e-mail addresses on the article page', async () => {
      const res = await t.app.inject('/articles/harbour-budget-passes?comments=all');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Anna Lindqvist');
      expect(res.body).toContain('Replying to Level Five');
      expect(res.body).not.toMatch(/anna\.lindqvist@|jorg@example|@example\.net|spam@spam/);
      expect(res.body).not.toContain('Cheap Watches');
      expect(res.body).not.toContain('First Timer');
    });

    it('records attachments it could not copy and says why', async () => {
      expect(result.byKind.attachments).toEqual({ created: 0, updated: 0, skipped: 2 });
      expect(Object.entries(result.notes).find(([k]) => k.startsWith('attachments not copied'))?.[1]).toBe(2);
      const refs = await db()
        .selectFrom('import_refs')
        .select(['local_id', 'url'])
        .where('kind', '=', 'attachment')
        .execute();
      expect(refs).toHaveLength(2);
      expect(refs.every((r) => r.local_id === null)).toBe(true);
      // The body's image is the old site's; its file was not given (no --media-dir).
      expect(result.notes[BODY_IMAGES_MISSING]).toBe(1);
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await snapshotTables(t);
      const again = await importWxr(t.deps, fileInput(WXR_FIXTURE));
      expect(again.created).toBe(0);
      expect(again.updated).toBe(0);
      expect(await snapshotTables(t)).toEqual(before);
    });

    it('adds only what is new, and applies what changed, when the export has grown', async () => {
      const grown = fs
        .readFileSync(WXR_FIXTURE, 'utf8')
        // First Timer's comment was approved in WordPress since the first export…
        .replace(
          '<![CDATA[Waiting for a moderator, this one.]]></wp:comment_content>\n\t\t\t<wp:comment_approved><![CDATA[0]]>',
          '<![CDATA[Waiting for a moderator, this one.]]></wp:comment_content>\n\t\t\t<wp:comment_approved><![CDATA[1]]>',
        )
        // …Anna got two more likes…
        .replace('s:4:"like";i:5;', 's:4:"like";i:7;')
        // …and a new reply arrived.
        .replace(
          '</item>',
          `<wp:comment><wp:comment_id>40</wp:comment_id><wp:comment_author><![CDATA[Late Reader]]></wp:comment_author><wp:comment_author_email><![CDATA[late@example.net]]></wp:comment_author_email><wp:comment_author_IP><![CDATA[192.0.2.40]]></wp:comment_author_IP><wp:comment_date_gmt><![CDATA[2026-03-18 10:00:00]]></wp:comment_date_gmt><wp:comment_content><![CDATA[Late but agreed.]]></wp:comment_content><wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>11</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>
		</item>`,
        );
      // A reader voted here in the meantime: a later import must not lose it.
      const anna = await comment('Anna Lindqvist');
      await db().updateTable('comments').set({ upvotes: 6, score: 5 }).where('id', '=', anna.id).execute();

      const res = await importWxr(t.deps, stringInput(grown, 3000));
      expect(res.byKind.comments).toMatchObject({ created: 1, updated: 2 });
      expect(res.byKind.posts).toEqual({ created: 0, updated: 0, skipped: 3 });
      expect(await countRows(t, 'comments')).toBe(11);
      expect(await comment('Late Reader')).toMatchObject({ parent_id: anna.id, depth: 1, status: 'approved' });
      expect((await comment('First Timer')).status).toBe('approved');
      expect(await comment('Anna Lindqvist')).toMatchObject({
        upvotes: 8,
        downvotes: 1,
        score: 7,
        imported_upvotes: 7,
      });
      expect((await article('harbour-budget-passes')).comment_count).toBe(9);
    });

    it('re-finds passage comments when a re-import changes the body', async () => {
      const a = await article('harbour-budget-passes');
      const p = /<p id="(p\d+)">The vote was 7 to 4\./.exec(a.body_html)![1]!;
      const { id } = await db()
        .insertInto('comments')
        .values({
          article_id: a.id,
          parent_id: null,
          thread_id: null,
          depth: 0,
          author_name: 'Passage Reader',
          author_email: 'p@example.test',
          body_html: '<p>On the vote</p>',
          status: 'approved',
          created_at: '2026-03-19T10:00:00.000Z',
          updated_at: '2026-03-19T10:00:00.000Z',
          anchor_paragraph_id: p,
          anchor_exact: 'The vote was 7 to 4.',
          anchor_prefix: '',
          anchor_suffix: ' Read how',
          anchor_status: 'exact',
          anchor_current_paragraph: p,
          anchor_current_quote: 'The vote was 7 to 4.',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db().updateTable('comments').set({ thread_id: id }).where('id', '=', id).execute();
      const changed = fs
        .readFileSync(WXR_FIXTURE, 'utf8')
        .replace(
          '<content:encoded><![CDATA[<p>After eleven hours',
          '<content:encoded><![CDATA[<p>Updated: a new first paragraph.</p>\n\n<p>After eleven hours',
        );
      await importWxr(t.deps, stringInput(changed, 3000));
      const moved = await db()
        .selectFrom('comments')
        .select(['anchor_current_paragraph', 'anchor_status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(moved.anchor_current_paragraph).toBe(`p${Number(p.slice(1)) + 1}`);
      expect(moved.anchor_status).toBe('moved');
      // The original export again: the body, and the anchor, go back.
      await importWxr(t.deps, fileInput(WXR_FIXTURE, 4096));
      expect(
        (
          await db()
            .selectFrom('comments')
            .select('anchor_current_paragraph')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).anchor_current_paragraph,
      ).toBe(p);
    });

    it('writes nothing on a dry run but reports what it would do', async () => {
      const before = await snapshotTables(t);
      const grown = fs
        .readFileSync(WXR_FIXTURE, 'utf8')
        .replace('<wp:post_id>104</wp:post_id>', '<wp:post_id>999</wp:post_id>');
      const res = await importWxr(t.deps, stringInput(grown), { dryRun: true });
      expect(res.dryRun).toBe(true);
      expect(res.byKind.posts).toMatchObject({ created: 1, skipped: 2 });
      expect(await snapshotTables(t)).toEqual(before);
    });

    it('refuses a Disqus file and malformed XML with a clear message, writing nothing', async () => {
      const before = await snapshotTables(t);
      await expect(importWxr(t.deps, fileInput(DISQUS_FIXTURE))).rejects.toThrow(AppError);
      await expect(importWxr(t.deps, fileInput(DISQUS_FIXTURE))).rejects.toThrow(
        /does not look like a WordPress export/,
      );
      const broken =
        '<?xml version="1.0"?><rss><channel><wp:base_site_url>https://x.example</wp:base_site_url><item><title>Oops</item></channel></rss>';
      await expect(importWxr(t.deps, stringInput(broken))).rejects.toThrow(XmlFormatError);
      const rss =
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><link>https://feed.example</link><item><title>News</title></item></channel></rss>';
      await expect(importWxr(t.deps, stringInput(rss))).rejects.toThrow(/Is it an RSS feed\?/);
      expect(await snapshotTables(t)).toEqual(before);
    });
  });
}
