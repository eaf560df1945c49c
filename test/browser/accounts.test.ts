import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  HAS_CHROMIUM,
  axeViolations,
  launchBrowser,
  newLoopbackContext,
  openCommentForm,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.js';
import { makeArticle } from '../helpers/factories.js';
import { setCommentStatus, touchDiscussion } from '../../src/features/comments/comment.write.repo.js';

describe.skipIf(!HAS_CHROMIUM)('a reader’s own account in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let slug = '';

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    slug = (await makeArticle(t.deps.db.kysely, { headline: 'Library hours extended' })).slug;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function expectClean(page: Page, what: string, phone: boolean) {
    if (!phone) expect(await axeViolations(page), what).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${what} overflows sideways`).toBeLessThanOrEqual(0);
  }

  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 360, height: 780 },
  ]) {
    const phone = viewport.width < 400;
    it(`signs up from the comment form, confirms by mail, comments as the account and deletes it${phone ? ' on a phone' : ', with no axe violations'}`, async () => {
      const { context, foreignRequests } = await newLoopbackContext(browser, { viewport });
      const page = await context.newPage();
      const email = `reader-${viewport.width}@example.test`;
      await page.goto(`${t.baseUrl}/articles/${slug}`);
      await openCommentForm(page);
      await page.locator('#comment-form').getByRole('link', { name: 'create one' }).click();
      await page.waitForURL(/\/signup\?/);
      await expectClean(page, 'the sign-up form', phone);
      await page.getByLabel(/^Name/).fill('Libby Reader');
      await page.getByLabel(/^E-mail/).fill(email);
      await page.getByRole('button', { name: 'Create the account' }).click();
      await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
      await expectClean(page, 'the sign-up confirmation', phone);

      const mail = await t.deps.db.kysely
        .selectFrom('outbox')
        .select('text_body')
        .where('to_address', '=', email)
        .executeTakeFirstOrThrow();
      const link = /https?:\/\/\S+\/password\/reset\?token=\S+/.exec(mail.text_body)![0];
      await page.goto(link.replace(/^https?:\/\/[^/]+/, t.baseUrl));
      await expectClean(page, 'the choose-a-password page', phone);
      await page.getByLabel(/^New password/).fill('reading room lamp');
      await page.getByLabel(/^Repeat the new password/).fill('reading room lamp');
      await page.getByRole('button', { name: 'Save the password' }).click();
      await page.waitForURL(new RegExp(`/articles/${slug}`));
      expect(await page.locator('.commenting-as').textContent()).toContain('Libby Reader');
      await page.locator('#comment-body').fill(`Longer hours help students (${viewport.width}).`);
      await page.getByRole('button', { name: 'Post comment' }).click();
      // A first comment waits for a moderator; approve it as one would.
      await page.getByText('Your comment is awaiting moderation').waitFor();
      const row = await t.deps.db.kysely
        .selectFrom('comments')
        .select(['id', 'article_id', 'author_user_id'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(row.author_user_id).not.toBeNull();
      await setCommentStatus(t.deps.db.kysely, row.id, 'approved', new Date().toISOString());
      await touchDiscussion(t.deps.db.kysely, row.article_id);
      await page.reload();
      expect(await page.locator(`#comment-${row.id} .comment-author`).textContent()).toBe('Libby Reader');

      await page.getByRole('link', { name: /Your account/ }).click();
      await page.waitForURL(`${t.baseUrl}/account`);
      await expectClean(page, 'the account page', phone);
      await page.getByLabel(/^Your password, to confirm/).fill('not my password');
      await page.getByRole('button', { name: 'Delete my account' }).click();
      expect(await page.getByRole('alert').textContent()).toContain('password is not right');
      await expectClean(page, 'the account page showing an error', phone);
      await page.getByLabel(/^Your password, to confirm/).fill('reading room lamp');
      await page.getByRole('button', { name: 'Delete my account' }).click();
      await page.getByRole('heading', { name: 'Your account is deleted' }).waitFor();
      await expectClean(page, 'the goodbye page', phone);
      expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBeGreaterThan(0);
      await page.goto(`${t.baseUrl}/articles/${slug}`);
      expect(await page.locator(`#comment-${row.id} .comment-author`).textContent()).toBe('Former reader');
      expect(await page.locator(`#comment-${row.id} .comment-text`).textContent()).toContain(
        `Longer hours help students (${viewport.width}).`,
      );
      expect(foreignRequests).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
