/**
 * The discussion in the site's language: with the site in Arabic or French, an article's discussion shows the
 * translated headings, form, sort links, comment counts in the language's plural forms (Arabic has six), comment
 * times in the language, and a refused comment's errors; switching back to English shows English again, never a
 * list cached in the language before (the page cache is keyed by the locale).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, type Staff } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import { formSession } from '../helpers/forms.js';
import { makeThreads, postAsGuest } from '../helpers/discussion.js';
import { setSiteLocale } from '../helpers/locale.js';
import { DIALECTS } from '../helpers/test-db.js';
import { i18nFor } from '../../src/platform/i18n.js';
import { readSiteIdentity } from '../../src/platform/site-identity.js';

const heading = (body: string) => /<h2 id="comments-heading"[^>]*>([\s\S]*?)<\/h2>/.exec(body)?.[1] ?? '';
const FIRST_COMMENT_AT = '2026-06-01T00:00:00.000Z';

for (const dialect of DIALECTS) {
  describe(`the discussion in the site's language on ${dialect}`, () => {
    let t: TestApp;
    let owner: Staff;
    /** Article slugs by their number of comments. */
    const slugs = new Map<number, string>();
    const page = async (count: number) => (await t.app.inject(`/articles/${slugs.get(count)}`)).body;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      owner = await makeStaff(t, 'publisher');
      for (const count of [0, 1, 2, 3, 11, 100]) {
        const { id, slug } = await makeArticle(t.deps.db.kysely, { headline: `Council budget ${count}` });
        if (count > 0) await makeThreads(t.deps.db.kysely, id, count, FIRST_COMMENT_AT);
        slugs.set(count, slug);
      }
      // English first, so the lists are in the cache before the language changes.
      expect(heading(await page(3))).toBe('<span data-comment-count="true">3</span> comments');
    });
    afterAll(async () => {
      await t.close();
    });

    it('speaks Arabic: headings, form labels, sort links and the six plural forms of the count', async () => {
      await setSiteLocale(t, owner, 'ar');
      const body = await page(3);
      expect(body).toContain('<h3 id="comment-form-heading" data-form-heading="true">اترك تعليقًا</h3>');
      expect(body).toContain('<label for="comment-body">تعليقك</label>');
      expect(body).toContain('<label for="comment-name">الاسم</label>');
      expect(body).toContain('<label for="comment-email">البريد الإلكتروني</label>');
      expect(body).toContain('placeholder="يسعدنا أن نعرف رأيك، شاركنا تعليقك."');
      expect(body).toContain('>نشر التعليق</button>');
      expect(body).toContain('aria-label="ترتيب التعليقات"');
      for (const label of ['الأحدث', 'الأقدم', 'الأكثر تصويتًا']) expect(body).toContain(`>${label}</a>`);
      expect(body).not.toContain('Leave a comment');
      expect(body).not.toContain('Most Voted');

      expect(heading(await page(0))).toBe('لا تعليقات');
      expect(heading(await page(1))).toBe('تعليق واحد');
      expect(heading(await page(2))).toBe('تعليقان');
      expect(heading(body)).toBe('<span data-comment-count="true">3</span> تعليقات');
      expect(heading(await page(11))).toBe('<span data-comment-count="true">11</span> تعليقًا');
      expect(heading(await page(100))).toBe('<span data-comment-count="true">100</span> تعليق');
      expect(await page(0)).toContain('لا تعليقات بعد. كن أول من يعلّق.');
    });

    it('shows comment times and the list’s texts in Arabic, in the page and in a live fragment', async () => {
      const body = await page(1);
      const { timeZone } = await readSiteIdentity(t.deps);
      const when = i18nFor('ar', timeZone).dateTime(FIRST_COMMENT_AT, 'medium');
      expect(when).toContain('يونيو');
      expect(body).toContain(`">${when}</time>`);
      expect(body).toContain('>ردّ<span class="visually-hidden"> على Reader 0</span></a>');
      expect(body).toContain('<span class="visually-hidden">التصويت لصالح تعليق Reader 0</span>');
      expect(body).not.toContain('>Reply<');

      const id = Number(/id="comment-(\d+)"/.exec(body)![1]);
      const fragment = (await t.app.inject(`/comments/${id}/fragment`)).json<{ html: string }>();
      expect(fragment.html).toContain(`">${when}</time>`);
      expect(fragment.html).toContain('إبلاغ<span class="visually-hidden"> عن تعليق Reader 0</span>');
    });

    it('refuses an empty comment with the reason in Arabic', async () => {
      const slug = slugs.get(0)!;
      const s = await formSession(t.app, `/articles/${slug}`);
      const res = await postAsGuest(s, slug, { body: '   ' });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('يُرجى كتابة شيء قبل النشر.');
      expect(res.body).toContain('<p class="field-error" id="comment-body-error">تعليقك فارغ.</p>');
      expect(res.body).toContain('<h1>تعليقك على «Council budget 0»</h1>');
      expect(res.body).not.toContain('Please write something');
    });

    it('speaks French, with its plural forms and dates', async () => {
      await setSiteLocale(t, owner, 'fr');
      const body = await page(3);
      expect(body).toContain('>Laisser un commentaire</h3>');
      expect(body).toContain('<label for="comment-name">Nom</label>');
      expect(body).toContain('>Les mieux notés</a>');
      expect(heading(body)).toBe('<span data-comment-count="true">3</span> commentaires');
      expect(heading(await page(1))).toBe('<span data-comment-count="true">1</span> commentaire');
      expect(heading(await page(0))).toBe('<span data-comment-count="true">0</span> commentaire');
      const { timeZone } = await readSiteIdentity(t.deps);
      const when = i18nFor('fr', timeZone).dateTime(FIRST_COMMENT_AT, 'medium');
      expect(await page(1)).toContain(`">${when}</time>`);

      const slug = slugs.get(0)!;
      const s = await formSession(t.app, `/articles/${slug}`);
      const res = await postAsGuest(s, slug, { body: 'x'.repeat(5001) });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Votre commentaire est trop long : 5000 caractères au maximum, s’il vous plaît.');
    });

    it('is English again when the publisher switches back, with no list left from another language', async () => {
      await setSiteLocale(t, owner, 'en');
      const body = await page(3);
      expect(heading(body)).toBe('<span data-comment-count="true">3</span> comments');
      expect(heading(await page(1))).toBe('<span data-comment-count="true">1</span> comment');
      expect(body).toContain('>Leave a comment</h3>');
      expect(body).toContain('>Reply<span class="visually-hidden"> to Reader 0</span></a>');
      expect(body).not.toContain('ردّ');
      expect(body).not.toContain('Répondre');
      const { timeZone } = await readSiteIdentity(t.deps);
      expect(await page(1)).toContain(`">${i18nFor('en', timeZone).dateTime(FIRST_COMMENT_AT, 'medium')}</time>`);
    });
  });
}
