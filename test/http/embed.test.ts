import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle } from '../helpers/factories.js';
import { DIALECTS } from '../helpers/test-db.js';
import { listedIds, makeThreads } from '../helpers/discussion.js';
import { auditOf, signedIn } from '../helpers/moderation.js';

for (const dialect of DIALECTS) {
  describe(`the embedded discussion on ${dialect}`, () => {
    let t: TestApp;
    let slug = '';
    let ids: number[] = [];
    beforeAll(async () => {
      t = await createTestApp(dialect);
      const a = await makeArticle(t.deps.db.kysely, { headline: 'Embedded story' });
      slug = a.slug;
      ids = await makeThreads(t.deps.db.kysely, a.id, 3);
    });
    afterAll(async () => {
      await t.close();
    });

    it('serves the embed script', async () => {
      const res = await t.app.inject('/embed.js');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('javascript');
      expect(res.body).toContain("'/embed/articles/'");
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    });

    it('lets any site frame the discussion page, and only that page', async () => {
      const res = await t.app.inject(`/embed/articles/${slug}/comments`);
      expect(res.statusCode).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain('frame-ancestors *');
      expect(csp).toContain("script-src 'self'");
      expect(res.headers['x-frame-options']).toBeUndefined();
      const article = await t.app.inject(`/articles/${slug}`);
      expect(String(article.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
      expect(article.headers['x-frame-options']).toBe('SAMEORIGIN');
    });

    const post = (url: string, form: Record<string, string>, site = 'same-origin') =>
      t.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': site },
      });
    const base = () => `/embed/articles/${slug}/comments`;
    const tokenOf = (location: string) => new RegExp(`^${base()}/([\\w-]{24}\\.[\\w-]{22})`).exec(location)?.[1];
    const votesOn = async (id: number) =>
      (await t.deps.db.kysely.selectFrom('votes').select('value').where('comment_id', '=', id).execute()).length;

    it('shows the threads without the site chrome, under its own heading, with forms that post in the frame', async () => {
      const res = await t.app.inject(`${base()}?sort=oldest`);
      expect(listedIds(res.body)).toEqual(ids);
      expect(res.body).not.toContain('class="site-header"');
      expect(res.body).toMatch(
        /<h1 class="embed-header">Discussion of <a href="http:\/\/127\.0\.0\.1:3000\/articles\//,
      );
      expect(res.body).toContain(`method="post" action="${base()}" aria-labelledby="comment-form-heading"`);
      // Guests only: signing in happens on the site's own pages, which no frame shows.
      expect(res.body).not.toContain('href="/login');
      expect(res.body).toContain(`data-slug="${slug}"`);
      // The article page's styles for the discussion (a stylesheet per feature, linked, not imported).
      expect(res.body).toContain('<link rel="stylesheet" href="/static/css/discussion.css"/>');
      expect(res.body).toContain(`<form id="discussion-actions" method="post" action="${base()}/vote"`);
      expect(res.body).toContain(`href="${base()}#comments"`);
      // The same page for every reader until they write: no cookie, no token, cacheable.
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.body).not.toContain('data-frame-token');
      expect(String(res.headers['cache-control'])).not.toContain('private');
      const reply = await t.app.inject(`${base()}?reply=${ids[0]}`);
      expect(reply.body).toContain(`name="parentId" value="${ids[0]}"`);
    });

    it('lets a guest comment in the frame: the first write issues their token and lands on their own page', async () => {
      const res = await post(base(), {
        name: 'Frame Guest',
        email: 'frame.guest@example.test',
        body: 'Written inside the frame.',
      });
      expect(res.statusCode).toBe(303);
      const location = String(res.headers.location);
      const token = tokenOf(location);
      expect(token).toBeDefined();
      expect(res.headers['set-cookie']).toBeUndefined();
      const row = await t.deps.db.kysely
        .selectFrom('comments')
        .select(['id', 'author_name', 'status'])
        .where('author_name', '=', 'Frame Guest')
        .executeTakeFirstOrThrow();
      expect(location).toMatch(new RegExp(`#comment-${row.id}$|#your-comments$`));
      const page = await t.app.inject(location.replace(/#.*$/, ''));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Written inside the frame.');
      expect(page.body).toContain(`data-frame-token="${token}"`);
      expect(page.headers['cache-control']).toBe('private, no-store');
      expect(page.headers['x-frame-options']).toBeUndefined();
      // Their reply goes under the comment, with the same token.
      const again = await post(`${base()}/${token}`, {
        name: 'Frame Guest',
        email: 'frame.guest@example.test',
        body: 'And a reply.',
        parentId: String(ids[0]),
      });
      expect(tokenOf(String(again.headers.location))).toBe(token);
      const replyRow = await t.deps.db.kysely
        .selectFrom('comments')
        .select(['parent_id', 'edit_token_hash'])
        .where('body_source', '=', 'And a reply.')
        .executeTakeFirstOrThrow();
      expect(replyRow.parent_id).toBe(ids[0]);
    });

    it('counts one vote per guest in the frame, kept by their token', async () => {
      const id = ids[1]!;
      const first = await post(`${base()}/vote`, { vote: `${id}:up`, back: `${base()}?sort=oldest` });
      expect(first.statusCode).toBe(303);
      const token = tokenOf(String(first.headers.location))!;
      expect(first.headers.location).toBe(`${base()}/${token}?sort=oldest#comment-${id}`);
      expect(await votesOn(id)).toBe(1);
      // Their page shows the vote as theirs.
      expect((await t.app.inject(`${base()}/${token}`)).body).toContain(`data-my-votes="{&quot;${id}&quot;:1}"`);
      // The same guest again takes it back; another guest (no token yet) adds their own.
      await post(`${base()}/${token}/vote`, { vote: `${id}:up` });
      expect(await votesOn(id)).toBe(0);
      await post(`${base()}/${token}/vote`, { vote: `${id}:up` });
      const other = await post(`${base()}/vote`, { vote: `${id}:up` });
      expect(tokenOf(String(other.headers.location))).not.toBe(token);
      expect(await votesOn(id)).toBe(2);
    });

    it('refuses a post from another site, a token it did not issue, and shows a refused comment in the frame', async () => {
      const before = await t.deps.db.kysely.selectFrom('comments').select('id').execute();
      const forged = await post(base(), { name: 'X', email: 'x@example.test', body: 'Forged' }, 'cross-site');
      expect(forged.statusCode).toBe(403);
      const forgedVote = await post(`${base()}/vote`, { vote: `${ids[2]}:up` }, 'cross-site');
      expect(forgedVote.statusCode).toBe(403);
      const fake = `${'A'.repeat(24)}.${'B'.repeat(22)}`;
      const fakePage = await t.app.inject(`${base()}/${fake}?sort=votes`);
      expect(fakePage.statusCode).toBe(303);
      expect(fakePage.headers.location).toBe(`${base()}?sort=votes`);
      const refused = await post(base(), { name: '', email: 'nobody', body: 'No name given.' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('No name given.');
      expect(refused.body).toContain('role="alert"');
      expect(refused.headers['x-frame-options']).toBeUndefined();
      expect(refused.body).toContain('<h1 class="embed-header">');
      expect(await t.deps.db.kysely.selectFrom('comments').select('id').execute()).toHaveLength(before.length);
      expect(await votesOn(ids[2]!)).toBe(0);
      // On the site's own page the discussion is not marked embedded.
      expect((await t.app.inject(`/articles/${slug}`)).body).not.toContain('data-embed=');
    });

    it('lets a reader report a comment inside the frame', async () => {
      const id = ids[2]!;
      const page = await t.app.inject(base());
      expect(page.body).toContain(`<a class="report-link" href="${base()}/report/${id}"`);
      const form = await t.app.inject(`${base()}/report/${id}`);
      expect(form.statusCode).toBe(200);
      expect(form.headers['x-frame-options']).toBeUndefined();
      expect(form.body).toContain(`action="${base()}/report/${id}"`);
      expect(form.body).toContain('<h1 class="embed-header">');
      const missing = await post(`${base()}/report/${id}`, { note: 'No reason chosen' });
      expect(missing.statusCode).toBe(422);
      expect(missing.body).toContain('No reason chosen');
      expect(missing.headers['x-frame-options']).toBeUndefined();
      expect((await post(`${base()}/report/${id}`, { reason: 'spam' }, 'cross-site')).statusCode).toBe(403);
      const sent = await post(`${base()}/report/${id}`, { reason: 'spam', note: 'Selling something' });
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe(`${base()}/report/${id}?done=sent`);
      const thanks = await t.app.inject(sent.headers.location as string);
      expect(thanks.body).toContain(`href="${base()}#comments"`);
      const reports = await t.deps.db.kysely
        .selectFrom('reports')
        .select(['reason', 'note'])
        .where('comment_id', '=', id)
        .execute();
      expect(reports).toEqual([{ reason: 'spam', note: 'Selling something' }]);
      // The same reader again counts once; a comment of another article is not this embed's.
      const again = await post(`${base()}/report/${id}`, { reason: 'abuse' });
      expect(again.headers.location).toBe(`${base()}/report/${id}?done=already`);
      const elsewhere = await makeArticle(t.deps.db.kysely, { headline: 'Another story' });
      const [foreign] = await makeThreads(t.deps.db.kysely, elsewhere.id, 1);
      expect((await t.app.inject(`${base()}/report/${foreign}`)).statusCode).toBe(404);
    });

    it('lets the publisher list the sites that may embed it, and refuses what is not a site’s address', async () => {
      const pub = await signedIn(t.app, t.deps.db.kysely, 'publisher');
      const settings = await pub.s.get('/admin/settings/discussion');
      expect(settings.body).toContain('Sites that may embed the discussion');
      const bad = await pub.s.post('/admin/settings/embed', {
        origins: 'https://partner.example\njavascript:alert(1)',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('data-error-code="EMBED_ORIGIN_INVALID"');
      expect(bad.body).toContain('“javascript:alert(1)” is not the address of a web site');
      expect(String((await t.app.inject(base())).headers['content-security-policy'])).toContain('frame-ancestors *');

      const saved = await pub.s.post('/admin/settings/embed', {
        origins: 'https://partner.example/news/story.html\n http://localhost:8080, https://partner.example',
      });
      expect(saved.statusCode).toBe(303);
      const page = await pub.s.get(saved.headers.location as string);
      expect(page.body).toContain('The embedded discussion now shows only on these sites.');
      expect(page.body).toContain('https://partner.example\nhttp://localhost:8080</textarea>');
      for (const url of [base(), `${base()}?sort=votes`]) {
        const csp = String((await t.app.inject(url)).headers['content-security-policy']);
        expect(csp).toContain("frame-ancestors 'self' https://partner.example http://localhost:8080");
      }
      expect((await auditOf(t.deps.db.kysely, 'settings', 'embed')).map((a) => a.after)).toContainEqual({
        origins: ['https://partner.example', 'http://localhost:8080'],
      });
      // Only the publisher; and an empty list lets any site embed it again.
      const mod = await signedIn(t.app, t.deps.db.kysely, 'moderator');
      expect((await mod.s.post('/admin/settings/embed', { origins: '' })).statusCode).toBe(403);
      await pub.s.post('/admin/settings/embed', { origins: '' });
      expect(String((await t.app.inject(base())).headers['content-security-policy'])).toContain('frame-ancestors *');
    });

    it('answers an unknown article with 404', async () => {
      expect((await t.app.inject('/embed/articles/nope/comments')).statusCode).toBe(404);
    });
  });
}
