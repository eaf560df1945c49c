import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../src/features/demo/demo.seed.js';
import {
  HAS_CHROMIUM,
  axeViolations,
  launchBrowser,
  newLoopbackContext,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.js';
import { hoursAfter, makeArticle } from '../helpers/newsroom.js';

describe.skipIf(!HAS_CHROMIUM)('listings, archive, corrections and search in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let olderHome = '';

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    await seedDemo(t.deps, { comments: 5, avifInBackground: false });
    // Enough older articles for a second home page.
    for (let i = 0; i < 20; i++) {
      await makeArticle(t.deps.db.kysely, {
        headline: `Harbour ferry timetable, week ${i + 1}`,
        excerpt: 'Sailings for the week.',
        publishedAt: hoursAfter('2026-01-05T08:00:00.000Z', i * 24 * 7),
      });
    }
    browser = await launchBrowser();
    const home = await t.app.inject('/');
    olderHome = /<link rel="next" href="[^"]*(\/\?before=[^"]+)"/.exec(home.body)![1]!;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const PAGES: Array<[string, () => string]> = [
    ['home page', () => '/'],
    ['second home page', () => olderHome],
    ['section page', () => '/section/news'],
    ['tag page', () => '/tag/transport'],
    ['author page', () => '/author/tom-becker'],
    ['archive index', () => '/archive'],
    ['archive month', () => '/archive/2026/01'],
    ['corrections page', () => '/corrections'],
    ['empty search page', () => '/search'],
    ['search results', () => '/search?q=bus'],
    ['search without results', () => '/search?q=xylophone'],
    ['too-long search', () => `/search?q=${'bus '.repeat(60)}`],
    ['article page with JSON-LD', () => '/articles/night-buses-return-to-the-outer-districts'],
  ];

  for (const [name, pathFn] of PAGES) {
    it(`loads the ${name} with no axe violations, no CSP report and no request beyond 127.0.0.1`, async () => {
      const { context, foreignRequests } = await newLoopbackContext(browser);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // The too-long search answers 400 on purpose; any other console error (a CSP violation) fails.
      page.on('console', (m) => {
        if (m.type() === 'error' && !/status of 400/.test(m.text())) errors.push(m.text());
      });
      await page.goto(`${t.baseUrl}${pathFn()}`, { waitUntil: 'networkidle' });
      // Taken before axe runs: axe re-reads @import-ed stylesheets through <style> elements of its own,
      // which the CSP reports as errors that are not the page's.
      const pageErrors = [...errors];
      expect(await axeViolations(page)).toEqual([]);
      expect(foreignRequests).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }

  it('searches from the box in the header and shows highlighted results', async () => {
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('searchbox', { name: 'Search articles' }).first().fill('night buses');
    await page.getByRole('searchbox', { name: 'Search articles' }).first().press('Enter');
    await page.waitForURL(/\/search\?q=night\+buses/);
    expect(await page.locator('h1').textContent()).toBe('Search results for “night buses”');
    const first = page.locator('.search-result').first();
    expect(await first.locator('h2 mark').allTextContents()).toEqual(['Night', 'buses']);
    await first.locator('h2 a').click();
    await page.waitForURL(/\/articles\/night-buses-return-to-the-outer-districts$/);
    await context.close();
  });

  it('walks from the newest articles to older ones and back with the pager', async () => {
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'Older articles' }).click();
    await page.waitForURL(/\?before=/);
    expect(await page.locator('h1').textContent()).toBe('Older articles');
    await page.getByRole('link', { name: 'Newer articles' }).click();
    await page.waitForURL(`${t.baseUrl}/?after=*`);
    expect(await page.locator('.card-lead').count()).toBe(1);
    await context.close();
  });

  for (const path of ['/search?q=harbour', '/archive', '/corrections', '/section/news']) {
    it(`fits ${path} in a 360 px wide screen without sideways scrolling`, async () => {
      const { context } = await newLoopbackContext(browser, {
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      await page.goto(`${t.baseUrl}${path}`, { waitUntil: 'networkidle' });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await context.close();
    });
  }
});
