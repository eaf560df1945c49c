/**
 * /api/docs in Chromium: Swagger UI from its npm package, served by the site, renders the site's own
 * OpenAPI document (the Content API, the comments API, the Admin API) with no request leaving the machine
 * and nothing refused by the page's Content-Security-Policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  HAS_CHROMIUM,
  launchBrowser,
  newLoopbackContext,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.js';

describe.skipIf(!HAS_CHROMIUM)('the API docs page in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows every documented operation from the site itself', async () => {
    const { context, foreignRequests } = await newLoopbackContext(browser);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(`${t.baseUrl}/api/docs`);
    await page.locator('.opblock').first().waitFor();
    const doc = (await (await fetch(`${t.baseUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
    expect(await page.locator('.opblock').count()).toBe(operations);
    const shown = await page.locator('.opblock-summary-path').allTextContents();
    for (const path of ['/api/v1/articles', '/api/articles/{slug}/comments', '/api/v1/admin/articles']) {
      expect(shown.map((s) => s.replace(/\u200b/g, ''))).toContain(path);
    }
    expect(foreignRequests).toEqual([]);
    expect(refused).toEqual([]);
    await context.close();
  });

  it('keeps the rest of the site’s style policy strict', async () => {
    const docs = await fetch(`${t.baseUrl}/api/docs/static/index.css`);
    expect(docs.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
    const home = await fetch(`${t.baseUrl}/`);
    expect(home.headers.get('content-security-policy')).toContain("style-src 'self';");
    expect(home.headers.get('content-security-policy')).not.toContain('unsafe-inline');
  });
});
