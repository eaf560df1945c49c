import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renderToString } from 'preact-render-to-string';
import { drainOutbox } from '../../src/platform/outbox.service.js';
import { enqueueMail } from '../../src/platform/outbox.repo.js';
import { sendDueDigests } from '../../src/features/subscriptions/notify.service.js';
import { NotifyOfFields } from '../../src/features/subscriptions/views/NotifyOfFields.js';
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
import { linkIn, startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { approvedComment } from '../helpers/subscriptions.js';

describe.skipIf(!HAS_CHROMIUM)('subscription and mail pages in Chromium', () => {
  let t: BrowserApp;
  let smtp: TestSmtp;
  let browser: Browser;
  let article: { id: number; slug: string };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startBrowserApp('sqlite', { config: { smtpUrl: smtp.url } });
    article = await makeArticle(t.deps.db.kysely, { headline: 'Ferry timetable changes from Monday' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  async function check(page: Page): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  }

  it('walks subscribe → mail → confirm → notification → unsubscribe at phone width, with no axe violations', async () => {
    const { context, foreignRequests } = await newLoopbackContext(browser, { viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${t.baseUrl}/subscriptions/new?article=${article.id}`);
    await check(page);
    await page.getByLabel('Notify me of').selectOption('all');
    await page.getByLabel('Your e-mail').fill('browser@example.test');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL(/\/subscriptions\/sent/);
    await check(page);

    await drainOutbox(t.deps);
    const [confirmation] = await smtp.waitFor(1);
    await page.goto(linkIn(confirmation!.text, `${t.baseUrl}/subscriptions/confirm?token=`));
    await check(page);
    await page.getByRole('button', { name: 'Yes, subscribe me' }).click();
    await page.waitForURL(/\/subscriptions\/manage\?/);
    expect(await page.getByRole('status').textContent()).toContain('confirmed');
    await check(page);

    await approvedComment(t, { articleId: article.id, name: 'Commenter' });
    await sendDueDigests(t.deps);
    await drainOutbox(t.deps);
    const [, notification] = await smtp.waitFor(2);
    await page.goto(linkIn(notification!.text, `${t.baseUrl}/unsubscribe?token=`));
    await check(page);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    await check(page);

    await page.goto(`${t.baseUrl}/subscriptions/manage/link`);
    await check(page);
    expect(foreignRequests).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows the publisher the mail page without axe violations', async () => {
    const publisher = await makeUser(t.deps.db.kysely, { role: 'publisher' });
    await t.deps.db.kysely
      .transaction()
      .execute((trx) =>
        enqueueMail(
          trx,
          { to: 'someone@example.test', subject: 'Waiting', text: 'x', kind: 'test' },
          new Date(Date.now() + 3600_000),
        ),
      );
    const { context } = await newLoopbackContext(browser, { viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signIn(page, t.baseUrl, publisher);
    await page.goto(`${t.baseUrl}/admin/mail`);
    expect(await page.getByRole('heading', { name: 'Mail', exact: true }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('renders the "Notify of" fields of the comment form accessibly', async () => {
    const { context } = await newLoopbackContext(browser, { viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/subscriptions/manage/link`);
    const fields = renderToString(
      <form method="post" action="/comments">
        <NotifyOfFields idPrefix="c1" />
        <button type="submit">Post</button>
      </form>,
    );
    await page.evaluate((html) => {
      document.querySelector('main')!.innerHTML = html;
    }, fields);
    await check(page);
    await page.getByLabel('E-mail me about').check();
    await page.getByLabel('What to e-mail you about').selectOption('all');
    expect(await page.getByRole('group', { name: 'Notify of' }).count()).toBe(1);
    await context.close();
  });
});
