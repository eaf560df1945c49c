/**
 * Pages and navigation in Chromium: the admin screens (/admin/pages, the page form, /admin/navigation) and the
 * public pages pass axe at desktop width and on a 390 px phone, where the header scrolls within itself instead of
 * widening the page. Screenshots are kept as CI artefacts. (Editing itself is covered over HTTP.)
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
