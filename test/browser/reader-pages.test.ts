import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

describe.skipIf(!HAS_CHROMIUM)('reader pages in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let slug = '';

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    ({ featuredSlug: slug } = await seedDemo(t.deps, { comments: 300, avifInBackground: false }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const [name, pathFn] of [
    ['home page', () => '/'],
    ['article page', () => `/articles/${slug}`],
    ['404 page', () => '/articles/missing'],
    ['sign-in page', () => '/login'],
  ] as const) {
    it(`loads the ${name} with no axe violations and no request beyond 127.0.0.1`, async () => {
      const { context, foreignRequests } = await newLoopbackContext(browser);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/404|Not Found/.test(m.text())) errors.push(m.text());
      });
      await page.goto(`${t.baseUrl}${pathFn()}`, { waitUntil: 'networkidle' });
      // The page's own errors, before axe runs: axe re-parses @import-ed stylesheets into <style>
      // elements, which our strict CSP (rightly) blocks and logs.
      expect(errors).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await context.close();
    });
  }

  it('shows the skip link on the first Tab, above the page rather than over it, and it moves to the content', async () => {
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/articles/${slug}`);
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect((await skip.boundingBox())!.height).toBeLessThanOrEqual(1);
    await page.keyboard.press('Tab');
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = (await skip.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    // Whatever follows it (the goal bar here, the header on a month without one) starts below it.
    const next = (await page.locator('.skip-link + *').boundingBox())!;
    expect(next.y).toBeGreaterThanOrEqual(box.y + box.height);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#main$/);
    await context.close();
  });

  it('shows the goal bar with its accessible values', async () => {
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/`);
    const bar = page.getByRole('progressbar');
    expect(await bar.getAttribute('aria-valuenow')).toBe('112000');
    expect(await bar.getAttribute('aria-valuemax')).toBe('500000');
    expect(await page.locator('.goal-ticks li').allTextContents()).toEqual(['$0', '$2,500', '$5,000']);
    const fill = await page
      .locator('.goal-fill')
      .evaluate((el) => el.getBoundingClientRect().width / el.parentElement!.getBoundingClientRect().width);
    expect(fill).toBeGreaterThan(0.2);
    expect(fill).toBeLessThan(0.24);
    await context.close();
  });

  it('renders the article readably at phone width (screenshot)', async () => {
    const { context } = await newLoopbackContext(browser, {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/articles/${slug}`, { waitUntil: 'networkidle' });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const file = path.join(process.env.SCREENSHOT_DIR ?? os.tmpdir(), 'article-phone.png');
    await page.screenshot({ path: file, fullPage: false });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    await context.close();
  });
});
