/**
 * /admin/tokens in Chromium: the page passes axe empty, refusing a form, and showing a new token's secret
 * once; it fits a 360-pixel screen; the secret works against the Admin API and is gone on the next visit.
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

describe.skipIf(!HAS_CHROMIUM)('API tokens in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let publisher: Staff;

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    publisher = await makeStaff(t, 'publisher', 'Pat Publisher');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('issues a token, shows its secret once, and passes axe at every step', async () => {
    const { context } = await newLoopbackContext(browser, { viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await signIn(page, t.baseUrl, publisher);

    await page.goto(`${t.baseUrl}/admin/tokens`);
    expect(await axeViolations(page), 'no token yet').toEqual([]);

    await page.getByLabel(/^Name/).fill('Newsletter sync');
    await page.getByRole('button', { name: 'Issue token' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Choose at least one scope');
    expect(await axeViolations(page), 'a refused form').toEqual([]);

    await page.getByLabel(/read_drafts:/).check();
    await page.getByLabel(/moderate:/).check();
    await page.getByRole('button', { name: 'Issue token' }).click();
    const secret = await page.getByLabel('Token', { exact: true }).inputValue();
    expect(secret).toMatch(/^bs_[A-Za-z0-9_-]{43}$/);
    expect(await axeViolations(page), 'the secret shown').toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'the page overflows sideways').toBeLessThanOrEqual(0);

    const res = await fetch(`${t.baseUrl}/api/v1/admin/comments`, { headers: { authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(200);

    await page.goto(`${t.baseUrl}/admin/tokens`);
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByRole('cell', { name: 'read_drafts, moderate' }).count()).toBe(1);
    await context.close();
  }, 120_000);
});
