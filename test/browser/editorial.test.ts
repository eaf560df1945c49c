import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { signAccountLink } from '../../src/features/accounts/account-link.js';
import { processPendingImages, storeImage } from '../../src/features/images/image.service.js';
import {
  HAS_CHROMIUM,
  axeViolations,
  launchBrowser,
  newLoopbackContext,
  startBrowserApp,
  type BrowserApp,
  signIn,
} from '../helpers/browser.js';
import { makeSection, makeStaff, photoJpeg, type Staff } from '../helpers/editorial.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { setSiteLocale } from '../helpers/locale.js';

describe.skipIf(!HAS_CHROMIUM)('the editorial side in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let editor: Staff;
  let publisher: Staff;
  let photoFile: string;
  let galleryId = 0;
  const media = () => ({ ...t.deps, avifEffort: 0 });

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    editor = await makeStaff(t, 'editor', 'Erin Editor');
    publisher = await makeStaff(t, 'publisher', 'Pat Publisher');
    await makeSection(t);
    photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-photo-')), 'harbour.jpg');
    fs.writeFileSync(photoFile, await photoJpeg(1800, 1200, 1));
    const first = await storeImage(media(), {
      buffer: await photoJpeg(1400, 900, 1),
      alt: 'Cranes over the container harbour',
      decorative: false,
      caption: 'The harbour at dawn.',
      credit: 'Photo: Test Desk',
    });
    const second = await storeImage(media(), {
      buffer: await photoJpeg(900, 1200, 1),
      alt: 'A ferry leaving the pier',
      decorative: false,
      caption: 'The 8:10 ferry.',
    });
    await processPendingImages(media());
    galleryId = (
      await makeArticle(t.deps.db.kysely, {
        slug: 'harbour-gallery',
        headline: 'A morning at the harbour',
        body: `The harbour wakes early.\n\n![Cranes](image:${first})\n\nFerries start at eight.\n\n![Ferry](image:${second})\n\nBy nine the pier is busy.`,
      })
    ).id;
    const third = await storeImage(media(), {
      buffer: await photoJpeg(1200, 800, 1),
      alt: 'Gulls on the breakwater',
      decorative: false,
    });
    await processPendingImages(media());
    await makeArticle(t.deps.db.kysely, {
      slug: 'harbour-gallery-three',
      headline: 'Three pictures of the harbour',
      body: `Morning.\n\n![Cranes](image:${first})\n\nNoon.\n\n![Ferry](image:${second})\n\nEvening.\n\n![Gulls](image:${third})`,
    });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (photoFile) fs.rmSync(path.dirname(photoFile), { recursive: true, force: true });
  });

  async function signInAs(page: Page, user: Staff) {
    await signIn(page, t.baseUrl, user);
  }

  const isFocused = (l: Locator) => l.evaluate((e) => e === document.activeElement);

  async function expectClean(page: Page, what: string) {
    expect(await axeViolations(page), what).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${what} overflows sideways`).toBeLessThanOrEqual(0);
  }

  it('lets an editor sign in, upload an image, write an article with it and publish it', async () => {
    const { context, foreignRequests } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInAs(page, editor);

    await page.goto(`${t.baseUrl}/admin/images`);
    await expectClean(page, 'image library');
    await page.getByLabel(/Image file/).setInputFiles(photoFile);
    await page.getByLabel('Alt text', { exact: true }).fill('Fishing boats moored at the harbour wall');
    await page.getByLabel('Caption', { exact: true }).fill('Boats at rest.');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/done=uploaded/);
    expect(await page.getByRole('status').textContent()).toContain('Image uploaded');

    await page.goto(`${t.baseUrl}/admin/articles/new`);
    await expectClean(page, 'new article form');
    await page.getByLabel(/^Headline/).fill('Fishing fleet returns early');
    await page.getByLabel('Excerpt', { exact: true }).fill('Storm warnings bring the boats home.');
    const body = page.getByLabel('Body', { exact: true });
    await body.fill('Storm warnings brought the fleet home a day early.\n\n');
    await page.getByText('Insert an image from the library').click();
    await page
      .getByRole('button', { name: /Insert image \d+ at the cursor/ })
      .first()
      .click();
    await body.press('End');
    await body.pressSequentially('\n\nThe harbour master expects calm seas by Friday.');
    expect(await body.inputValue()).toMatch(/!\[Fishing boats moored at the harbour wall\]\(image:\d+\)/);
    await page.getByLabel('Section', { exact: true }).selectOption({ label: 'News' });
    await page.getByLabel('Tags', { exact: true }).fill('Harbour, Weather');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.waitForURL(/done=published/);
    expect(await page.getByRole('status').textContent()).toContain('Published');
    await expectClean(page, 'edit form of a published article');

    await page.getByRole('link', { name: 'View on the site' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Fishing fleet returns early');
    const img = page.locator('.article-figure img');
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth > 0)).toBe(true);
    expect(await page.locator('.full-size-hint').textContent()).toBe('Click to see the full-size image');
    await expectClean(page, 'published article');
    expect(foreignRequests).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('lets a reader open the image viewer with the keyboard, move with the arrows, and close it with Esc', async () => {
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/articles/harbour-gallery`, { waitUntil: 'networkidle' });
    // Tab from the top of the page to the first image, as a keyboard user would.
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('full-size-link'))) break;
    }
    const first = page.locator('a.full-size-link').first();
    expect(await isFocused(first)).toBe(true);
    await page.keyboard.press('Enter');

    const dialog = page.locator('dialog.viewer');
    await page.getByRole('dialog', { name: 'Image 1 of 2' }).waitFor();
    expect(await isFocused(page.getByRole('button', { name: 'Close the image viewer' }))).toBe(true);
    expect(await dialog.locator('img').getAttribute('alt')).toBe('Cranes over the container harbour');
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: 'Image 2 of 2' }).waitFor();
    expect(await dialog.locator('.viewer-caption').textContent()).toBe('The 8:10 ferry.');
    expect(await dialog.locator('img').getAttribute('alt')).toBe('A ferry leaving the pier');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: 'Image 1 of 2' }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('dialog', { name: 'Image 2 of 2' }).waitFor();

    for (let i = 0; i < 8; i++) {
      await page.keyboard.press(i % 3 === 0 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog.viewer'))).toBe(true);
    }
    await page.keyboard.press('+');
    expect(await page.getByRole('button', { name: 'Zoom out' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('0');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await isFocused(first)).toBe(true);
    await context.close();
  }, 60_000);

  it('moves the viewer the way its buttons point in a right-to-left site: the left arrow is "next"', async () => {
    await setSiteLocale(t, publisher, 'ar');
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    try {
      await page.goto(`${t.baseUrl}/articles/harbour-gallery-three`, { waitUntil: 'networkidle' });
      await page.locator('a.full-size-link').first().click();
      const dialog = page.locator('dialog.viewer');
      const alt = () => dialog.locator('.viewer-frame img').getAttribute('alt');
      await expect.poll(alt).toBe('Cranes over the container harbour');
      // The bar is mirrored: "next" sits to the left of "previous".
      const next = (await dialog.locator('.viewer-next').boundingBox())!;
      const previous = (await dialog.locator('.viewer-prev').boundingBox())!;
      expect(next.x).toBeLessThan(previous.x);
      await page.keyboard.press('ArrowLeft');
      await expect.poll(alt).toBe('A ferry leaving the pier');
      await page.keyboard.press('ArrowLeft');
      await expect.poll(alt).toBe('Gulls on the breakwater');
      await page.keyboard.press('ArrowRight');
      await expect.poll(alt).toBe('A ferry leaving the pier');
      await dialog.locator('.viewer-next').click();
      await expect.poll(alt).toBe('Gulls on the breakwater');
    } finally {
      await context.close();
      await setSiteLocale(t, publisher, 'en');
    }
  }, 60_000);

  it('zooms the viewer with a two-finger pinch on a phone', async () => {
    const { context } = await newLoopbackContext(browser, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/articles/harbour-gallery`, { waitUntil: 'networkidle' });
    await page.locator('a.full-size-link').first().tap();
    const stage = page.locator('.viewer-stage');
    await stage.waitFor();
    const box = (await stage.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const cdp = await context.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints:
          type === 'touchEnd'
            ? []
            : [
                { x: cx - spread, y: cy, id: 1 },
                { x: cx + spread, y: cy, id: 2 },
              ],
      });
    await touch('touchStart', 40);
    for (const spread of [60, 90, 120, 150]) await touch('touchMove', spread);
    await touch('touchEnd', 0);
    const scale = await page.locator('.viewer-frame').evaluate((e) => new DOMMatrix(getComputedStyle(e).transform).a);
    expect(scale).toBeGreaterThan(2);
    expect(await page.getByRole('button', { name: 'Zoom out' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Close the image viewer' }).tap();
    await page.locator('dialog.viewer').waitFor({ state: 'hidden' });
    await context.close();
  }, 60_000);

  it('opens the full-size image as a plain link when JavaScript is off', async () => {
    const { context } = await newLoopbackContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/articles/harbour-gallery`);
    const href = await page.locator('a.full-size-link').first().getAttribute('href');
    await page.locator('a.full-size-link').first().click();
    await page.waitForURL(`${t.baseUrl}${href}`);
    expect(href).toMatch(/\/1400\.jpg$/);
    await context.close();
  }, 60_000);

  /** Every page the editorial feature adds, as a publisher sees them (authors see a subset of the same pages). */
  async function editorialPages(): Promise<{ open: string[]; admin: string[] }> {
    const author = await makeStaff(t, 'author', 'Avery Author');
    const draft = await makeArticle(t.deps.db.kysely, {
      status: 'draft',
      headline: 'A draft to look at',
      authorIds: [author.id, editor.id],
    });
    const invited = await makeUser(t.deps.db.kysely, { role: 'author', name: 'Ivy Invited' });
    const row = await t.deps.db.kysely
      .selectFrom('users')
      .select(['email', 'password_hash'])
      .where('id', '=', invited.id)
      .executeTakeFirstOrThrow();
    const setPassword = `/password/reset?token=${signAccountLink(t.deps.config.secretKey, 'invite', invited.id, { email: row.email, passwordHash: row.password_hash }, new Date())}`;
    const imageId = (await t.deps.db.kysely.selectFrom('images').select('id').orderBy('id').executeTakeFirstOrThrow())
      .id;
    return {
      open: [
        '/password/forgot',
        '/password/forgot?sent=1',
        setPassword,
        '/password/reset?token=invalid',
        '/login',
        '/signup',
        '/signup?sent=1&next=%2F',
      ],
      admin: [
        '/admin/articles',
        '/admin/articles?status=draft&q=draft',
        '/admin/articles/new',
        `/admin/articles/${draft.id}/edit`,
        `/admin/articles/${galleryId}/edit?done=uploaded`,
        `/admin/articles/${draft.id}/preview`,
        `/admin/articles/${draft.id}/delete`,
        '/admin/images',
        `/admin/images/${imageId}`,
        '/admin/staff',
        '/admin/settings',
        '/account',
      ],
    };
  }

  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 360, height: 780 },
  ]) {
    const phone = viewport.width < 400;
    it(
      phone
        ? 'fits every editorial page on a 360-pixel screen'
        : 'passes axe on every editorial page, including a form showing errors',
      async () => {
        const { open, admin } = await editorialPages();
        const { context } = await newLoopbackContext(browser, { viewport });
        const page = await context.newPage();
        const check = async (what: string) => {
          if (!phone) expect(await axeViolations(page), what).toEqual([]);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${what} overflows sideways`).toBeLessThanOrEqual(0);
        };
        for (const url of open) {
          await page.goto(`${t.baseUrl}${url}`);
          await check(url);
        }
        await signInAs(page, publisher);
        for (const url of admin) {
          await page.goto(`${t.baseUrl}${url}`);
          await check(url);
        }
        await page.goto(`${t.baseUrl}/admin/articles/new`);
        await page.getByLabel(/^Headline/).fill(' ');
        await page.getByRole('button', { name: 'Save as draft' }).click();
        expect(await page.getByRole('alert').textContent()).toContain('Some fields need attention');
        await check('the editor showing errors');
        await page.goto(`${t.baseUrl}/account`);
        await page.getByLabel(/^Current password/).fill('not the password');
        await page.getByLabel(/^New password/).fill('a long enough password');
        await page.getByLabel(/^Repeat the new password/).fill('a long enough password');
        await page.getByRole('button', { name: 'Change the password' }).click();
        expect(await page.getByRole('alert').textContent()).toContain('current password is not right');
        await check('the account page showing errors');
        await context.close();
      },
      150_000,
    );
  }
});
