import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  HAS_CHROMIUM,
  axeViolations,
  launchBrowser,
  newLoopbackContext,
  startBrowserApp,
  type BrowserApp,
  fillGuestComment,
  signIn,
} from '../helpers/browser.js';
import { setDiscussionSettings, setModerationSettings, useModerationSettings } from '../helpers/discussion.js';
import { makeArticle } from '../helpers/factories.js';
import { makeStaff } from '../helpers/editorial.js';

const BODY = [
  'The council voted on Tuesday to extend the night bus network to the harbour district.',
  'Fares will rise by 5 < 6 & "x" percent, the transport committee said in its report.',
  'Work on the new depot starts in March and should take eighteen months to finish.',
].join('\n\n');

describe.skipIf(!HAS_CHROMIUM)('inline feedback in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let slug = '';
  const url = () => `${t.baseUrl}/articles/${slug}`;

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    ({ slug } = await makeArticle(t.deps.db.kysely, { headline: 'Night buses reach the harbour', body: BODY }));
    await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100 });
    // The real moderation policy, set so these comments are approved: no hold for a first comment.
    await setModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it(
    'comments on a selected passage, shows the count beside the paragraph, opens it in place; axe finds nothing',
    { timeout: 90_000 },
    async () => {
      const { context, foreignRequests } = await newLoopbackContext(browser);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url(), { waitUntil: 'networkidle' });

      // Select two words of the second paragraph (a Range, as a mouse drag makes one), then release the mouse.
      const p2 = page.locator('#p2');
      const box = (await p2.boundingBox())!;
      await page.evaluate(() => {
        const text = document.getElementById('p2')!.firstChild!;
        const start = text.textContent!.indexOf('transport committee');
        const range = document.createRange();
        range.setStart(text, start);
        range.setEnd(text, start + 'transport committee'.length);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
      });
      await page.mouse.move(box.x + 5, box.y + 5);
      await page.mouse.up();
      const selectButton = page.getByRole('button', { name: 'Comment on this selection' });
      await selectButton.click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('comment-body');
      expect(await page.locator('[data-passage-quote-text]').textContent()).toBe('transport committee');
      expect(await page.locator('#comment-anchor-paragraph').inputValue()).toBe('p2');
      expect(await axeViolations(page)).toEqual([]);

      await fillGuestComment(page, 'Which committee, exactly?', 'Sel Reader');
      await page.locator('#comment-form').getByRole('button', { name: 'Post comment' }).click();
      await page.locator('.comment-passage', { hasText: 'transport committee' }).waitFor();

      await page.reload({ waitUntil: 'networkidle' });
      const count = page.locator('#p2 + .passage-tools .passage-count');
      expect(await count.getAttribute('aria-expanded')).toBe('false');
      expect(await count.locator('[aria-hidden=true]').textContent()).toBe('1');
      expect(await count.textContent()).toContain('1 comment on this passage');
      await count.click();
      const panel = page.locator('#inline-panel-p2');
      await panel.waitFor();
      expect(await panel.textContent()).toContain('Which committee, exactly?');
      expect(await count.getAttribute('aria-expanded')).toBe('true');
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect.poll(() => panel.count()).toBe(0);
      // The passage's own view (where the count leads without JavaScript), with the form set to it.
      await page.goto(`${url()}?passage=p2`, { waitUntil: 'networkidle' });
      expect(await page.locator('#passage-p2-comments').textContent()).toContain('Which committee, exactly?');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await context.close();
    },
  );

  it(
    'without JavaScript, comments on a paragraph through its link and the paragraph choice',
    { timeout: 30_000 },
    async () => {
      const { context } = await newLoopbackContext(browser, { javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(url());
      await page.locator('#p3 + .passage-tools').getByRole('link', { name: 'Comment on paragraph 3' }).click();
      await page.waitForURL(/\?passage=p3#comment-form$/);
      expect(await page.locator('#comment-anchor-paragraph').inputValue()).toBe('p3');
      expect(await page.locator('#passage-p3-comments').textContent()).toContain('No comments on this passage yet.');
      await fillGuestComment(page, 'March seems optimistic.', 'Nora Nojs');
      await page.locator('#comment-form').getByRole('button', { name: 'Post comment' }).click();
      await page.waitForURL(/#comment-\d+$/);
      const count = page.locator('#p3 + .passage-tools .passage-count');
      expect(await count.textContent()).toContain('1 comment on this passage');
      await count.click();
      await page.waitForURL(/\?passage=p3#passage-p3-comments$/);
      expect(await page.locator('#passage-p3-comments').textContent()).toContain('March seems optimistic.');
      await context.close();
    },
  );

  it(
    'lets an editor check passages in place and pose a question readers see; axe finds nothing',
    { timeout: 90_000 },
    async () => {
      const editor = await makeStaff(t, 'editor', 'Erin Editor');
      const { id } = await t.deps.db.kysely
        .selectFrom('articles')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      const { context } = await newLoopbackContext(browser);
      const page = await context.newPage();
      await signIn(page, t.baseUrl, editor);

      await page.goto(`${t.baseUrl}/admin/articles/${id}/edit`, { waitUntil: 'networkidle' });
      await page.getByLabel('Body').fill('Only a new paragraph remains.');
      await page.getByRole('button', { name: 'Check passages' }).click();
      await expect
        .poll(() => page.locator('.passages-result').textContent())
        .toMatch(/^This edit would orphan 2 of 2 /);
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(`${t.baseUrl}/admin/articles/${id}/passages`, { waitUntil: 'networkidle' });
      await page.getByLabel('Paragraph', { exact: true }).selectOption('p1');
      await page.getByLabel('Quote from the paragraph (optional)').fill('harbour district');
      await page.getByRole('textbox', { name: /^Question/ }).fill('Do you live in the harbour district?');
      await page.getByRole('button', { name: 'Pose the question' }).click();
      await page.waitForURL(/done=asked$/);
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(url(), { waitUntil: 'networkidle' });
      expect(await page.locator('#p1 + .passage-tools .passage-question').textContent()).toContain(
        'The editors ask: Do you live in the harbour district?',
      );
      await page
        .locator('#p1 + .passage-tools')
        .getByRole('link', { name: /^Answer/ })
        .click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('comment-body');
      expect(await page.locator('[data-passage-quote-text]').textContent()).toBe('harbour district');
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    },
  );

  it(
    'counts a comment beside its paragraph as soon as it is shown, creating the count; one held for review is not counted',
    { timeout: 60_000 },
    async () => {
      const { context } = await newLoopbackContext(browser);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url(), { waitUntil: 'networkidle' });
      const count = page.locator('#p1 + .passage-tools .passage-count');
      expect(await count.count()).toBe(0);

      // The button beside the paragraph, no words selected: a comment on the whole paragraph.
      await page.locator('#p1 + .passage-tools').getByRole('link', { name: 'Comment on paragraph 1' }).click();
      await fillGuestComment(page, 'Good news for late shifts.', 'Wim Whole');
      await page.locator('#comment-form').getByRole('button', { name: 'Post comment' }).click();
      await page.locator('.comment', { hasText: 'Good news for late shifts.' }).waitFor();
      expect(await count.locator('[aria-hidden=true]').textContent()).toBe('1');
      expect(await count.textContent()).toContain('1 comment on this passage');
      expect(await count.getAttribute('aria-expanded')).toBe('false');
      const stored = await t.deps.db.kysely
        .selectFrom('comments')
        .select(['anchor_exact', 'anchor_suffix'])
        .where('author_name', '=', 'Wim Whole')
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ anchor_exact: '', anchor_suffix: BODY.split('\n\n')[0] });
      // The new count opens the passage's comments in place, like one the page came with.
      await count.click();
      await expect.poll(() => page.locator('#inline-panel-p1').textContent()).toContain('Good news for late shifts.');

      // The real policy holds it: the publisher pre-moderates everything for this one comment.
      const restore = await useModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0, premoderateAll: true });
      try {
        await page.locator('#p1 + .passage-tools').getByRole('link', { name: 'Comment on paragraph 1' }).click();
        await fillGuestComment(page, 'Held until a moderator looks.', 'Hal Held');
        await page.locator('#comment-form').getByRole('button', { name: 'Post comment' }).click();
        await expect.poll(() => page.locator('[data-form-error]').isVisible()).toBe(true);
      } finally {
        await restore();
      }
      expect(await count.locator('[aria-hidden=true]').textContent()).toBe('1');
      expect(await page.locator('#p2 + .passage-tools .passage-count [aria-hidden=true]').textContent()).toBe('1');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
