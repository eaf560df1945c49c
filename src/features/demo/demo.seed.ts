/**
 * Demo content for a first start: a month of The Broadsheet, a small reader-funded newsroom in Riverton.
 * Staff and a few readers, two sections, a dozen articles with their own discussions (one long), a
 * scheduled article, a correction, this month's campaign, the About, Contact and Ethics pages, a held
 * comment in the moderation queue and two reported ones. Images are files, written first; the rows go in
 * one transaction. Running it again on a database that has the demo changes nothing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { hashPassword, randomPassword } from '../../lib/crypto.js';
import { iso } from '../../platform/clock.js';
import { countUsers, insertUser } from '../accounts/index.js';
import { cardImageOf, renderArticleBody } from '../articles/index.js';
import { completeVariants, storeImage } from '../images/index.js';
import { DEMO_TAGS, FEATURED_SLUG, demoArticles, type DemoArticle, type DemoImages } from './demo-articles.js';
import { seedDiscussion, seedSubscriptions, type DemoAccounts, type SeededArticle } from './demo-discussion.seed.js';
import { seedCampaign } from './demo-funding.seed.js';
import { seedPages } from './demo-pages.js';
import { DEMO_READERS, DEMO_STAFF, type DemoPerson, type DemoReader } from './demo-people.js';
import { makeInfographic } from './infographic.js';

export { rng } from './demo-discussion.seed.js';

export interface SeedResult {
  /** False when the demo was there already (nothing was written). */
  seeded: boolean;
  adminEmail: string;
  /** Shown once on the console; only its hash is stored. Empty when nothing was seeded. */
  adminPassword: string;
  featuredSlug: string;
  imageIds: number[];
}

/** True when the database has no accounts yet (a first start). */
export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

const ADMIN_EMAIL = 'admin@example.org';

/**
 * Seeds the demo. `comments`: make the featured article's discussion exactly that many approved comments
 * (tests and benchmarks ask for long ones); without it, the discussion is the one written by hand.
 */
export async function seedDemo(
  deps: Pick<Deps, 'db' | 'config' | 'clock' | 'media'>,
  opts: { comments?: number; avifInBackground?: boolean } = {},
): Promise<SeedResult> {
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const there = await db.selectFrom('articles').select('id').where('slug', '=', FEATURED_SLUG).executeTakeFirst();
  if (there)
    return { seeded: false, adminEmail: ADMIN_EMAIL, adminPassword: '', featuredSlug: FEATURED_SLUG, imageIds: [] };
  const adminPassword = randomPassword();
  // Staff and readers get a password nobody knows (a publisher can reset it); the admin's is printed.
  const [adminHash, othersHash] = await Promise.all([hashPassword(adminPassword), hashPassword(randomPassword())]);
  const imageDeps = { ...deps, avifEffort: 2 };
  const img = await seedImages(imageDeps);

  await db.transaction().execute(async (trx) => {
    const t = iso(new Date(now.getTime() - 40 * 24 * 3600_000));
    await insertUser(trx, {
      email: ADMIN_EMAIL,
      displayName: 'Site Publisher',
      slug: 'site-publisher',
      role: 'publisher',
      passwordHash: adminHash,
      createdAt: t,
    });
    const account = async (p: DemoPerson) => ({
      id: await insertUser(trx, { ...p, passwordHash: othersHash, createdAt: t }),
      name: p.displayName,
      email: p.email,
    });
    const staff = [];
    for (const p of DEMO_STAFF) staff.push(await account(p));
    const readers = {} as DemoAccounts['readers'];
    for (const [key, p] of Object.entries(DEMO_READERS)) readers[key as DemoReader] = await account(p);
    const accounts: DemoAccounts = { staff, readers };

    const sections = {
      news: await insertSection(trx, 'news', 'News', 1),
      opinion: await insertSection(trx, 'opinion', 'Opinion', 2),
    };
    const tagIds: Record<string, number> = {};
    for (const [slug, name] of DEMO_TAGS)
      tagIds[slug] = (await trx.insertInto('tags').values({ slug, name }).returning('id').executeTakeFirstOrThrow()).id;

    const bySlug = new Map<string, SeededArticle>();
    for (const a of demoArticles(img)) {
      const seeded = await insertArticle(trx, a, now, { sections, tagIds, staff: staff.map((s) => s.id) });
      if (seeded) bySlug.set(a.slug, seeded);
    }
    for (const article of bySlug.values())
      await seedDiscussion(trx, article, accounts, now, article.slug === FEATURED_SLUG ? opts.comments : undefined);
    await seedSubscriptions(trx, bySlug, accounts, now);
    await seedCampaign(trx, now, [readers.grace.email, readers.hannah.email]);
    await seedPages(trx, now);
  });
  const imageIds = [img.buses, img.budget];
  // Otherwise the image-variants background job makes the AVIF versions (it claims the images, so a
  // second process starting at the same time does not make them twice).
  if (opts.avifInBackground === false) for (const id of imageIds) await completeVariants(imageDeps, id);
  return { seeded: true, adminEmail: ADMIN_EMAIL, adminPassword, featuredSlug: FEATURED_SLUG, imageIds };
}

