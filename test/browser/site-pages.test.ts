/**
 * Pages and navigation in Chromium: the admin screens (/admin/pages, the page form, /admin/navigation) and the
 * public pages pass axe at desktop width and on a 390 px phone, where the header scrolls within itself instead of
 * widening the page. Screenshots are kept as CI artefacts. An editor writes, publishes, takes down and deletes a
 * page through the forms, as they would (the rules behind them are covered over HTTP).
 */
import fs from 'node:fs';
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
  signIn,
} from '../helpers/browser.js';
import { makeStaff, type Staff } from '../helpers/editorial.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const SHOTS = path.resolve('test-results/screenshots');

describe.skipIf(!HAS_CHROMIUM)('pages and navigation in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let publisher: Staff;

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    await seedDemo(t.deps, { comments: 3, avifInBackground: false });
    publisher = await makeStaff(t, 'publisher', 'Pat Publisher');
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('passes axe on the admin screens and on a page at desktop width', async () => {
    const { context, foreignRequests } = await newLoopbackContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/pages/about`);
    expect(await axeViolations(page), '/pages/about').toEqual([]);
    const nav = page.getByRole('navigation', { name: 'Site' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['News', 'Opinion', 'Support us']);
    await page.screenshot({ path: path.join(SHOTS, 'page-desktop.png') });
    await signIn(page, t.baseUrl, publisher);
    for (const address of ['/admin/pages', '/admin/pages/new', '/admin/navigation']) {
      await page.goto(`${t.baseUrl}${address}`);
      expect(await axeViolations(page), address).toEqual([]);
    }
    await page.screenshot({ path: path.join(SHOTS, 'admin-navigation-desktop.png'), fullPage: true });
    expect(foreignRequests).toEqual([]);
    await context.close();
  }, 180_000);

  it('lets an editor write a page, publish it, take it off the site and delete it, through the forms', async () => {
    const editor = await makeStaff(t, 'editor', 'Erin Editor');
    const { context, foreignRequests } = await newLoopbackContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    const reader = await context.browser()!.newContext();
    const readerPage = await reader.newPage();
    const statusOf = async (address: string) => (await readerPage.goto(`${t.baseUrl}${address}`))!.status();
    try {
      await signIn(page, t.baseUrl, editor);
      await page.goto(`${t.baseUrl}/admin/pages`);
      await page.getByRole('link', { name: 'New page' }).click();
      await page.getByLabel(/^Title/).fill('How we use your donations');
      await page.getByLabel('Summary', { exact: true }).fill('Where every dollar goes.');
      await page
        .getByLabel('Text', { exact: true })
        .fill('Most of it pays reporters.\n\n## Audits\n\nAn outside accountant checks the books each year.');
      await Promise.all([page.waitForURL(/done=created/), page.getByRole('button', { name: 'Save draft' }).click()]);
      expect(await page.getByRole('status').textContent()).toContain('Draft saved.');
      expect(await page.getByLabel('Address (slug)').inputValue()).toBe('how-we-use-your-donations');
      expect(await axeViolations(page), 'the form of a saved draft').toEqual([]);
      expect(await statusOf('/pages/how-we-use-your-donations')).toBe(404);

      await Promise.all([
        page.waitForURL(/done=published/),
        page.getByRole('button', { name: 'Save and publish' }).click(),
      ]);
      expect(await page.getByRole('status').textContent()).toContain('Published. It is on the site now.');
      await page.getByRole('link', { name: '/pages/how-we-use-your-donations' }).click();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('How we use your donations');
      expect(await page.getByRole('heading', { level: 2, name: 'Audits' }).count()).toBe(1);
      expect(await statusOf('/pages/how-we-use-your-donations')).toBe(200);
      expect(await readerPage.locator('.standfirst').textContent()).toBe('Where every dollar goes.');

      await page.goBack();
      await page.getByLabel(/^Title/).fill('How we spend your donations');
      await Promise.all([
        page.waitForURL(/done=draft/),
        page.getByRole('button', { name: 'Save and take off the site' }).click(),
      ]);
      expect(await page.getByRole('status').textContent()).toContain('the page is a draft');
      expect(await statusOf('/pages/how-we-use-your-donations')).toBe(404);

      await page.getByRole('link', { name: 'Delete this page' }).click();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Delete “How we spend your donations”?');
      await Promise.all([
        page.waitForURL(/done=deleted/),
        page.getByRole('button', { name: 'Delete for good' }).click(),
      ]);
      expect(await page.getByRole('status').textContent()).toContain('Page deleted.');
      expect(await page.getByRole('link', { name: 'How we spend your donations' }).count()).toBe(0);
      expect(foreignRequests).toEqual([]);
    } finally {
      await reader.close();
      await context.close();
    }
  }, 120_000);

  it('keeps a page and its header within a 390 px phone, axe-clean', async () => {
    const { context } = await newLoopbackContext(browser, { viewport: PHONE });
    const page = await context.newPage();
    for (const address of ['/pages/about', '/pages/contact', '/']) {
      await page.goto(`${t.baseUrl}${address}`);
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
      }));
      expect(widths.page, `${address} is no wider than the phone`).toBeLessThanOrEqual(widths.view);
      expect(await axeViolations(page), `${address} on a phone`).toEqual([]);
    }
    await page.goto(`${t.baseUrl}/pages/about`);
    await page.screenshot({ path: path.join(SHOTS, 'page-phone.png') });
    await context.close();

    const admin = await newLoopbackContext(browser, { viewport: PHONE });
    const adminPage = await admin.context.newPage();
    await signIn(adminPage, t.baseUrl, publisher);
    for (const address of ['/admin/pages', '/admin/navigation']) {
      await adminPage.goto(`${t.baseUrl}${address}`);
      expect(await axeViolations(adminPage), `${address} on a phone`).toEqual([]);
    }
    await adminPage.screenshot({ path: path.join(SHOTS, 'admin-navigation-phone.png'), fullPage: true });
    await admin.context.close();
  }, 180_000);
});
