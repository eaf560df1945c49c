/**
 * Every page type in every shipped language, in real Chromium: axe-core clean (WCAG 2.2 AA), no sideways
 * scrolling on a phone, `lang`/`dir` on <html>, and in Arabic a layout that mirrors (the header's name at the
 * right) while words people wrote keep their own direction (the English demo reads left to right). Screenshots of the front page and an article, desktop and phone, LTR and
 * RTL, are kept as CI artefacts under test-results/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../src/features/demo/demo.seed.js';
import { LOCALES, type LocaleCode } from '../../src/platform/i18n.js';
import { slugPath } from '../../src/lib/slug.js';
import { makeStaff, type Staff } from '../helpers/editorial.js';
import { setSiteLocale } from '../helpers/locale.js';
import {
  HAS_CHROMIUM,
  axeViolations,
  launchBrowser,
  newLoopbackContext,
  signIn,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const SHOTS = path.resolve('test-results/screenshots');

/** The page's width beyond the viewport (0 when nothing scrolls sideways). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const dirOf = (code: string) => LOCALES.find((l) => l.code === code)!.dir;

/**
 * Where the first letter of the first `selector` sits in its box: 'at the left' when the text runs left to right
 * from the left edge, 'at the right' when it runs right to left from the right edge.
 */
const firstLetterOffset = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => (/\p{L}/u.test(n.textContent ?? '') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
      });
      const text = walker.nextNode() as Text;
      const at = text.textContent!.search(/\p{L}/u);
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 1);
      const letter = range.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const left = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
      const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
      if (Math.abs(letter.left - left) < 4) return 'at the left';
      if (Math.abs(right - letter.right) < 4) return 'at the right';
      return `${Math.round(letter.left - left)}px from the left, ${Math.round(right - letter.right)}px from the right`;
    });

describe.skipIf(!HAS_CHROMIUM)('every page type in every language, in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let publisher: Staff;
  let readerPages: Array<[string, string]> = [];
  const adminPages: Array<[string, string]> = [
    ['admin home', '/admin'],
    ['article list', '/admin/articles'],
    ['article editor', '/admin/articles/new'],
    ['moderation queue', '/admin/moderation'],
    ['site settings', '/admin/site'],
    ['donations', '/admin/donations'],
  ];

  // Each test walks a dozen pages with axe-core: minutes on a loaded machine, not seconds.
  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    const { featuredSlug } = await seedDemo(t.deps, { comments: 12, avifInBackground: false });
    publisher = await makeStaff(t, 'publisher');
    const db = t.deps.db.kysely;
    const section = await db.selectFrom('sections').select('slug').orderBy('id').executeTakeFirstOrThrow();
    const author = await db
      .selectFrom('users')
      .innerJoin('article_authors', 'article_authors.user_id', 'users.id')
      .select('users.slug')
      .where('users.slug', 'is not', null)
      .orderBy('users.id')
      .executeTakeFirst();
    readerPages = [
      ['front page', '/'],
      ['article', slugPath('articles', featuredSlug)],
      ['section', slugPath('section', section.slug)],
      ...(author?.slug ? [['author', slugPath('author', author.slug)] as [string, string]] : []),
      ['archive', '/archive'],
      ['search', '/search?q=council'],
      ['page', slugPath('pages', 'about')],
      ['donate', '/donate'],
      ['corrections', '/corrections'],
      ['sign in', '/login'],
      ['sign up', '/signup'],
      ['not found', '/no-such-page'],
    ];
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const { code, dir } of LOCALES) {
    it(`${code}: reader pages are axe-clean, ${dir}, and fit a phone`, async () => {
      await setSiteLocale(t, publisher, code as LocaleCode);
      const { context, foreignRequests } = await newLoopbackContext(browser, { viewport: PHONE });
      const page = await context.newPage();
      const problems: string[] = [];
      try {
        for (const [name, url] of readerPages) {
          await page.goto(`${t.baseUrl}${url}`);
          const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
          if (html[1] !== dir || !html[0]?.startsWith(code))
            problems.push(`${name}: <html lang=${html[0]} dir=${html[1]}>`);
          for (const v of await axeViolations(page)) problems.push(`${name}: ${v}`);
          const extra = await overflow(page);
          if (extra > 0) problems.push(`${name}: ${extra}px wider than the phone`);
        }
      } finally {
        await context.close();
      }
      expect(problems).toEqual([]);
      expect(foreignRequests).toEqual([]);
    }, 240_000);

    it(`${code}: admin pages are axe-clean and ${dir}`, async () => {
      await setSiteLocale(t, publisher, code as LocaleCode);
      const { context } = await newLoopbackContext(browser, { viewport: DESKTOP });
      const page = await context.newPage();
      const problems: string[] = [];
      try {
        await signIn(page, t.baseUrl, publisher);
        for (const [name, url] of adminPages) {
          await page.goto(`${t.baseUrl}${url}`);
          if ((await page.evaluate(() => document.documentElement.dir)) !== dir) problems.push(`${name}: not ${dir}`);
          for (const v of await axeViolations(page)) problems.push(`${name}: ${v}`);
        }
      } finally {
        await context.close();
      }
      expect(problems).toEqual([]);
    }, 240_000);
  }

  it('mirrors the layout in Arabic, and keeps screenshots of both directions on desktop and phone', async () => {
    const article = readerPages.find(([name]) => name === 'article')![1];
    for (const code of ['en', 'ar'] as const) {
      await setSiteLocale(t, publisher, code);
      for (const [device, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const { context } = await newLoopbackContext(browser, { viewport });
        const page = await context.newPage();
        try {
          for (const [name, url] of [
            ['front', '/'],
            ['article', article],
          ]) {
            await page.goto(`${t.baseUrl}${url}`);
            await page.waitForLoadState('load');
            await page.screenshot({
              path: path.join(SHOTS, `language-${code}-${device}-${name}.png`),
              fullPage: false,
            });
          }
          // The page's own frame follows the language; the demo's words are English, and read left to right in
          // both: the headline, the first paragraph and the first comment start at their box's left edge.
          const p = (await page.locator('.article-body p').first().boundingBox())!;
          expect(await page.locator('.article-body').evaluate((el) => getComputedStyle(el).direction)).toBe(
            dirOf(code),
          );
          for (const selector of ['.headline', '.article-body p', '.comment-text p'])
            expect([selector, await firstLetterOffset(page, selector)]).toEqual([selector, 'at the left']);
          // The site's name sits at the header's start: left in English, right in Arabic.
          const name = (await page.locator('.site-name').boundingBox())!;
          const header = (await page.locator('.site-header-inner').boundingBox())!;
          const nameCentre = name.x + name.width / 2 - header.x;
          if (code === 'ar') expect(nameCentre).toBeGreaterThan(header.width / 2);
          else expect(nameCentre).toBeLessThan(header.width / 2);
          if (device === 'phone') expect(p.y).toBeLessThan(PHONE.height);
        } finally {
          await context.close();
        }
      }
    }
    await setSiteLocale(t, publisher, 'en');
    for (const f of ['language-en-desktop-front.png', 'language-ar-phone-article.png'])
      expect(fs.statSync(path.join(SHOTS, f)).size).toBeGreaterThan(10_000);
  }, 240_000);
});
