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

describe.skipIf(!HAS_CHROMIUM)('the article editor in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let author: Staff;
  let articleId = 0;

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    author = await makeStaff(t, 'author', 'Avery Author');
    articleId = (
      await makeArticle(t.deps.db.kysely, {
        headline: 'Night buses return',
        body: 'Draft one.',
        status: 'draft',
        authorIds: [author.id],
      })
    ).id;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signInAs(page: Page, user: Staff) {
    await signIn(page, t.baseUrl, user);
  }

  async function expectClean(page: Page, what: string) {
    expect(await axeViolations(page), what).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${what} overflows sideways`).toBeLessThanOrEqual(0);
  }

  it('autosaves, brings the writer back to the draft, takes a pasted image with alt text, and restores a revision', async () => {
    const { context, foreignRequests } = await newLoopbackContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await signInAs(page, author);
    const edit = `${t.baseUrl}/admin/articles/${articleId}/edit`;
    await page.goto(edit);
    const body = page.getByLabel('Body', { exact: true });
    const status = page.locator('#autosave-status');

    // A first save: the history's earliest revision.
    await body.fill('The first saved version.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/done=saved/);
    await expectClean(page, 'the editor at desktop width');

    // Typing: autosaved a moment later, said in the live status line.
    await body.fill('The first saved version.\n\nA paragraph typed after it.');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^Saved at \d/);
    // The live preview renders the body with the server's renderer.
    await expect
      .poll(() => page.locator('#live-preview').textContent(), { timeout: 10_000 })
      .toContain('A paragraph typed after it.');

    // Leave and come back: the autosaved text is in the form.
    await page.goto(`${t.baseUrl}/admin/articles`);
    await page.goto(edit);
    expect(await body.inputValue()).toBe('The first saved version.\n\nA paragraph typed after it.');
    expect(await page.locator('.autosave-notice').textContent()).toContain('autosaved');

    // The toolbar: one tab stop, arrows between buttons, and Ctrl+B on the selection.
    const bold = page.getByRole('button', { name: 'Bold (Ctrl+B)' });
    await bold.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Italic (Ctrl+I)');
    await body.evaluate((el: HTMLTextAreaElement) => {
      el.focus();
      el.setSelectionRange(4, 9);
    });
    await page.keyboard.press('Control+b');
    expect(await body.inputValue()).toMatch(/^The \*\*first\*\* saved/);

    // Paste a PNG into the body: the dialog asks for its alt text before uploading it.
    await body.evaluate(async (el: HTMLTextAreaElement) => {
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 200;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#b03030';
      ctx.fillRect(0, 0, 320, 200);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
      const data = new DataTransfer();
      data.items.add(new File([blob], 'pasted.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const dialog = page.getByRole('dialog', { name: 'Describe the image' });
    await dialog.waitFor();
    // Alt text is required unless the image is marked decorative.
    await dialog.getByRole('button', { name: 'Upload and insert' }).click();
    expect(await dialog.locator('#image-alt-error').isVisible()).toBe(true);
    await dialog.getByLabel(/^Alt text/).fill('A red square on the night bus map');
    await dialog.getByRole('button', { name: 'Upload and insert' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await body.inputValue()).toMatch(/!\[A red square on the night bus map\]\(image:\d+\)$/);
    await page.locator('#live-preview img[alt="A red square on the night bus map"]').waitFor({ timeout: 10_000 });
    // The social card takes the first placed image and the headline.
    await page.locator('#share-preview .social-card-preview img').waitFor({ timeout: 10_000 });
    expect(await page.locator('#share-preview .social-card-title').textContent()).toBe('Night buses return');

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/done=saved/);

    // History: compare the first revision, then restore it (on a phone).
    await page.setViewportSize({ width: 390, height: 844 });
    await expectClean(page, 'the editor at 390 px');
    await page.getByRole('link', { name: 'History', exact: true }).click();
    await expectClean(page, 'the history at 390 px');
    await page
      .getByRole('link', { name: /^Compare/ })
      .last()
      .click();
    expect((await page.locator('.diff-ins').allTextContents()).join('\n')).toContain('A paragraph typed after it.');
    await expectClean(page, 'a revision compared at 390 px');
    await page.getByRole('button', { name: 'Restore this revision' }).click();
    await page.waitForURL(/done=restored/);
    expect(await body.inputValue()).toBe('The first saved version.');
    expect(await page.getByRole('status').first().textContent()).toContain('Revision restored');

    expect(foreignRequests).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
