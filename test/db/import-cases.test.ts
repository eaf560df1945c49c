/**
 * The shapes of real exports that went wrong (issue 12), each on an export written here by
 * test/helpers/export-builders.ts: interrupted runs, protected posts, repeated post ids, WXR 1.0 tags,
 * caption attributes, Disqus flags, bidi controls, login case, missing headers, junk before the XML.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDisqus } from '../../src/features/importers/disqus.importer.js';
import type { ImportInput } from '../../src/features/importers/import-runner.js';
import { importWxr } from '../../src/features/importers/wxr.importer.js';
import { XmlFormatError } from '../../src/features/importers/xml-records.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { buildDisqus, buildWxr, type WxrItemSpec } from '../helpers/export-builders.js';
import { makeArticle } from '../helpers/factories.js';
import { snapshotTables, stringInput } from '../helpers/importing.js';
import { DIALECTS } from '../helpers/test-db.js';

/**
 * The first `keep` chunks of an export, then nothing ever again: what a `kill -9` leaves (the batches
 * committed so far, and no end of run). `stalled` resolves once the import asks for the chunk after them,
 * that is when every batch before it has committed.
 */
function killedAfter(xml: string, chunkSize: number, keep: number): { input: ImportInput; stalled: Promise<void> } {
  const buf = Buffer.from(xml, 'utf8');
  let stall!: () => void;
  const stalled = new Promise<void>((resolve) => (stall = resolve));
  async function* chunks() {
    for (let i = 0, n = 0; i < buf.length; i += chunkSize, n++) {
      if (n === keep) {
        stall();
        await new Promise(() => {}); // the process is gone
      }
      yield buf.subarray(i, i + chunkSize);
    }
  }
  return { input: { stream: chunks(), totalBytes: buf.length, name: 'killed.xml' }, stalled };
}

const commentsOf = (id: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: id * 100 + i,
    parent: i > 0 && i % 2 === 0 ? id * 100 + i - 1 : undefined,
    author: `Reader ${id}-${i}`,
    content: `Comment ${i} on ${id}, with enough words to fill a line or two of the export file.`,
  }));

