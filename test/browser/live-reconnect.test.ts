/**
 * Issue 15, live streams that do not lose events, in Chromium: when the server drops an article page's stream,
 * the browser's EventSource reconnects by itself with `Last-Event-ID`, and a comment posted while it was away
 * arrives on the page from the replay; no "comments may have been missed" note, nothing else disturbed.
 */
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../src/features/demo/demo.seed.js';
import {
  HAS_CHROMIUM,
  launchBrowser,
  newLoopbackContext,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.js';
import { setDiscussionSettings, setModerationSettings } from '../helpers/discussion.js';
import { formSession } from '../helpers/forms.js';

describe.skipIf(!HAS_CHROMIUM)('a live stream reconnecting in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let slug = '';
  /** The Last-Event-ID of each `GET /live` the page made ('' for none). */
  const liveRequests: string[] = [];

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    ({ featuredSlug: slug } = await seedDemo(t.deps, { comments: 5, avifInBackground: false }));
    await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100, voteLimit: 1000 });
    await setModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
    t.app.server.prependListener('request', (req: IncomingMessage) => {
      if (req.url?.startsWith('/live?')) liveRequests.push(String(req.headers['last-event-id'] ?? ''));
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const post = async (body: string): Promise<number> => {
    const s = await formSession(t.app, `/articles/${slug}`);
    const res = await s.json('POST', `/api/articles/${slug}/comments`, {
      body,
      name: 'Away Writer',
      email: 'away@example.test',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };

  it('replays what was posted while the stream was down', { timeout: 60_000 }, async () => {
    const { context, foreignRequests } = await newLoopbackContext(browser);
    const reader = await context.newPage();
    const errors: string[] = [];
    reader.on('pageerror', (e) => errors.push(e.message));
    await reader.goto(`${t.baseUrl}/articles/${slug}`, { waitUntil: 'networkidle' });
    // Posted until the page shows one: then its stream is open and it has an id to reconnect from.
    let shown = '';
    await expect
      .poll(
        async () => {
          if (liveRequests.length > 0 && !shown) shown = String(await post('Heard live'));
          return shown ? reader.locator(`li.comment[data-comment-id="${shown}"]`).count() : 0;
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(liveRequests).toEqual(['']);

    // The server drops every connection; the comment is posted before the browser comes back (retry: 5 s).
    t.app.server.closeAllConnections();
    const missed = await post('Posted while the stream was down');
    await reader.locator(`li.comment[data-comment-id="${missed}"]`).waitFor({ timeout: 20_000 });
    expect(liveRequests.length).toBeGreaterThanOrEqual(2);
    expect(Number(liveRequests[1])).toBeGreaterThan(0);
    expect(await reader.locator(`li.comment[data-comment-id="${missed}"]`).count()).toBe(1);
    expect(await reader.locator('[data-live-resync]').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});
