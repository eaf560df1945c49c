import http from 'node:http';
import type { AddressInfo } from 'node:net';
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
  fillGuestComment,
} from '../helpers/browser.js';
import { setDiscussionSettings, setModerationSettings } from '../helpers/discussion.js';
import { makeUser } from '../helpers/factories.js';
import { moderateComments } from '../../src/features/comments/moderation/moderation.service.js';
import { updateEmbedSettings } from '../../src/features/comments/embed-settings.js';

describe.skipIf(!HAS_CHROMIUM)('the discussion in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let slug = '';
  const url = () => `${t.baseUrl}/articles/${slug}`;

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    ({ featuredSlug: slug } = await seedDemo(t.deps, { comments: 90, avifInBackground: false }));
    await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100, voteLimit: 1000 });
    // The real moderation policy, set so these comments are approved: no hold for a first comment.
    await setModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets a guest comment, reply and vote with JavaScript off', { timeout: 90_000 }, async () => {
    const { context, foreignRequests } = await newLoopbackContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url());
    await fillGuestComment(page, 'Posted **without** scripts', 'Nora Nojs');
    await page.locator('#comment-form').getByRole('button', { name: 'Post comment' }).click();
    await page.waitForURL(/#comment-\d+$/);
    const id = /#comment-(\d+)$/.exec(page.url())![1]!;
    const mine = page.locator(`#comment-${id}`);
    await expect(mine.locator('.comment-text strong').textContent()).resolves.toBe('without');
    expect(await page.locator('#your-comments').textContent()).toContain('edit or delete it');

    // Reply to a thread through the plain link, then find the reply nested under it.
    const first = page.locator('.comment-list > li.comment').nth(1);
    const parentId = await first.getAttribute('data-comment-id');
    await first.locator(':scope > .comment-body .reply-link').click();
    await page.waitForURL(new RegExp(`\\?reply=${parentId}#comment-form$`));
    expect(await page.locator('#comment-form-heading').textContent()).toMatch(/^Reply to /);
    await fillGuestComment(page, 'A reply without scripts', 'Nora Nojs');
    await page.locator('#comment-form').getByRole('button', { name: 'Post reply' }).click();
    await page.waitForURL(/#comment-\d+$/);
    const replyId = /#comment-(\d+)$/.exec(page.url())![1]!;
    expect(await page.locator(`#comment-${parentId} > ol.replies > #comment-${replyId}`).count()).toBe(1);

    // A vote is a button of the one actions form: it posts and comes back to the comment.
    const score = page.locator(`[data-score-for="${parentId}"]`);
    const before = Number((await score.textContent())!.replace(/[^\d-]/g, ''));
    await page.locator(`#comment-${parentId} > .comment-body .vote-up`).click();
    await page.waitForURL(new RegExp(`#comment-${parentId}$`));
    expect(Number((await page.locator(`[data-score-for="${parentId}"]`).textContent())!.replace(/[^\d-]/g, ''))).toBe(
      before + 1,
    );
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it(
    'posts, replies, votes and loads more in place with JavaScript on, and axe finds nothing',
    { timeout: 120_000 },
    async () => {
      const { context, foreignRequests } = await newLoopbackContext(browser);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url(), { waitUntil: 'networkidle' });
      const navigations: string[] = [];
      page.on('framenavigated', (f) => {
        if (f === page.mainFrame()) navigations.push(f.url());
      });

      await fillGuestComment(page, 'Posted *in place*', 'Jules Script');
      await page.locator('#comment-form').getByRole('button', { name: 'Post comment' }).click();
      const created = page.locator('.comment-list > li.comment.is-new').first();
      await created.waitFor();
      expect(await created.locator('.comment-text em').textContent()).toBe('in place');
      expect(await page.locator('#comment-body').inputValue()).toBe('');
      expect(await created.locator('.own-link').textContent()).toBe('Edit or delete');

      // Not the thread the script-less reader voted on: every browser here is a guest on 127.0.0.1, and an
      // address gets one guest vote per comment.
      const target = page.locator('.comment-list > li.comment').nth(3);
      const targetId = (await target.getAttribute('data-comment-id'))!;
      await target.locator(':scope > .comment-body .reply-link').click();
      expect(await page.locator(`#comment-${targetId} > #comment-form`).count()).toBe(1);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment-body');
      await page.locator('#comment-body').fill('Replying in place');
      await page.locator('#comment-form').getByRole('button', { name: 'Post reply' }).click();
      await page.locator(`#comment-${targetId} > ol.replies > li.is-new`).waitFor();
      expect(await page.locator('.discussion > #comment-form').count()).toBe(1);

      const up = page.locator(`#comment-${targetId} > .comment-body .vote-up`);
      const score = page.locator(`[data-score-for="${targetId}"]`);
      const before = Number((await score.textContent())!.replace(/[^\d-]/g, ''));
      await up.click();
      await page.waitForFunction(
        (id) =>
          document.querySelector(`#comment-${id} > .comment-body .vote-up`)?.getAttribute('aria-pressed') === 'true',
        targetId,
      );
      expect(Number((await score.textContent())!.replace(/[^\d-]/g, ''))).toBe(before + 1);

      const threads = () => page.locator('.comment-list > li.comment').count();
      const shown = await threads();
      await page.getByRole('link', { name: 'Load more comments' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('.comment-list > li.comment').length > n, shown);
      expect(await threads()).toBeGreaterThan(shown);
      expect(navigations).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await context.close();
    },
  );

  // axe-core needs scripting, so the pages a reader without JavaScript reaches are checked here with it on.
  it(
    'finds no axe violations on the reply form, a refused comment and the edit page',
    { timeout: 180_000 },
    async () => {
      const { context } = await newLoopbackContext(browser);
      const page = await context.newPage();
      const small = `${t.baseUrl}/articles/the-harbour-redevelopment-needs-a-second-look`;
      await page.goto(small);
      const id = await page.locator('.comment-list > li.comment').first().getAttribute('data-comment-id');
      await page.goto(`${small}?reply=${id}#comment-form`);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('#comment-body').fill('Missing my name');
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('[required]')) el.removeAttribute('required');
      });
      await page.evaluate(() => {
        (document.getElementById('comment-email') as HTMLInputElement).type = 'text';
      });
      await page.locator('#comment-form').evaluate((f) => {
        f.replaceWith(f.cloneNode(true));
      });
      await page.locator('#comment-form button[type=submit]').click();
      await page.waitForURL(/\/comments$/);
      expect(await page.locator('[role=alert]').first().textContent()).toBe('Please check the highlighted fields.');
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(small);
      await fillGuestComment(page, 'To be edited', 'Edda Editor');
      await page.locator('#comment-form').getByRole('button', { name: 'Post comment' }).click();
      await page.locator('li.is-new .own-link').click();
      await page.waitForURL(/\/edit$/);
      expect(await page.locator('#edit-body').inputValue()).toBe('To be edited');
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    },
  );

  it('sorts by oldest and most voted', async () => {
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    await page.goto(url());
    const times = async () =>
      page
        .locator('.comment-list > li.comment > .comment-body time')
        .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
    const newest = await times();
    expect([...newest].sort().reverse()).toEqual(newest);
    await page.getByRole('navigation', { name: 'Sort comments' }).getByRole('link', { name: 'Oldest' }).click();
    await page.waitForURL(/sort=oldest/);
    const oldest = await times();
    expect([...oldest].sort()).toEqual(oldest);
    await page.getByRole('navigation', { name: 'Sort comments' }).getByRole('link', { name: 'Most Voted' }).click();
    await page.waitForURL(/sort=votes/);
    const scores = await page
      .locator('.comment-list > li.comment > .comment-body .score')
      .evaluateAll((els) => els.map((e) => Number(e.lastChild!.textContent)));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(await page.locator('[aria-current="true"]').textContent()).toBe('Most Voted');
    await context.close();
  });

  it('shows a comment posted by another reader live, announced politely without moving focus, and live scores and goal', async () => {
    const watcher = await newLoopbackContext(browser);
    const writer = await newLoopbackContext(browser);
    const reader = await watcher.context.newPage();
    await reader.goto(url(), { waitUntil: 'networkidle' });
    await reader.locator('#comment-body').focus();
    await reader.waitForTimeout(1500); // live.js connects a second after load
    const other = await writer.context.newPage();
    await other.goto(url());
    await fillGuestComment(other, 'Hello from another browser', 'Live Writer');
    await other.locator('#comment-form').getByRole('button', { name: 'Post comment' }).click();
    const arrived = reader.locator('li.comment.is-new', { hasText: 'Hello from another browser' });
    await arrived.waitFor({ timeout: 10_000 });
    await reader.waitForFunction(
      () => document.querySelector('[data-live-status]')?.textContent === 'New comment by Live Writer.',
    );
    expect(await reader.evaluate(() => document.activeElement?.id)).toBe('comment-body');
    const id = (await arrived.getAttribute('data-comment-id'))!;
    const voter = await newLoopbackContext(browser);
    const vp = await voter.context.newPage();
    await vp.goto(url());
    await vp.locator(`#comment-${id} > .comment-body .vote-up`).click();
    await reader.waitForFunction(
      (cid) => /\+1$/.test(document.querySelector(`[data-score-for="${cid}"]`)?.textContent ?? ''),
      id,
    );

    await t.deps.bus.publish({
      topic: 'goal',
      type: 'goal.update',
      data: {
        month: await reader.locator('[data-goal-month]').getAttribute('data-goal-month'),
        raisedMinor: 250_000,
        goalMinor: 500_000,
        currency: 'USD',
        raisedText: '$2,500',
        percent: 50,
        goalText: '$5,000',
        ticks: [
          { at: 0, text: '$0', reached: true },
          { at: 50, text: '$2,500', reached: true },
          { at: 100, text: '$5,000', reached: false },
        ],
      },
    });
    await reader.waitForFunction(
      () => document.querySelector('[data-goal-bar]')?.getAttribute('aria-valuenow') === '250000',
    );
    expect(await reader.locator('[data-goal-raised]').textContent()).toBe('$2,500');
    expect(await reader.locator('.goal-fill').getAttribute('class')).toMatch(/\bw-50\b/);
    expect(await reader.locator('[data-goal-bar]').getAttribute('aria-valuetext')).toBe('$2,500 raised of $5,000');
    expect(await reader.locator('.goal-tick.reached').allTextContents()).toEqual(['$0', '$2,500']);
    // A goal raised by the publisher reaches open pages too: the visible text and the accessible value agree.
    await t.deps.bus.publish({
      topic: 'goal',
      type: 'goal.update',
      data: {
        month: await reader.locator('[data-goal-month]').getAttribute('data-goal-month'),
        raisedMinor: 250_000,
        goalMinor: 1_000_000,
        currency: 'USD',
        raisedText: '$2,500',
        percent: 25,
        goalText: '$10,000',
        ticks: [
          { at: 0, text: '$0', reached: true },
          { at: 100, text: '$10,000', reached: false },
        ],
      },
    });
    await reader.waitForFunction(() => document.querySelector('[data-goal-goal]')?.textContent === '$10,000');
    expect(await reader.locator('[data-goal-bar]').getAttribute('aria-valuetext')).toBe('$2,500 raised of $10,000');
    expect(await reader.locator('.goal-tick').allTextContents()).toEqual(['$0', '$10,000']);
    for (const c of [watcher, writer, voter]) await c.context.close();
  });

  // A longer featured article (the demo's) makes axe and the reload slower on a busy machine.
  it(
    'after live events may have been missed, reads the goal afresh and offers to load the latest comments',
    { timeout: 90_000 },
    async () => {
      const { context } = await newLoopbackContext(browser);
      const reader = await context.newPage();
      await reader.goto(url(), { waitUntil: 'networkidle' });
      const month = (await reader.locator('[data-goal-month]').getAttribute('data-goal-month'))!;
      const topic = (await reader.locator('[data-live-topic]').first().getAttribute('data-live-topic'))!;
      // Gifts counted while the page was not listening: only a fresh read shows them.
      const before = await t.deps.db.kysely
        .selectFrom('campaigns')
        .select(['raised_minor'])
        .where('month', '=', month)
        .executeTakeFirstOrThrow();
      await t.deps.db.kysely
        .updateTable('campaigns')
        .set({ raised_minor: before.raised_minor + 12_345 })
        .where('month', '=', month)
        .execute();
      const want = String(before.raised_minor + 12_345);
      // Sent until the page hears it (its stream opens a second after load).
      const resync = (name: string) => t.deps.bus.publish({ topic: name, type: 'resync', data: {} });
      await expect
        .poll(
          async () => {
            await resync('goal');
            return reader.locator('[data-goal-bar]').getAttribute('aria-valuenow');
          },
          { timeout: 10_000 },
        )
        .toBe(want);
      await expect
        .poll(
          async () => {
            await resync(topic);
            return reader.locator('[data-live-resync]').count();
          },
          { timeout: 10_000 },
        )
        .toBe(1);
      const note = reader.locator('[data-live-resync]');
      expect(await note.textContent()).toContain('Live updates were interrupted');
      await reader.waitForFunction(() =>
        /interrupted/.test(document.querySelector('[data-live-status]')?.textContent ?? ''),
      );
      expect(await axeViolations(reader)).toEqual([]);
      await Promise.all([
        reader.waitForEvent('load'),
        note.getByRole('link', { name: 'Load the latest comments' }).click(),
      ]);
      expect(await reader.locator('[data-live-resync]').count()).toBe(0);
      await t.deps.db.kysely
        .updateTable('campaigns')
        .set({ raised_minor: before.raised_minor })
        .where('month', '=', month)
        .execute();
      await context.close();
    },
  );

  it(
    'swaps a removed top-level comment for its placeholder live, replies kept, and back when it is approved again',
    { timeout: 60_000 },
    async () => {
      const { context } = await newLoopbackContext(browser);
      const reader = await context.newPage();
      await reader.goto(url(), { waitUntil: 'networkidle' });
      await reader.waitForTimeout(1500); // live.js connects a second after load
      const root = (await reader
        .locator('.comment-list > li.comment:has(> ol.replies > li.comment)')
        .first()
        .getAttribute('data-comment-id'))!;
      const count = async () => Number(await reader.locator('[data-comment-count]').textContent());
      const before = await count();
      const moderatorId = (await makeUser(t.deps.db.kysely, { role: 'moderator' })).id;
      const act = (action: 'trash' | 'approve') =>
        moderateComments(t.deps, { actorId: moderatorId, action, ids: [Number(root)], now: new Date() });
      await act('trash');
      await reader.waitForSelector(`#comment-${root} > .comment-removed`);
      expect(await reader.locator(`#comment-${root} > .comment-removed`).textContent()).toBe(
        'This comment was removed.',
      );
      expect(await reader.locator(`#comment-${root} > ol.replies > li.comment`).count()).toBeGreaterThan(0);
      expect(await count()).toBe(before - 1);
      await act('approve');
      await reader.waitForSelector(`#comment-${root} > .comment-body .vote-up`);
      expect(await count()).toBe(before);
      await context.close();
    },
  );

  it('keeps the discussion readable at 360 px', async () => {
    const { context } = await newLoopbackContext(browser, { viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${url()}?comments=all#comments`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('lets a guest post and vote inside an embed on another site’s page', { timeout: 120_000 }, async () => {
    // The host page is another site (localhost, not 127.0.0.1): the frame is third-party, and gets no cookie of ours.
    const host = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>A partner site</title></head><body><main><h1>Partner story</h1>
        <script src="${t.baseUrl}/embed.js" data-article="${slug}"></script></main></body></html>`);
    });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', () => r()));
    const hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`;
    // The publisher allows this one partner site (the embed's pages name it in frame-ancestors).
    await updateEmbedSettings(t.deps.db.kysely, { origins: [new URL(hostUrl).origin] }, null, new Date());
    const { context } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(hostUrl);
      const frame = page.frameLocator('iframe[title="Discussion"]');
      await frame.locator('.comment-list > li.comment').first().waitFor();
      await page.waitForFunction(() => (document.querySelector('iframe')?.getBoundingClientRect().height ?? 0) > 600);
      expect(await frame.locator('h1').textContent()).toContain('Discussion of');

      // A guest comments inside the frame.
      await frame.getByLabel('Your comment').fill('Posted from the partner’s page.');
      await frame.getByLabel('Name', { exact: true }).fill('Partner Reader');
      await frame.getByLabel('E-mail', { exact: true }).fill('partner.reader@example.test');
      await frame.getByRole('button', { name: 'Post comment' }).click();
      await frame.locator('.comment-text', { hasText: 'Posted from the partner’s page.' }).waitFor();
      expect(await page.evaluate(() => location.href)).toBe(hostUrl);
      const src = new URL(
        page
          .frames()
          .find((f) => f.url().includes('/embed/articles/'))!
          .url(),
      ).pathname;
      const token = src.split('/').pop()!;
      // The host page keeps the frame's token in its own storage (it has no cookie of ours to keep).
      await expect.poll(() => page.evaluate(() => Object.values(localStorage).join(' '))).toContain(token);

      // The guest votes on another comment inside the frame: counted once, and marked as theirs.
      const other = frame
        .locator('.comment-list > li.comment:not(:has-text("Posted from the partner’s page."))')
        .first();
      const otherId = (await other.getAttribute('id'))!.replace('comment-', '');
      const before = Number(
        await other
          .locator('> .comment-body .score')
          .first()
          .innerText()
          .then((s) => s.replace(/\D+/g, '')),
      );
      await other.locator('> .comment-body .vote-up').click();
      const voted = frame.locator(`#comment-${otherId} > .comment-body .vote-up`);
      await expect.poll(() => voted.getAttribute('aria-pressed')).toBe('true');
      const votes = await t.deps.db.kysely
        .selectFrom('votes')
        .select('value')
        .where('comment_id', '=', Number(otherId))
        .execute();
      expect(votes.length).toBeGreaterThan(0);
      const after = Number((await frame.locator(`[data-score-for="${otherId}"]`).innerText()).replace(/\D+/g, ''));
      expect(after).toBe(before + 1);

      // Back later: the host page opens the frame with the guest's token, and the vote is still theirs.
      await page.reload();
      const again = page.frameLocator('iframe[title="Discussion"]');
      await again.locator(`#comment-${otherId}`).waitFor();
      expect(await page.locator('iframe').getAttribute('src')).toContain(token);
      await expect
        .poll(() => again.locator(`#comment-${otherId} > .comment-body .vote-up`).getAttribute('aria-pressed'))
        .toBe('true');

      // Reporting happens inside the frame too.
      await again.locator(`#comment-${otherId} > .comment-body .report-link`).click();
      await again.getByRole('heading', { name: 'Report a comment' }).waitFor();
      await again.getByLabel('Spam or advertising').check();
      await again.getByRole('button', { name: 'Send report' }).click();
      await again.getByRole('status').waitFor();
      expect(await page.evaluate(() => location.href)).toBe(hostUrl);
      const reports = await t.deps.db.kysely
        .selectFrom('reports')
        .select('reason')
        .where('comment_id', '=', Number(otherId))
        .execute();
      expect(reports.map((r) => r.reason)).toContain('spam');
      await again.getByRole('link', { name: /Back to/ }).click();
      await again.locator(`#comment-${otherId}`).waitFor();
      expect(errors).toEqual([]);
      const embedded = await context.newPage();
      await embedded.goto(`${t.baseUrl}/embed/articles/${slug}/comments/${token}`);
      expect(await axeViolations(embedded)).toEqual([]);

      // A site the publisher does not list cannot show it: the browser refuses the frame.
      await updateEmbedSettings(t.deps.db.kysely, { origins: ['https://elsewhere.example'] }, null, new Date());
      const refusals: string[] = [];
      page.on('console', (m) => {
        if (m.text().includes('frame-ancestors')) refusals.push(m.text());
      });
      await page.reload();
      await expect.poll(() => refusals.length, { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await page.frameLocator('iframe[title="Discussion"]').locator('.discussion').count()).toBe(0);
    } finally {
      await updateEmbedSettings(t.deps.db.kysely, { origins: [] }, null, new Date());
      await context.close();
      await new Promise((r) => host.close(r));
    }
  });
});