for (const dialect of DIALECTS) {
  describe(`import cases on ${dialect}`, () => {
    let t: TestApp;
    const db = () => t.deps.db.kysely;
    const article = (slug: string) =>
      db().selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();

    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => {
      await t.close();
    });

    it('recounts, after a rerun, the discussions an interrupted (killed) run changed', async () => {
      const items: WxrItemSpec[] = Array.from({ length: 6 }, (_, i) => ({
        id: 11 + i,
        title: `Killed story ${i}`,
        slug: `killed-${i}`,
        comments: commentsOf(11 + i, 4),
      }));
      const xml = buildWxr({ site: 'https://killed.example', items });
      const { input, stalled } = killedAfter(xml, 700, Math.floor(Buffer.byteLength(xml) / 700 / 2));
      void importWxr(t.deps, input); // never finishes: killed halfway
      await stalled;
      const early = await article('killed-0');
      expect(await db().selectFrom('comments').select('id').where('article_id', '=', early.id).execute()).toHaveLength(
        4,
      );
      expect(early.comment_count).toBe(0); // what the bug left behind: no recount happened
      // A reader's page, cached at this discussion version.
      expect((await t.app.inject('/articles/killed-0')).body).toContain('No comments yet');

      const rerun = await importWxr(t.deps, stringInput(xml, 4096));
      expect(rerun.byKind.comments!.skipped).toBeGreaterThan(0); // the killed run's comments were not seen again
      for (let i = 0; i < 6; i++) {
        const a = await article(`killed-${i}`);
        expect(a.comment_count).toBe(4);
        const page = await t.app.inject(`/articles/killed-${i}`);
        expect(page.body).not.toContain('No comments yet');
        expect(page.body).toContain(`Reader ${11 + i}-0`);
        const api = await t.app.inject(`/api/articles/killed-${i}/comments`);
        expect(api.json()).toMatchObject({ commentCount: 4 });
      }
      expect(await db().selectFrom('import_recounts').select('article_id').execute()).toEqual([]);
      const again = await importWxr(t.deps, stringInput(xml));
      expect([again.created, again.updated]).toEqual([0, 0]);
    });

    it('imports password-protected and private posts as drafts, never published, and lists them', async () => {
      const xml = buildWxr({
        site: 'https://protected.example',
        items: [
          { id: 21, title: 'Members only', slug: 'members-only', password: 'hunter2', comments: commentsOf(21, 1) },
          { id: 22, title: 'Private memo', slug: 'private-memo', status: 'private' },
          { id: 23, title: 'Protected page', slug: 'protected-page', type: 'page', password: 'x', status: 'future' },
          { id: 24, title: 'Open story', slug: 'open-story' },
        ],
      });
      const res = await importWxr(t.deps, stringInput(xml));
      for (const slug of ['members-only', 'private-memo', 'protected-page'])
        expect(await article(slug)).toMatchObject({ status: 'draft', published_at: null, publish_at: null });
      expect((await article('open-story')).status).toBe('published');
      const note = 'password-protected or private posts (imported as drafts, never published)';
      expect(res.notes[note]).toBe(3);
      expect(res.samples[note]).toContain('https://protected.example/members-only/');
      expect((await t.app.inject('/articles/members-only')).statusCode).toBe(404);
      expect((await t.app.inject('/')).body).not.toContain('Members only');
    });

    it('keeps two items that share a wp:post_id apart, and a rerun changes nothing', async () => {
      const xml = buildWxr({
        site: 'https://twins.example',
        items: [
          { id: 31, title: 'First twin', slug: 'first-twin', content: '<p>One.</p>' },
          { id: 31, title: 'Second twin', slug: 'second-twin', content: '<p>Two.</p>' },
        ],
      });
      const first = await importWxr(t.deps, stringInput(xml));
      expect(first.byKind.posts).toEqual({ created: 2, updated: 0, skipped: 0 });
      expect(await article('first-twin')).toMatchObject({ headline: 'First twin' });
      expect((await article('first-twin')).body_html).toContain('One.');
      expect(await article('second-twin')).toMatchObject({ headline: 'Second twin' });
      const before = await snapshotTables(t);
      const again = await importWxr(t.deps, stringInput(xml));
      expect([again.created, again.updated]).toEqual([0, 0]);
      expect(again.byKind.posts).toEqual({ created: 0, updated: 0, skipped: 2 });
      expect(await snapshotTables(t)).toEqual(before);
    });

    it('reads WXR 1.0 tags (domain="tag"), with or without a nicename', async () => {
      const xml = buildWxr({
        site: 'https://wxr10.example',
        version: '1.0',
        items: [
          {
            id: 41,
            title: 'Tagged the old way',
            slug: 'tagged-old-way',
            terms: [
              { domain: 'category', nicename: 'harbour-desk', name: 'Harbour desk' },
              { name: 'Harbour desk' }, // RSS's plain copy of the category
              { domain: 'tag', nicename: 'ferries', name: 'Ferries' },
              { domain: 'tag', name: 'Night Buses' },
            ],
          },
        ],
      });
      await importWxr(t.deps, stringInput(xml));
      const a = await article('tagged-old-way');
      const tags = await db()
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['tags.slug', 'tags.name'])
        .where('article_id', '=', a.id)
        .orderBy('tags.slug')
        .execute();
      expect(tags).toEqual([
        { slug: 'ferries', name: 'Ferries' },
        { slug: 'night-buses', name: 'Night Buses' },
      ]);
    });

    it('keeps the text of [caption caption="…"]', async () => {
      const xml = buildWxr({
        site: 'https://caption.example',
        items: [
          {
            id: 51,
            title: 'Pier',
            slug: 'pier-caption',
            content:
              '[caption id="attachment_9" align="alignnone" width="300" caption="The old pier at dusk"]<img src="https://caption.example/wp-content/uploads/pier.jpg" alt="Pier" width="300" height="200" />[/caption]\n\nText after.',
          },
        ],
      });
      await importWxr(t.deps, stringInput(xml));
      expect((await article('pier-caption')).body_html).toContain('<figcaption>The old pier at dusk</figcaption>');
    });

    it('imports the comments of a deleted Disqus thread as trash, and reads flags tolerantly', async () => {
      const live = await makeArticle(db(), { slug: 'disqus-live', headline: 'Live thread' });
      const gone = await makeArticle(db(), { slug: 'disqus-gone', headline: 'Deleted thread' });
      const xml = buildDisqus({
        forum: 'flags',
        threads: [
          { id: '601', link: 'https://site.example/articles/disqus-live' },
          { id: '602', link: 'https://site.example/articles/disqus-gone', isDeleted: 'true' },
        ],
        posts: [
          { id: '701', thread: '601', author: 'Plain Reader', message: 'Fine.', isSpam: '', isDeleted: '' },
          { id: '702', thread: '601', author: 'Spam One', message: 'Buy.', isSpam: '1' },
          { id: '703', thread: '601', author: 'Spam True', message: 'Buy!', isSpam: 'True' },
          { id: '704', thread: '601', author: 'Deleted One', message: 'Gone.', isDeleted: '1' },
          { id: '705', thread: '601', author: 'Held Reader', message: 'Held.', isApproved: '0' },
          { id: '706', thread: '602', author: 'Ghost Reader', message: 'In a deleted thread.', isSpam: 'false' },
        ],
      });
      const res = await importDisqus(t.deps, stringInput(xml));
      const status = async (name: string) =>
        (await db().selectFrom('comments').select('status').where('author_name', '=', name).executeTakeFirstOrThrow())
          .status;
      expect(await status('Plain Reader')).toBe('approved');
      expect(await status('Spam One')).toBe('spam');
      expect(await status('Spam True')).toBe('spam');
      expect(await status('Deleted One')).toBe('trash');
      expect(await status('Held Reader')).toBe('pending');
      expect(await status('Ghost Reader')).toBe('trash');
      expect(res.notes['deleted threads (their comments imported as trash)']).toBe(1);
      expect((await article('disqus-live')).comment_count).toBe(1);
      expect((await article('disqus-gone')).comment_count).toBe(0);
      expect(live.id).not.toBe(gone.id);
    });

    it('balances bidi controls of imported titles and isolates the headline in <title> and og:title', async () => {
      const xml = buildWxr({
        site: 'https://bidi.example',
        items: [{ id: 81, title: 'Harbour \u202eroof news', slug: 'bidi-roof' }],
      });
      await importWxr(t.deps, stringInput(xml));
      const a = await article('bidi-roof');
      expect(a.headline).toBe('Harbour \u202eroof news\u202c');
      const page = await t.app.inject('/articles/bidi-roof');
      const title = /<title>([^<]*)<\/title>/.exec(page.body)![1]!;
      expect(title).toBe(`\u2068Harbour \u202eroof news\u202c\u2069 · ${t.deps.config.siteName}`);
      expect(page.body).toContain('property="og:title" content="\u2068Harbour \u202eroof news\u202c\u2069"');
    });

    it('matches bylines to declared authors whatever the case of the login', async () => {
      const xml = buildWxr({
        site: 'https://case.example',
        authors: [{ login: 'mlindqvist', email: 'maria@case.example', displayName: 'Maria Lindqvist' }],
        items: [
          { id: 91, title: 'Case one', slug: 'case-one', creator: 'MLindqvist' },
          { id: 92, title: 'Case two', slug: 'case-two', creator: 'MLINDQVIST' },
          { id: 93, title: 'Case three', slug: 'case-three', creator: 'mlindqvist' },
        ],
      });
      const res = await importWxr(t.deps, stringInput(xml));
      expect(res.byKind.authors).toEqual({ created: 1, updated: 0, skipped: 0 });
      const maria = await db()
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'maria@case.example')
        .executeTakeFirstOrThrow();
      for (const slug of ['case-one', 'case-two', 'case-three']) {
        const byline = await db()
          .selectFrom('article_authors')
          .select('user_id')
          .where('article_id', '=', (await article(slug)).id)
          .executeTakeFirstOrThrow();
        expect(byline.user_id).toBe(maria.id);
      }
      expect(
        await db()
          .selectFrom('users')
          .select('id')
          .where('email', 'like', '%lindqvist@wordpress-import.invalid')
          .execute(),
      ).toEqual([]);
    });

    it('accepts an export without wp:base_site_url or wp:wxr_version, with a warning, idempotently', async () => {
      const xml = buildWxr({
        site: null,
        version: null,
        link: 'https://headless.example',
        items: [{ id: 101, title: 'Headless export', slug: 'headless-export', comments: commentsOf(101, 2) }],
      });
      const res = await importWxr(t.deps, stringInput(xml));
      expect(res.byKind.posts).toMatchObject({ created: 1 });
      expect((await article('headless-export')).comment_count).toBe(2);
      expect(Object.keys(res.notes).filter((n) => n.startsWith('warnings:'))).toHaveLength(2);
      const source = await db()
        .selectFrom('import_refs')
        .select('source')
        .where('external_id', '=', '101')
        .executeTakeFirstOrThrow();
      expect(source.source).toBe('wxr:https://headless.example');
      const again = await importWxr(t.deps, stringInput(xml));
      expect([again.created, again.updated]).toEqual([0, 0]);
    });

    it('tolerates a byte-order mark or junk before the XML declaration, with a warning', async () => {
      const xml = (id: number, slug: string) =>
        buildWxr({ site: `https://junk${id}.example`, items: [{ id, title: slug, slug }] });
      const bom = await importWxr(t.deps, stringInput(`\ufeff${xml(111, 'after-bom')}`, 7));
      expect(bom.notes['warnings: a byte-order mark before the XML declaration (ignored)']).toBe(1);
      expect((await article('after-bom')).status).toBe('published');
      // What a PHP notice printed by a plugin looks like at the top of an export.
      const junk = `\n<br />\n<b>Notice</b>:  Undefined index in export.php on line 12<br />\n${xml(112, 'after-junk')}`;
      const res = await importWxr(t.deps, stringInput(junk, 16));
      expect(Object.keys(res.notes).some((n) => /characters before the XML declaration/.test(n))).toBe(true);
      expect((await article('after-junk')).status).toBe('published');
    });

    it('stops at anything else malformed with line and column, and changes nothing', async () => {
      const good = buildWxr({
        site: 'https://broken.example',
        items: Array.from({ length: 30 }, (_, i) => ({
          id: 200 + i,
          title: `Broken ${i}`,
          slug: `broken-${i}`,
          comments: commentsOf(200 + i, 2),
        })),
      });
      const broken = good.replace('</channel></rss>', '<item><title>Cut off</item>\n</channel></rss>');
      const before = await snapshotTables(t);
      const err = await importWxr(t.deps, stringInput(broken, 512)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(XmlFormatError);
      const lines = broken.split('\n');
      expect((err as Error).message).toMatch(new RegExp(`at line ${lines.length - 1}, column \\d+: `));
      expect(await snapshotTables(t)).toEqual(before);
      // Without a second reading of the file (a pipe), the position is still given.
      const piped = { ...stringInput(broken, 512), reopen: undefined, stream: Readable.from([broken]) };
      await expect(importWxr(t.deps, piped)).rejects.toThrow(/line \d+, column \d+/);
    });
  });
}
