/**
 * Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, against the real app listening
 * on 127.0.0.1. Tests skip with a message when Chromium is missing, except in CI, where they fail.
 */
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import type { DialectName } from '../../src/db/dialect.js';
import { createTestApp, type TestApp, type TestAppOptions } from './build-test-app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM);

if (!HAS_CHROMIUM && process.env.CI === 'true')
  throw new Error(`CI=true but Chromium is missing at ${CHROMIUM}: browser tests must not be skipped in CI.`);
if (!HAS_CHROMIUM)
  console.warn(
    `[broadsheet tests] Chromium not found at ${CHROMIUM}: browser tests are skipped (apt-get install chromium).`,
  );

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface BrowserApp extends TestApp {
  baseUrl: string;
}

/** The real app on a real port of 127.0.0.1. */
export async function startBrowserApp(dialect: DialectName, opts: TestAppOptions = {}): Promise<BrowserApp> {
  const t = await createTestApp(dialect, opts);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  t.deps.config.siteUrl = baseUrl;
  return { ...t, baseUrl };
}

/**
 * A fresh context whose pages may only talk to 127.0.0.1: any other request is aborted and recorded,
 * so a test can assert that a reader's page makes no third-party request.
 */
export async function newLoopbackContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; foreignRequests: string[] }> {
  const context = await browser.newContext(options);
  const foreignRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    // localhost too: a second site on this machine (an embed's host page is another site than 127.0.0.1).
    if (url.protocol === 'data:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost')
      return route.continue();
    foreignRequests.push(route.request().url());
    return route.abort();
  });
  return { context, foreignRequests };
}

/** axe-core violations for WCAG 2.0/2.1/2.2 A and AA, formatted for a readable failure. */
export async function axeViolations(page: Page): Promise<string[]> {
  // A heading can be visible before the stylesheets (site.css @imports each feature's file) have applied on a
  // loaded machine; judging an unstyled page reported targets the styled page does not have.
  await page.waitForLoadState('load');
  // preload: false: axe's CSSOM preload re-parses @import-ed stylesheets (site.css imports each feature's
  // file) through injected <style> elements, which our CSP rightly blocks and logs as page errors.
  const result = await new AxeBuilder({ page })
    .options({ preload: false })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

/**
 * Opens the comment form the way a reader does: it starts as its one-line prompt, and focus in the text box
 * shows the rest (the sign-in links, the guest fields, the button). Filling the text box opens it too.
 */
export async function openCommentForm(page: Page): Promise<void> {
  const form = page.locator('#comment-form');
  await form.getByLabel('Your comment').focus();
  await form.locator('button[type=submit]').waitFor({ state: 'visible' });
}

/** Fills the comment form as a guest: the text, a name, and an e-mail made from the name. */
export async function fillGuestComment(page: Page, body: string, name: string): Promise<void> {
  const form = page.locator('#comment-form');
  await form.getByLabel('Your comment').fill(body);
  await form.getByLabel('Name').fill(name);
  // exact: the form's "Notify of" fields also mention e-mail in their labels.
  await form.getByLabel('E-mail', { exact: true }).fill(`${name.toLowerCase().replace(/\W+/g, '.')}@example.test`);
}

/** Signs `who` in through the login form and waits for the page the form leads to (`next`, else the home page). */
export async function signIn(
  page: Page,
  baseUrl: string,
  who: { email: string; password: string },
  next?: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login${next ? `?next=${next}` : ''}`);
  // By field name, not label: the form is in the site's language, which some tests change.
  const form = page.locator('form[action="/login"]');
  await form.locator('input[name="email"]').fill(who.email);
  await form.locator('input[name="password"]').fill(who.password);
  await Promise.all([page.waitForURL(`${baseUrl}${next ?? '/'}`), form.locator('button[type="submit"]').click()]);
}
