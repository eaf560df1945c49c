import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { seedDemo } from '../../src/features/demo/demo.seed.js';
import { storeImage } from '../../src/features/images/index.js';
import { photoJpeg } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/newsroom.js';
import {
  HAS_CHROMIUM,
  axeViolations,
  launchBrowser,
  newLoopbackContext,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
/** Kept as CI artefacts: what a reader sees first, on a phone and on a desktop. */
const SHOTS = path.resolve('test-results/screenshots');

/** Where the headline and the first body paragraph start, from the top of the page. */
async function firstScreen(page: Page): Promise<{ headlineBottom: number; paragraphTop: number }> {
  const headline = (await page.locator('h1.headline').boundingBox())!;
  const paragraph = (await page.locator('.article-body #p1').boundingBox())!;
  return { headlineBottom: headline.y + headline.height, paragraphTop: paragraph.y };
}

/** "Cancel reply" links and buttons a reader can see. */
const visibleCancel = (form: Locator) => form.locator(':is(a, button):visible', { hasText: 'Cancel reply' }).count();
const formHeight = async (page: Page) => (await page.locator('#comment-form').boundingBox())!.height;

describe.skipIf(!HAS_CHROMIUM)('reading an article on a phone in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let slugs: { slug: string; lead: boolean }[] = [];
  let featured = '';

  beforeAll(async () => {
    t = await startBrowserApp('sqlite');
    ({ featuredSlug: featured } = await seedDemo(t.deps, { comments: 40, avifInBackground: false }));
    // The demo's lead image is also placed in its body (so the page shows it there): add a story whose lead
    // photograph opens the page, above the first paragraph, with a long headline and standfirst.
    const photo = await storeImage(t.deps, {
      buffer: await photoJpeg(1600, 1067, 1),
      alt: 'Ferry passengers queue on the harbour wall in the rain',
      decorative: false,
      caption: 'The morning queue for the 7:40 ferry, which will run every twenty minutes from May.',
      credit: 'Photo: Broadsheet staff',
    });
    const section = await t.deps.db.kysely.selectFrom('sections').select('id').executeTakeFirstOrThrow();
    await makeArticle(t.deps.db.kysely, {
      headline: 'Harbour ferries will run every twenty minutes from May, the port authority says after a long review',
      excerpt:
        'Commuters who crowd the harbour wall each morning will wait half as long, at a cost the council still has to find.',
      sectionId: section.id,
      leadImageId: photo,
      body: 'The port authority will double morning ferry departures from May.\n\nA second paragraph.\n\nA third.\n\nA fourth.',
    });
    slugs = (
      await t.deps.db.kysely
        .selectFrom('articles')
        .select(['slug', 'lead_image_id'])
        .where('status', '=', 'published')
        .where('kind', '=', 'article')
        .orderBy('id')
        .execute()
    ).map((r) => ({ slug: r.slug, lead: r.lead_image_id !== null }));
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('puts the headline and the first paragraph of every demo article on the first screen at 390×844', async () => {
    expect(slugs.some((s) => s.lead)).toBe(true);
    const { context } = await newLoopbackContext(browser, { viewport: PHONE });
    const page = await context.newPage();
    const measured: Record<string, number> = {};
    for (const { slug } of slugs) {
      await page.goto(`${t.baseUrl}/articles/${slug}`, { waitUntil: 'load' });
      const { headlineBottom, paragraphTop } = await firstScreen(page);
      measured[slug] = Math.round(paragraphTop);
      expect(headlineBottom, slug).toBeLessThan(PHONE.height);
      expect(paragraphTop, slug).toBeLessThan(PHONE.height);
      await page.screenshot({ path: path.join(SHOTS, `phone-${slug}.png`) });
      // The appeal never comes before the story: by default it follows the third paragraph (and the article).
      expect(await page.locator('.support-cta-above').count(), slug).toBe(0);
      if ((await page.locator('.article-body #p4').count()) > 0) {
        const cta = (await page.locator('.support-cta-inline').boundingBox())!;
        expect(cta.y, slug).toBeGreaterThan((await page.locator('.article-body #p3').boundingBox())!.y);
      }
    }
    console.info('[phone-reading] first paragraph top at 390×844:', JSON.stringify(measured));
    await context.close();
  });

  it('keeps a desktop screenshot of every demo article next to the phone ones', async () => {
    const { context } = await newLoopbackContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    for (const { slug } of slugs) {
      await page.goto(`${t.baseUrl}/articles/${slug}`, { waitUntil: 'load' });
      await page.screenshot({ path: path.join(SHOTS, `desktop-${slug}.png`) });
    }
    // The gap from one paragraph's text to the next one's (it was ~80 px), and the closed comment form.
    await page.goto(`${t.baseUrl}/articles/${featured}`, { waitUntil: 'load' });
    const p1 = (await page.locator('.article-body #p1').boundingBox())!;
    const p2 = (await page.locator('.article-body #p2').boundingBox())!;
    const gap = p2.y - (p1.y + p1.height);
    expect(gap).toBeLessThan(50);
    const closed = await formHeight(page);
    expect(closed).toBeLessThan(80);
    console.info(
      `[phone-reading] desktop: paragraph gap ${Math.round(gap)} px, comment form closed ${Math.round(closed)} px`,
    );
    await page.goto(`${t.baseUrl}/`, { waitUntil: 'load' });
    await page.screenshot({ path: path.join(SHOTS, 'desktop-home.png'), fullPage: true });
    await context.close();
    // A page load and a screenshot per demo article (thirteen of them): more than the default 30 s on a busy machine.
  }, 120_000);

  for (const javaScriptEnabled of [true, false]) {
    it(`collapses the comment form to a one-line prompt that opens on focus (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { context } = await newLoopbackContext(browser, { viewport: PHONE, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${t.baseUrl}/articles/${featured}`, { waitUntil: 'load' });
      const form = page.locator('#comment-form');
      const body = form.getByLabel('Your comment');
      expect(await body.getAttribute('placeholder')).toBe('Would love your thoughts, please comment.');
      expect(await body.isVisible()).toBe(true);
      const collapsed = await formHeight(page);
      expect(collapsed).toBeLessThan(120);
      await form.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: path.join(SHOTS, `phone-comment-prompt-js-${javaScriptEnabled ? 'on' : 'off'}.png`),
      });
      expect(await form.getByLabel('Name').isVisible()).toBe(false);
      expect(await form.getByRole('button', { name: 'Post comment' }).isVisible()).toBe(false);

      // Keyboard: Tab from the link before it lands in the prompt, which opens the whole form.
      await body.focus();
      await expect.poll(() => form.getByLabel('Name').isVisible()).toBe(true);
      const open = await formHeight(page);
      expect(open).toBeGreaterThan(collapsed + 150);
      expect(await form.getByRole('button', { name: 'Post comment' }).isVisible()).toBe(true);
      await form.locator('#comment-form-heading').scrollIntoViewIfNeeded();
      await page.screenshot({
        path: path.join(SHOTS, `phone-comment-form-open-js-${javaScriptEnabled ? 'on' : 'off'}.png`),
      });
      // Tab from the text box walks into the fields that appeared (the sign-in links, then Name), staying in the form.
      await body.fill('A thought');
      const walked: string[] = [];
      for (let i = 0; i < 5 && !walked.includes('comment-name'); i++) {
        await page.keyboard.press('Tab');
        walked.push(
          await page.evaluate(() =>
            document.activeElement?.closest('#comment-form') ? document.activeElement.id || 'in-form' : 'outside',
          ),
        );
      }
      expect(walked).toContain('comment-name');
      expect(walked).not.toContain('outside');
      // With text in it, the form stays open when focus leaves it.
      await page.locator('h1.headline').click();
      expect(await form.getByLabel('Name').isVisible()).toBe(true);
      console.info(
        `[phone-reading] comment form at 390×844 (JS ${javaScriptEnabled ? 'on' : 'off'}): ${Math.round(collapsed)} px closed, ${Math.round(open)} px open`,
      );
      await context.close();
    });
  }

  it('shows "Cancel reply" only while replying, and names the person answered once (JavaScript on)', async () => {
    const { context } = await newLoopbackContext(browser, { viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/articles/${featured}`, { waitUntil: 'networkidle' });
    const form = page.locator('#comment-form');
    const cancel = form.getByRole('button', { name: 'Cancel reply' });
    expect(await cancel.isVisible()).toBe(false);
    expect(await visibleCancel(form)).toBe(0);

    const first = page.locator('.comment-list > li.comment').first();
    const name = (await first.getAttribute('data-author-name'))!;
    await first.locator(':scope > .comment-body .reply-link').click();
    await expect.poll(() => cancel.isVisible()).toBe(true);
    expect(await form.locator('#comment-form-heading').textContent()).toBe(`Reply to ${name}`);
    expect(((await form.innerText()).match(new RegExp(name, 'g')) ?? []).length).toBe(1);
    expect(await form.getByLabel('Name').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await cancel.click();
    expect(await cancel.isVisible()).toBe(false);
    expect(await form.locator('#comment-form-heading').textContent()).toBe('Leave a comment');
    await context.close();
  });

  it('shows "Cancel reply" only while replying, and names the person answered once (JavaScript off)', async () => {
    const { context } = await newLoopbackContext(browser, { viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/articles/${featured}`);
    const form = page.locator('#comment-form');
    expect(await visibleCancel(form)).toBe(0);

    const first = page.locator('.comment-list > li.comment').first();
    const name = (await first.getAttribute('data-author-name'))!;
    await first.locator(':scope > .comment-body .reply-link').click();
    await page.waitForURL(/\?reply=\d+#comment-form$/);
    // Replying, the form is open without a focus: it is what the reader asked for.
    expect(await form.getByLabel('Name').isVisible()).toBe(true);
    expect(await form.getByRole('link', { name: 'Cancel reply' }).isVisible()).toBe(true);
    expect(await form.getByRole('button', { name: 'Cancel reply' }).count()).toBe(0);
    expect(await form.locator('#comment-form-heading').textContent()).toBe(`Reply to ${name}`);
    expect(((await form.innerText()).match(new RegExp(name, 'g')) ?? []).length).toBe(1);
    await context.close();
  });

  for (const [name, where] of [
    ['article page', () => `/articles/${featured}`],
    ['article with a lead photo', () => `/articles/${slugs.find((s) => s.lead)!.slug}`],
    ['home page', () => '/'],
  ] as const) {
    // axe walks every node twice (form closed, then open): the featured article's 500 comments take ~10 s alone
    // and several times that when the suite's other workers share the two cores.
    it(`has no axe violations at phone width: ${name}`, { timeout: 120_000 }, async () => {
      const { context, foreignRequests } = await newLoopbackContext(browser, { viewport: PHONE });
      const page = await context.newPage();
      await page.goto(`${t.baseUrl}${where()}`, { waitUntil: 'networkidle' });
      expect(await axeViolations(page)).toEqual([]);
      if (name !== 'home page') {
        // And with the comment form open.
        await page.locator('#comment-form').getByLabel('Your comment').focus();
        expect(await axeViolations(page)).toEqual([]);
      } else {
        await page.screenshot({ path: path.join(SHOTS, 'phone-home.png'), fullPage: true });
      }
      expect(foreignRequests).toEqual([]);
      await context.close();
    });
  }
});
