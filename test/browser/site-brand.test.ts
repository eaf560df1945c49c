/**
 * The newsroom's look in Chromium: the publisher uploads a logo and a favicon and picks a type pairing in
 * /admin/site; an article then shows the logo (named for screen readers), uses the pairing's fonts, served by the
 * site itself, and passes axe at desktop width and on a 390 px phone, with no request leaving 127.0.0.1.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

/** A wordmark-like logo: dark letters-ish blocks on transparency, 4:1. */
async function logoPng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="200">
    <rect x="10" y="40" width="140" height="120" fill="#161616"/><rect x="180" y="40" width="600" height="120" fill="#8a1c1c"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe.skipIf(!HAS_CHROMIUM)('logo, favicon and type in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let publisher: Staff;
  let articleUrl: string;

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    publisher = await makeStaff(t, 'publisher', 'Pat Publisher');
    const article = await makeArticle(t.deps.db.kysely, {
      status: 'published',
      headline: 'Bridge reopens after two years',
      body: 'The old bridge carries traffic again. *Residents* cheered as the first bus crossed.',
      authorIds: [publisher.id],
    });
    articleUrl = `${t.baseUrl}/articles/${article.slug}`;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function checkArticle(page: Page, label: string, maxLogoHeight: number) {
    await page.goto(articleUrl);
    const logo = page.getByRole('link', { name: 'The Riverside Ledger' }).locator('img.site-logo');
    await expect
      .poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await logo.isVisible(), label).toBe(true);
    const box = (await logo.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.height, label).toBeLessThanOrEqual(maxLogoHeight + 0.5);
    expect(box.height, label).toBeGreaterThanOrEqual(20);
    expect(box.x + box.width, label).toBeLessThanOrEqual(viewport.width);
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      await Promise.all([document.fonts.load('700 32px "Source Serif 4"'), document.fonts.load('400 16px "Inter"')]);
      return {
        headline: document.fonts.check('700 32px "Source Serif 4"'),
        body: document.fonts.check('400 16px "Inter"'),
        h1: getComputedStyle(document.querySelector('h1')!).fontFamily,
        text: getComputedStyle(document.querySelector('main p')!).fontFamily,
        loaded: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight}`),
      };
    });
    expect(fonts.headline, label).toBe(true);
    expect(fonts.body, label).toBe(true);
    expect(fonts.h1, label).toMatch(/^"?Source Serif 4"?,/);
    expect(fonts.text, label).toMatch(/^"?Inter"?,/);
    expect(
      fonts.loaded.some((f) => f.includes('Source Serif 4')),
      label,
    ).toBe(true);
    expect(await axeViolations(page), label).toEqual([]);
  }

  it('sets a logo, a favicon and a pairing in the admin; an article uses them and passes axe on desktop and phone', async () => {
    const { context, foreignRequests } = await newLoopbackContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await signIn(page, t.baseUrl, publisher);

    await page.goto(`${t.baseUrl}/admin/site`);
    await page.getByLabel(/^Site name/).fill('The Riverside Ledger');
    await page.getByLabel('Type', { exact: true }).selectOption('source-serif-inter');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`${t.baseUrl}/admin/site?done=saved`);

    // A refused file is explained on the form, which still passes axe.
    await page.getByLabel('Upload a logo').setInputFiles({
      name: 'notes.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not a picture'),
    });
    await page.getByRole('button', { name: 'Upload logo' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('not a picture we can use');
    expect(await axeViolations(page), 'the form refusing a file').toEqual([]);

    await page
      .getByLabel('Upload a logo')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await logoPng() });
    await page.getByRole('button', { name: 'Upload logo' }).click();
    await page.waitForURL(/\/admin\/site\?done=logo/);
    const square = await sharp({ create: { width: 256, height: 256, channels: 4, background: '#1d4f91' } })
      .png()
      .toBuffer();
    await page
      .getByLabel('Upload a favicon')
      .setInputFiles({ name: 'icon.png', mimeType: 'image/png', buffer: square });
    await page.getByRole('button', { name: 'Upload favicon' }).click();
    await page.waitForURL(/\/admin\/site\?done=favicon/);
    expect(await axeViolations(page), '/admin/site with a logo and favicon').toEqual([]);
    await context.close();

    // A reader (no session) at desktop width and on a phone.
    for (const [label, viewport, maxLogo] of [
      ['desktop', { width: 1280, height: 900 }, 56],
      ['phone', { width: 390, height: 844 }, 40],
    ] as const) {
      const reader = await newLoopbackContext(browser, { viewport });
      const p = await reader.context.newPage();
      await checkArticle(p, label, maxLogo);
      const icon = await p.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href);
      expect(icon).toMatch(/\/brand\/favicon\/[0-9a-f]{16}\/icon-32\.png$/);
      expect((await p.request.get(icon)).status()).toBe(200);
      expect(reader.foreignRequests, label).toEqual([]);
      await reader.context.close();
    }
    expect(cspErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  }, 180_000);
});
