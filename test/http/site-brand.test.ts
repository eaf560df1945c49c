/**
 * The newsroom's own look from /admin/site: a logo in every page's header (and in the JSON-LD publisher and mail),
 * a favicon in the usual sizes, and a self-hosted type pairing. Only the publisher changes them, with a CSRF
 * token; a bad file or an unknown pairing is refused on the form and changes nothing; every change is audited.
 */
import sharp from 'sharp';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, multipart, signedIn, type Staff } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import type { FormSession } from '../helpers/forms.js';
import { DIALECTS } from '../helpers/test-db.js';

const png = (width: number, height: number, colour = '#8a1c1c') =>
  sharp({ create: { width, height, channels: 4, background: colour } })
    .png()
    .toBuffer();

const SITE = { name: 'The Riverside Ledger', tagline: '', accent: '', footer_text: '', appeal: '' };

for (const dialect of DIALECTS) {
  describe(`logo, favicon and type on ${dialect}`, () => {
    let t: TestApp;
    let publisher: Staff;
    let s: FormSession;
    let editor: FormSession;
    let articlePath: string;

    beforeAll(async () => {
      t = await createTestApp(dialect, { config: { siteName: 'The Riverside Ledger' } });
      publisher = await makeStaff(t, 'publisher');
      s = await signedIn(t.app, publisher, '/admin/site');
      editor = await signedIn(t.app, await makeStaff(t, 'editor'), '/admin');
      const article = await makeArticle(t.deps.db.kysely, {
        status: 'published',
        headline: 'Bridge reopens',
        authorIds: [publisher.id],
      });
      articlePath = `/articles/${article.slug}`;
    });
    afterAll(async () => {
      await t.close();
    });

    const send = async (session: FormSession, url: string, data?: Buffer, fields: Record<string, string> = {}) => {
      await session.get('/admin');
      const file = data ? { name: 'upload.png', type: 'image/png', data } : undefined;
      const { payload, contentType } = multipart({ _csrf: session.csrf ?? '', ...fields }, file);
      return t.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { 'content-type': contentType, cookie: session.cookieHeader() },
      });
    };
    const identity = async () => {
      const row = await t.deps.db.kysely
        .selectFrom('settings')
        .select('value')
        .where('key', '=', 'site.identity')
        .executeTakeFirst();
      return row ? (JSON.parse(row.value) as Record<string, unknown>) : undefined;
    };
    const auditCount = async () =>
      (await t.deps.db.kysely.selectFrom('audit_log').select('id').where('subject_id', '=', 'site.identity').execute())
        .length;
    const errorCode = (res: LightMyRequestResponse) => /data-error-code="([A-Z_]+)"/.exec(res.body)?.[1];
    const logoSrc = (html: string) => /<img class="site-logo" src="([^"]+)" alt="([^"]*)"/.exec(html);

    it('serves a default favicon, apple-touch-icon and manifest before any upload', async () => {
      const ico = await t.app.inject('/favicon.ico');
      expect(ico.statusCode).toBe(200);
      expect(ico.headers['content-type']).toBe('image/x-icon');
      expect(ico.headers['cache-control']).toBe('public, max-age=86400');
      expect(ico.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
      const touch = await t.app.inject('/apple-touch-icon.png');
      expect(touch.headers['content-type']).toBe('image/png');
      expect((await sharp(touch.rawPayload).metadata()).width).toBe(180);
      const home = await t.app.inject('/');
      expect(home.body).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>');
      expect(home.body).toContain('<a class="site-name" href="/">The Riverside Ledger</a>');
      const manifest = JSON.parse((await t.app.inject('/site.webmanifest')).body) as { icons: Array<{ src: string }> };
      for (const icon of manifest.icons) expect((await t.app.inject(icon.src)).statusCode).toBe(200);
    });

    it('lets only the publisher upload a logo, with a CSRF token', async () => {
      const logo = await png(400, 100);
      expect((await send(editor, '/admin/site/logo', logo)).statusCode).toBe(403);
      await s.get('/admin/site');
      const { payload, contentType } = multipart({ _csrf: 'forged' }, { name: 'l.png', type: 'image/png', data: logo });
      const forged = await t.app.inject({
        method: 'POST',
        url: '/admin/site/logo',
        payload,
        headers: { 'content-type': contentType, cookie: s.cookieHeader() },
      });
      expect(forged.statusCode).toBe(403);
      expect(await identity()).toBeUndefined();
      expect(await auditCount()).toBe(0);
    });

    it('refuses a file that is not a usable picture, on the form, and changes nothing', async () => {
      const svg = Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><script>alert(1)</script><rect width="200" height="80"/></svg>',
      );
      const cases: Array<[string, Buffer | undefined, string, number]> = [
        ['/admin/site/logo', Buffer.from('just some text, not a picture'), 'IMAGE_UNREADABLE', 415],
        ['/admin/site/logo', svg, 'IMAGE_UNREADABLE', 415],
        ['/admin/site/logo', await png(40, 12), 'IMAGE_TOO_SMALL', 422],
        ['/admin/site/logo', undefined, 'IMAGE_FILE_REQUIRED', 400],
        ['/admin/site/favicon', await png(32, 32), 'IMAGE_TOO_SMALL', 422],
        ['/admin/site/favicon', await png(400, 100), 'IMAGE_NOT_SQUARE', 422],
      ];
      for (const [url, data, code, status] of cases) {
        const res = await send(s, url, data);
        expect(res.statusCode, `${url} ${code}`).toBe(status);
        expect(errorCode(res)).toBe(code);
        expect(res.body).toContain('class="field field-invalid"');
        expect(res.body).toMatch(/<form class="form" method="post" action="\/admin\/site\/(logo|favicon)"/);
      }
      expect(await identity()).toBeUndefined();
      expect(await auditCount()).toBe(0);
    });

    it('puts an uploaded logo in every page’s header, the JSON-LD publisher and the audit log', async () => {
      const res = await send(s, '/admin/site/logo', await png(1200, 300));
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/site?done=logo#logo');
      for (const path of ['/', articlePath, '/archive']) {
        const page = await t.app.inject(path);
        const img = logoSrc(page.body);
        expect(img, path).not.toBeNull();
        expect(img![2]).toBe('The Riverside Ledger');
      }
      const page = (await t.app.inject(articlePath)).body;
      const src = logoSrc(page)![1]!;
      expect(src).toMatch(/^\/brand\/logo\/[0-9a-f]{16}\/logo\.webp$/);
      // Drawn at 56 px: the file is twice that for sharp screens, width and height keep the layout still.
      expect(page).toMatch(/alt="The Riverside Ledger" width="224" height="56"/);
      const file = await t.app.inject(src);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/webp');
      expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(await sharp(file.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 448, height: 112 });
      const jsonLd = /"logo":\{"@type":"ImageObject","url":"([^"]+)"/.exec(page)?.[1];
      expect(jsonLd).toBe(`${t.deps.config.siteUrl}${src.replace('logo.webp', 'logo.png')}`);
      const pngFile = await t.app.inject(src.replace('logo.webp', 'logo.png'));
      expect(pngFile.headers['content-type']).toBe('image/png');
      expect(await auditCount()).toBe(1);
      expect((await identity())?.logo).toMatchObject({ width: 448, height: 112 });
      // An address that is not the current logo's: nothing there.
      expect((await t.app.inject('/brand/logo/0123456789abcdef/logo.webp')).statusCode).toBe(404);
      expect((await t.app.inject('/brand/logo/0123456789abcdef/../../etc/passwd')).statusCode).toBe(404);
    });

    it('keeps the logo when the other settings are saved', async () => {
      await s.get('/admin/site');
      expect((await s.post('/admin/site', { ...SITE, type_pairing: 'system' })).statusCode).toBe(303);
      expect(logoSrc((await t.app.inject('/')).body)).not.toBeNull();
    });

    it('makes favicons in the usual sizes from a square upload, linked from every page', async () => {
      const res = await send(s, '/admin/site/favicon', await png(600, 600, '#1d4f91'));
      expect(res.statusCode).toBe(303);
      const home = (await t.app.inject('/')).body;
      const icon =
        /<link rel="icon" href="(\/brand\/favicon\/([0-9a-f]{16})\/icon-32\.png)" sizes="32x32" type="image\/png"\/>/.exec(
          home,
        );
      expect(icon).not.toBeNull();
      const hash = icon![2]!;
      expect(home).toContain(`<link rel="apple-touch-icon" href="/brand/favicon/${hash}/icon-180.png"/>`);
      expect(home).toMatch(/<link rel="manifest" href="\/site\.webmanifest\?v=\d+"\/>/);
      for (const px of [32, 180, 192, 512]) {
        const file = await t.app.inject(`/brand/favicon/${hash}/icon-${px}.png`);
        expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(await sharp(file.rawPayload).metadata()).toMatchObject({ format: 'png', width: px, height: px });
      }
      const ico = await t.app.inject('/favicon.ico');
      expect(ico.headers['content-type']).toBe('image/x-icon');
      const own = await t.app.inject(`/brand/favicon/${hash}/favicon.ico`);
      expect(ico.rawPayload.equals(own.rawPayload)).toBe(true);
      const manifest = JSON.parse((await t.app.inject('/site.webmanifest')).body) as {
        name: string;
        icons: Array<{ src: string; sizes: string }>;
      };
      expect(manifest.name).toBe('The Riverside Ledger');
      expect(manifest.icons.map((i) => i.src)).toEqual([
        `/brand/favicon/${hash}/icon-192.png`,
        `/brand/favicon/${hash}/icon-512.png`,
      ]);
    });

    it('makes the favicon from the logo when asked', async () => {
      await s.get('/admin/site');
      const res = await s.post('/admin/site/favicon/from-logo', {});
      expect(res.statusCode).toBe(303);
      const hash = (await identity())?.favicon as { hash: string };
      const icon = await t.app.inject(`/brand/favicon/${hash.hash}/icon-512.png`);
      expect(await sharp(icon.rawPayload).metadata()).toMatchObject({ width: 512, height: 512, hasAlpha: true });
      expect((await editor.post('/admin/site/favicon/from-logo', {})).statusCode).toBe(403);
    });

    it('returns to the name and the standard icon when logo and favicon are removed', async () => {
      const audits = await auditCount();
      const oldLogo = logoSrc((await t.app.inject('/')).body)![1]!;
      expect((await t.app.inject(oldLogo)).statusCode).toBe(200);
      expect((await s.post('/admin/site/logo/remove', {})).statusCode).toBe(303);
      expect((await s.post('/admin/site/favicon/remove', {})).statusCode).toBe(303);
      const home = (await t.app.inject('/')).body;
      expect(logoSrc(home)).toBeNull();
      expect(home).toContain('<a class="site-name" href="/">The Riverside Ledger</a>');
      expect(home).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>');
      expect((await t.app.inject('/favicon.ico')).statusCode).toBe(200);
      expect(await identity()).toMatchObject({ logo: null, favicon: null });
      expect((await t.app.inject(oldLogo)).statusCode).toBe(404);
      expect(await auditCount()).toBe(audits + 2);
      const files = await t.deps.db.kysely
        .selectFrom('settings')
        .select('value')
        .where('key', '=', 'site.brand-files')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(files.value)).toEqual({});
      expect((await editor.post('/admin/site/logo/remove', {})).statusCode).toBe(403);
      // No logo left to make a favicon from: said on the form, nothing changed.
      const audits2 = await auditCount();
      await s.get('/admin/site');
      const none = await s.post('/admin/site/favicon/from-logo', {});
      expect(none.statusCode).toBe(400);
      expect(errorCode(none)).toBe('IMAGE_FILE_REQUIRED');
      expect(await auditCount()).toBe(audits2);
    });

    it('applies a chosen type pairing to every page with self-hosted fonts only', async () => {
      await s.get('/admin/site');
      expect((await s.post('/admin/site', { ...SITE, type_pairing: 'source-serif-inter' })).statusCode).toBe(303);
      const page = (await t.app.inject(articlePath)).body;
      const preloads = [
        ...page.matchAll(/<link rel="preload" href="([^"]+)" as="font" type="font\/woff2" crossorigin="anonymous"\/>/g),
      ].map((m) => m[1]!);
      expect(preloads).toHaveLength(2);
      const sheet = /<link rel="stylesheet" href="(\/site\.css\?v=\d+)"\/>/.exec(page)?.[1];
      expect(sheet).toBeDefined();
      const css = await t.app.inject(sheet!);
      expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(css.body).toContain("font-family: 'Source Serif 4';");
      expect(css.body).toContain("font-family: 'Inter';");
      expect(css.body).toContain('font-display: swap;');
      expect(css.body).not.toMatch(/https?:/);
      const urls = [...css.body.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
      expect(urls.length).toBeGreaterThanOrEqual(8);
      for (const url of urls) {
        expect(url).toMatch(/^\/fonts\/[\d.]+\/[a-z0-9-]+-(latin|latin-ext|arabic)-\d00-(normal|italic)\.woff2$/);
      }
      for (const url of [...new Set([...urls, ...preloads])]) {
        const font = await t.app.inject(url);
        expect(font.statusCode, url).toBe(200);
        expect(font.headers['content-type']).toBe('font/woff2');
        expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(font.rawPayload.subarray(0, 4).toString('latin1')).toBe('wOF2');
      }
      // Only the files the pairings use: another subset, another weight or anything else is not there.
      for (const url of [urls[0]!.replace(/latin(-ext)?/, 'cyrillic'), urls[0]!.replace(/\d00-normal/, '300-normal')])
        expect((await t.app.inject(url)).statusCode, url).toBe(404);
      expect((await t.app.inject('/fonts/5.3.0/..%2F..%2Fpackage.json')).statusCode).toBe(400);
    });

    it('refuses an unknown pairing and changes nothing', async () => {
      const before = await identity();
      const audits = await auditCount();
      await s.get('/admin/site');
      const res = await s.post('/admin/site', { ...SITE, type_pairing: 'comic-sans' });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('SITE_TYPE_PAIRING_INVALID');
      expect(await identity()).toEqual(before);
      expect(await auditCount()).toBe(audits);
    });

    it('goes back to the system fonts: no font file is linked', async () => {
      await s.get('/admin/site');
      expect((await s.post('/admin/site', { ...SITE, type_pairing: 'system' })).statusCode).toBe(303);
      const page = (await t.app.inject('/')).body;
      expect(page).not.toContain('rel="preload"');
      expect(page).not.toContain('href="/site.css');
    });

    if (dialect === 'postgres') {
      it('shows a new logo in a second process on the same database without a restart', async () => {
        const other = await createTestApp(dialect, { testDb: t.testDb, config: { siteName: 'The Riverside Ledger' } });
        try {
          expect(logoSrc((await other.app.inject('/')).body)).toBeNull();
          expect((await send(s, '/admin/site/logo', await png(300, 100))).statusCode).toBe(303);
          const deadline = Date.now() + 5_000;
          let img: RegExpExecArray | null = null;
          while (Date.now() < deadline && !img) {
            img = logoSrc((await other.app.inject('/')).body);
            if (!img) await new Promise((r) => setTimeout(r, 50));
          }
          expect(img).not.toBeNull();
          expect((await other.app.inject(img![1]!)).statusCode).toBe(200);
        } finally {
          await other.close();
        }
      });
    }
  });
}
