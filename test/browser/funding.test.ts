import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fixedClock } from '../../src/platform/clock.js';
import {
  HAS_CHROMIUM,
  axeViolations,
  launchBrowser,
  newLoopbackContext,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.js';
import { startFakeStripe, type FakeStripe } from '../helpers/fake-stripe.js';
import { makeCampaign, signedInAs } from '../helpers/funding.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { formSession } from '../helpers/forms.js';
import { insertComment, touchDiscussion } from '../../src/features/comments/comment.write.repo.js';
import { checkoutCompleted, deliver, WEBHOOK_SECRET } from '../helpers/stripe-events.js';

describe.skipIf(!HAS_CHROMIUM)('reader funding in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let fake: FakeStripe;

  beforeAll(async () => {
    fake = await startFakeStripe();
    t = await startBrowserApp('sqlite', {
      clock: fixedClock('2026-06-14T12:00:00Z'),
      config: { stripeSecretKey: fake.apiKey, stripeApiBase: fake.url, stripeWebhookSecret: WEBHOOK_SECRET },
    });
    await makeCampaign(t.deps.db.kysely, {
      month: '2026-06',
      goalMinor: 500_000,
      currency: 'USD',
      ticks: [0, 250_000, 500_000],
      message: 'A year of local reporting.',
    });
    await deliver(
      t.app,
      checkoutCompleted({
        at: '2026-06-02T10:00:00Z',
        amount: 100_000,
        currency: 'USD',
        donor: { publicName: 'Ada L.', publicMessage: 'Thank you for the bus story', wall: true },
      }),
    );
    await deliver(t.app, checkoutCompleted({ at: '2026-06-03T10:00:00Z', amount: 12_000, currency: 'USD' }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  const open = async (
    path: string,
    viewport?: { width: number; height: number },
  ): Promise<{ page: Page; close: () => Promise<void>; foreign: string[]; errors: string[] }> => {
    const { context, foreignRequests } = await newLoopbackContext(browser, viewport ? { viewport } : {});
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${t.baseUrl}${path}`, { waitUntil: 'networkidle' });
    return { page, close: () => context.close(), foreign: foreignRequests, errors };
  };

  it('shows the bar with the amount raised, its ticks and its accessible values', async () => {
    const { page, close } = await open('/');
    const bar = page.getByRole('progressbar');
    expect(await bar.getAttribute('aria-valuemin')).toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toBe('500000');
    expect(await bar.getAttribute('aria-valuenow')).toBe('112000');
    expect(await bar.getAttribute('aria-valuetext')).toBe('$1,120 raised of $5,000');
    expect(await page.locator('#goal-label').innerText()).toMatch(/JUNE 2026\s+\$1,120 raised of \$5,000 goal/);
    expect(await page.locator('.goal-ticks li').allTextContents()).toEqual(['$0', '$2,500', '$5,000']);
    const reached = await page.locator('.goal-ticks li.reached').allTextContents();
    expect(reached).toEqual(['$0']);
    const fill = await page
      .locator('.goal-fill')
      .evaluate((el) => el.getBoundingClientRect().width / el.parentElement!.getBoundingClientRect().width);
    expect(fill).toBeGreaterThan(0.21);
    expect(fill).toBeLessThan(0.23);
    const tick = await page.locator('.goal-tick', { hasText: '$2,500' }).evaluate((el) => {
      const track = document.querySelector('.goal-track')!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return (r.left + r.width / 2 - track.left) / track.width;
    });
    expect(tick).toBeGreaterThan(0.48);
    expect(tick).toBeLessThan(0.52);
    await close();
  });

  for (const [name, path] of [
    ['donation page', '/donate'],
    ['ledger', '/ledger'],
    ['thank-you page', '/donate/thanks?session_id=cs_test_x'],
    ['manage page', '/donate/manage'],
  ] as const) {
    it(`finds no axe violations on the ${name}, with no request beyond 127.0.0.1`, async () => {
      const { page, close, foreign, errors } = await open(path);
      expect(errors).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      expect(foreign).toEqual([]);
      await close();
    });
  }

  it('finds no axe violations on the donation form showing errors, and focuses the error summary', async () => {
    const { page, close } = await open('/donate');
    await page.getByLabel('Other amount in USD').fill('0.10');
    await expect.poll(() => page.locator('input[name="amount"][value="custom"]').isChecked()).toBe(true);
    await page.getByLabel('E-mail for your receipt').fill('reader@example.net');
    await page.getByLabel('Name to show').fill('Ada');
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('#form-errors').getAttribute('data-error-code')).toBe('DONATION_AMOUNT_INVALID');
    expect(await page.locator('#form-errors').innerText()).toContain('Gifts are between $1 and $10,000.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('form-errors');
    expect(await axeViolations(page)).toEqual([]);
    await close();
  }, 60_000);

  it('sends the donor to Stripe Checkout with the chosen gift', async () => {
    const { page, close } = await open('/donate');
    await page.getByLabel('Every month').check();
    await page.getByLabel('$25').check();
    await page.getByLabel('E-mail for your receipt').fill('reader@example.net');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${t.baseUrl}/donate` && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Continue to payment' }).click(),
    ]);
    expect(response.status()).toBe(303);
    expect(response.headers().location).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    expect(fake.requests.at(-1)!.body).toMatchObject({
      mode: 'subscription',
      line_items: [{ price_data: { unit_amount: '2500', currency: 'usd' } }],
    });
    await close();
  }, 60_000);

  it('reads well at 360 px: donation form and ledger do not scroll sideways', async () => {
    for (const path of ['/donate', '/ledger']) {
      const { page, close } = await open(path, { width: 360, height: 740 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      await close();
    }
  });

  it('finds no axe violations on the funding admin pages', async () => {
    const s = await signedInAs(t, 'publisher');
    const session = s.cookies.get('bs_session')!;
    for (const path of [
      '/admin/campaigns',
      '/admin/campaigns/new',
      '/admin/donations',
      '/admin/donations/new',
      '/admin/donations/webhooks',
    ]) {
      const { context } = await newLoopbackContext(browser);
      await context.addCookies([{ name: 'bs_session', value: session, url: t.baseUrl }]);
      const page = await context.newPage();
      await page.goto(`${t.baseUrl}${path}`, { waitUntil: 'networkidle' });
      expect(await axeViolations(page), path).toEqual([]);
      await context.close();
    }
  }, 120_000);

  it('finds no axe violations on a comment with the Supporter badge and on /supporter, which fit 360 px', async () => {
    const db = t.deps.db.kysely;
    const reader = await makeUser(db, { email: 'badge-reader@example.net', name: 'Bea Supporter' });
    await deliver(
      t.app,
      checkoutCompleted({
        at: '2026-06-04T10:00:00Z',
        amount: 2_000,
        currency: 'USD',
        email: reader.email,
        donor: { badge: true },
      }),
    );
    const { id: articleId, slug } = await makeArticle(db);
    const at = new Date('2026-06-14T11:00:00Z').toISOString();
    await insertComment(db, {
      articleId,
      parentId: null,
      threadId: null,
      depth: 0,
      replyToName: null,
      authorUserId: reader.id,
      authorName: 'Bea Supporter',
      authorEmail: null,
      ipHash: null,
      bodyHtml: '<p>Glad to chip in.</p>',
      status: 'approved',
      editTokenHash: null,
      createdAt: at,
    });
    await touchDiscussion(db, articleId);
    const s = await formSession(t.app, '/login');
    await s.post('/login', { email: reader.email, password: reader.password });
    for (const [path, signedIn] of [
      [`/articles/${slug}`, false],
      ['/supporter', true],
      ['/supporter', false],
    ] as const) {
      for (const viewport of [undefined, { width: 360, height: 740 }]) {
        const { context } = await newLoopbackContext(browser, viewport ? { viewport } : {});
        if (signedIn)
          await context.addCookies([{ name: 'bs_session', value: s.cookies.get('bs_session')!, url: t.baseUrl }]);
        const page = await context.newPage();
        await page.goto(`${t.baseUrl}${path}`, { waitUntil: 'networkidle' });
        if (path !== '/supporter' || signedIn)
          expect(await page.locator('.badge-supporter').first().isVisible(), path).toBe(true);
        if (viewport)
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
            path,
          ).toBeLessThanOrEqual(0);
        else expect(await axeViolations(page), `${path} signed in: ${signedIn}`).toEqual([]);
        await context.close();
      }
    }
  }, 120_000);
});
