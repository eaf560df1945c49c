/** The moderation pages in real Chromium: keyboard triage of the queue, live announcements, axe-core on every page. */
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
import { makeArticle, makeUser } from '../helpers/factories.js';
import { addComment, statusOf } from '../helpers/moderation.js';
import { insertReport } from '../../src/features/comments/moderation/report.repo.js';

describe.skipIf(!HAS_CHROMIUM)('moderation pages in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let ids: number[] = [];
  let reported = 0;
  let moderator: { email: string; password: string };
  let publisher: { email: string; password: string };
  const db = () => t.deps.db.kysely;

  const activeId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? null);

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    const article = await makeArticle(db(), { headline: 'Harbour redevelopment plan' });
    moderator = await makeUser(db(), { role: 'moderator', name: 'Mia Moderator' });
    publisher = await makeUser(db(), { role: 'publisher', name: 'Paul Publisher' });
    const base = Date.now() - 3600_000;
    for (const [i, name] of ['Ada', 'Ben', 'Cleo', 'Dev', 'Eve'].entries()) {
      ids.push(
        await addComment(db(), {
          articleId: article.id,
          authorName: name,
          text: `Comment from ${name}, with a <em>view</em>.`,
          reason: 'new commenter (0 of 1 approved)',
          createdAt: new Date(base + i * 60_000).toISOString(),
        }),
      );
    }
    ids = ids.reverse(); // the queue shows newest first
    reported = await addComment(db(), { articleId: article.id, status: 'approved', authorName: 'Rex' });
    await insertReport(db(), {
      commentId: reported,
      reporterKey: 'g:a',
      reason: 'abuse',
      note: 'Rude',
      createdAt: new Date().toISOString(),
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('triages the queue with j/k and a/s/t/r, announcing each result, without reloading', async () => {
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, t.baseUrl, moderator);
    await page.goto(`${t.baseUrl}/admin/moderation`);
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    const live = page.locator('#mod-live');

    await page.locator('.mod-item').first().focus();
    expect(await activeId(page)).toBe(String(ids[0]));
    await page.keyboard.press('j');
    expect(await activeId(page)).toBe(String(ids[1]));
    await page.keyboard.press('k');
    expect(await activeId(page)).toBe(String(ids[0]));

    await page.keyboard.press('a');
    await expect.poll(() => live.textContent()).toBe('Comment by Eve approved.');
    expect(await activeId(page)).toBe(String(ids[1]));
    expect(await page.locator(`#mod-${ids[0]} [data-status-label]`).textContent()).toBe('Approved');
    expect(await statusOf(db(), ids[0]!)).toBe('approved');

    await page.keyboard.press('s');
    await expect.poll(() => live.textContent()).toBe('Comment by Dev marked as spam.');
    await page.keyboard.press('t');
    await expect.poll(() => live.textContent()).toBe('Comment by Cleo moved to the trash.');
    expect(await activeId(page)).toBe(String(ids[3]));
    await page.keyboard.press('k');
    await page.keyboard.press('r');
    await expect.poll(() => live.textContent()).toBe('Comment by Cleo sent back to pending.');
    expect([await statusOf(db(), ids[1]!), await statusOf(db(), ids[2]!)]).toEqual(['spam', 'pending']);

    // x selects the focused comment; the bulk button acts on the selection in place.
    await page.locator(`#mod-${ids[3]}`).focus();
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await expect.poll(() => live.textContent()).toBe('Selected the comment by Ada.');
    await page.locator('.mod-bulk').getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => live.textContent()).toBe('2 comments approved.');
    expect([await statusOf(db(), ids[3]!), await statusOf(db(), ids[4]!)]).toEqual(['approved', 'approved']);

    // A per-comment button acts in place too.
    await page.locator(`#mod-${ids[2]}`).getByRole('button', { name: 'Trash the comment by Cleo' }).click();
    await expect.poll(() => live.textContent()).toBe('Comment by Cleo moved to the trash.');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('ignores the shortcut keys while typing in a filter', async () => {
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await signIn(page, t.baseUrl, moderator);
    await page.goto(`${t.baseUrl}/admin/moderation?status=all`);
    await page.getByLabel('Commenter name or #account').fill('a');
    await page.getByLabel('Commenter name or #account').press('a');
    expect(await page.locator('#mod-live').textContent()).toBe('');
    await context.close();
  });

  const pages: Array<[string, () => string, 'moderator' | 'publisher']> = [
    ['queue', () => '/admin/moderation?status=all', 'moderator'],
    ['reported queue', () => '/admin/moderation?status=reported', 'moderator'],
    ['ban form', () => `/admin/moderation/comments/${ids[0]}/ban`, 'moderator'],
    ['bans page', () => '/admin/moderation/bans', 'moderator'],
    ['audit log', () => '/admin/audit', 'moderator'],
    ['rules page', () => '/admin/moderation/settings', 'publisher'],
    ['audit log (publisher)', () => '/admin/audit', 'publisher'],
    ['report form', () => `/comments/${reported}/report`, 'moderator'],
  ];
  for (const [name, path, role] of pages) {
    it(`shows the ${name} with no axe violations, readable at 360px`, async () => {
      const { context, foreignRequests } = await newLoopbackContext(browser, { viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await signIn(page, t.baseUrl, role === 'publisher' ? publisher : moderator);
      const res = await page.goto(`${t.baseUrl}${path()}`, { waitUntil: 'networkidle' });
      expect(res?.status()).toBe(200);
      expect(await axeViolations(page)).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(foreignRequests).toEqual([]);
      await context.close();
    });
  }
});
