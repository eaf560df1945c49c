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
import { makeUser } from '../helpers/factories.js';
import { WXR_FIXTURE } from '../helpers/importing.js';

describe.skipIf(!HAS_CHROMIUM)('the import and export pages in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let publisher: { email: string; password: string };

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    publisher = await makeUser(t.deps.db.kysely, { role: 'publisher' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('uploads a WordPress export and follows it to the summary, with no axe violations on either page', async () => {
    const { context, foreignRequests } = await newLoopbackContext(browser, { viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, t.baseUrl, publisher, '/admin/import');
    expect(await axeViolations(page)).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);

    await page.getByLabel('WordPress export file (.xml)').setInputFiles(WXR_FIXTURE);
    await page.getByRole('button', { name: 'Import WordPress export' }).click();
    await page.waitForURL(/\/admin\/import\/jobs\/\d+$/);
    // The page updates itself (import-progress.js) until the job ends, then shows the summary.
    await page.getByRole('heading', { name: 'Summary' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('#job-state').textContent()).toBe('Finished');
    expect(await page.locator('#job-created').textContent()).toBe('23');
    expect(await axeViolations(page)).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