/** The two infographics: bus departures (in the featured body) and the budget (lead image and in the body). */
async function seedImages(
  deps: Pick<Deps, 'db' | 'config' | 'clock' | 'media'> & { avifEffort: number },
): Promise<DemoImages> {
  const make = async (
    title: string,
    values: Array<[string, number]>,
    source: string,
    meta: { alt: string; caption: string },
  ) =>
    storeImage(deps, {
      buffer: await makeInfographic(title, values, source),
      alt: meta.alt,
      decorative: false,
      caption: meta.caption,
      credit: 'Graphic: Tom Becker / The Broadsheet',
    });
  const buses = await make(
    'Weekly bus departures by district',
    [
      ['North', 412],
      ['Centre', 980],
      ['Harbour', 655],
      ['East', 238],
      ['Hills', 121],
    ],
    'Source: Riverton transport authority timetables, November',
    {
      alt: 'Bar chart of weekly bus departures: Centre 980, Harbour 655, North 412, East 238, Hills 121.',
      caption: 'Weekly bus departures by district, before the night routes return.',
    },
  );
  const budget = await make(
    'Council budget by department (millions)',
    [
      ['Transport', 48],
      ['Housing', 61],
      ['Schools', 92],
      ['Parks', 12],
    ],
    'Source: City of Riverton adopted budget',
    {
      alt: 'Bar chart of the council budget in millions: Schools 92, Housing 61, Transport 48, Parks 12.',
      caption: 'Where the council’s money goes next year.',
    },
  );
  return { buses, budget };
}

async function insertSection(trx: Kysely<Database>, slug: string, name: string, position: number): Promise<number> {
  return (await trx.insertInto('sections').values({ slug, name, position }).returning('id').executeTakeFirstOrThrow())
    .id;
}

/** Writes one article with its bylines, tags, images and correction; returns it when published (not scheduled). */
async function insertArticle(
  trx: Kysely<Database>,
  a: DemoArticle,
  now: Date,
  refs: { sections: Record<DemoArticle['section'], number>; tagIds: Record<string, number>; staff: number[] },
): Promise<SeededArticle | undefined> {
  const scheduled = a.hoursAgo < 0;
  const at = new Date(now.getTime() - a.hoursAgo * 3600_000);
  const written = iso(scheduled ? new Date(now.getTime() - 3 * 3600_000) : at);
  const bodyHtml = renderArticleBody(a.body);
  const { id } = await trx
    .insertInto('articles')
    .values({
      slug: a.slug,
      headline: a.headline,
      excerpt: a.excerpt,
      body_md: a.body,
      body_html: bodyHtml,
      dateline: a.dateline,
      section_id: refs.sections[a.section],
      lead_image_id: a.lead ?? null,
      card_image_id: cardImageOf(a.lead ?? null, bodyHtml),
      status: scheduled ? 'scheduled' : 'published',
      publish_at: scheduled ? iso(at) : null,
      published_at: scheduled ? null : iso(at),
      created_at: written,
      updated_at: written,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('article_authors')
    .values(a.authors.map((ai, position) => ({ article_id: id, user_id: refs.staff[ai]!, position })))
    .execute();
  if (a.tags.length)
    await trx
      .insertInto('article_tags')
      .values(a.tags.map((tg) => ({ article_id: id, tag_id: refs.tagIds[tg]! })))
      .execute();
  for (const image of a.images)
    await trx.insertInto('article_images').values({ article_id: id, image_id: image }).execute();
  if (a.correction)
    await trx
      .insertInto('corrections')
      .values({
        article_id: id,
        body: a.correction.body,
        created_at: iso(new Date(now.getTime() - a.correction.hoursAgo * 3600_000)),
      })
      .execute();
  return scheduled ? undefined : { id, slug: a.slug, bodyHtml, publishedAt: at };
}
