/**
 * /admin/site in Chromium: the form passes axe (also while it shows a refused colour), and a saved accent reaches
 * the page through /site.css under the site's CSP (no inline style), still passing axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  HAS_CHROMIUM,
  axeViolations,
  launchBrowser,
  newLoopbackContext,
  startBrowserApp,
  type BrowserApp,
  signIn,
} from '../helpers/browser.js';
import { makeStaff, type Staff } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';

describe.skipIf(!HAS_CHROMIUM)('site settings in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let publisher: Staff;

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    publisher = await makeStaff(t, 'publisher', 'Pat Publisher');
    await makeArticle(t.deps.db.kysely, { status: 'published', headline: 'Bridge reopens', authorIds: [publisher.id] });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('passes axe on the form, with a refused colour, and applies a saved accent through its stylesheet', async () => {
    const { context, foreignRequests } = await newLoopbackContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await signIn(page, t.baseUrl, publisher);

    await page.goto(`${t.baseUrl}/admin/site`);
    expect(await axeViolations(page), '/admin/site').toEqual([]);

    await page.getByLabel(/^Site name/).fill('The Riverside Ledger');
    await page.getByLabel('Tagline').fill('News from both banks');
    await page.getByLabel('Accent colour').fill('#ffcc00');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('1.48:1 against the page background');
    expect(await axeViolations(page), 'the form refusing a colour').toEqual([]);

    await page.getByLabel('Accent colour').fill('#8a1c1c');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`${t.baseUrl}/admin/site?done=saved`);
    expect(await page.getByRole('status').textContent()).toContain('Saved');

    await page.goto(`${t.baseUrl}/`);
    expect(await page.title()).toBe('The Riverside Ledger');
    const accent = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
    );
    expect(accent).toBe('#8a1c1c');
    expect(await axeViolations(page), 'the home page in the new accent').toEqual([]);
    expect(cspErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  }, 120_000);
});
