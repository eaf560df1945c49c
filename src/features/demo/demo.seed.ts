/**
 * Demo content for a first start: staff, two sections, articles with an infographic, one long
 * discussion, and this month's campaign. Runs only on an empty database, in one transaction for the rows
 * (images are files, written first).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { seedPages } from './demo-pages.js';
import { hashPassword, randomPassword } from '../../lib/crypto.js';
import { iso, monthOf } from '../../platform/clock.js';
import { countUsers, insertUser } from '../accounts/index.js';
import { cardImageOf, renderArticleBody } from '../articles/index.js';
import { insertCampaign, refreshCampaignTotals } from '../funding/index.js';
import { completeVariants, storeImage } from '../images/index.js';
import { insertComment, touchDiscussion } from '../comments/index.js';
import { COMMENT_LINES, FIRST_NAMES, LAST_NAMES, REPLY_LINES } from './demo-text.js';
import { makeInfographic } from './infographic.js';

export interface SeedResult {
  adminEmail: string;
  /** Shown once on the console; only its hash is stored. */
  adminPassword: string;
  featuredSlug: string;
  imageIds: number[];
}

/** A small deterministic PRNG so demo content is the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** True when the database has no accounts yet (a first start). */
export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

export async function seedDemo(
  deps: Pick<Deps, 'db' | 'config' | 'clock' | 'media'>,
  opts: { comments?: number; avifInBackground?: boolean } = {},
): Promise<SeedResult> {
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const adminPassword = randomPassword();
  const adminEmail = 'admin@example.org';
  const [adminHash, staffHash] = await Promise.all([hashPassword(adminPassword), hashPassword(randomPassword())]);
  const imageDeps = { ...deps, avifEffort: 2 };
  const chart = await makeInfographic('Weekly bus departures by district', [
    ['North', 412],
    ['Centre', 980],
    ['Harbour', 655],
    ['East', 238],
    ['Hills', 121],
  ]);
  const chartId = await storeImage(imageDeps, {
    buffer: chart,
    alt: 'Bar chart of weekly bus departures: Centre 980, Harbour 655, North 412, East 238, Hills 121.',
    decorative: false,
    caption: 'Weekly bus departures by district, 2026.',
    credit: 'Graphic: Broadsheet demo desk',
  });
  const chart2 = await makeInfographic('Council budget by department (millions)', [
    ['Transport', 48],
    ['Housing', 61],
    ['Schools', 92],
    ['Parks', 12],
  ]);
  const chart2Id = await storeImage(imageDeps, {
    buffer: chart2,
    alt: 'Bar chart of the council budget in millions: Schools 92, Housing 61, Transport 48, Parks 12.',
    decorative: false,
    caption: 'Where the council’s money goes.',
    credit: 'Graphic: Broadsheet demo desk',
  });

  let featuredSlug = '';
  await db.transaction().execute(async (trx) => {
    const t = iso(now);
    await insertUser(trx, {
      email: adminEmail,
      displayName: 'Site Publisher',
      slug: 'site-publisher',
      role: 'publisher',
      passwordHash: adminHash,
      createdAt: t,
    });
    const authors = [
      await insertUser(trx, {
        email: 'maria@example.org',
        displayName: 'Maria Okafor',
        slug: 'maria-okafor',
        bio: 'City hall reporter.',
        role: 'editor',
        passwordHash: staffHash,
        createdAt: t,
      }),
      await insertUser(trx, {
        email: 'tom@example.org',
        displayName: 'Tom Becker',
        slug: 'tom-becker',
        bio: 'Transport and data.',
        role: 'author',
        passwordHash: staffHash,
        createdAt: t,
      }),
    ];
    const news = (
      await trx
        .insertInto('sections')
        .values({ slug: 'news', name: 'News', position: 1 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const opinion = (
      await trx
        .insertInto('sections')
        .values({ slug: 'opinion', name: 'Opinion', position: 2 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const tagIds: Record<string, number> = {};
    for (const [slug, name] of [
      ['transport', 'Transport'],
      ['city-hall', 'City hall'],
      ['budget', 'Budget'],
      ['housing', 'Housing'],
    ] as const) {
      tagIds[slug] = (await trx.insertInto('tags').values({ slug, name }).returning('id').executeTakeFirstOrThrow()).id;
    }
    const articles = demoArticles(chartId, chart2Id);
    for (const [i, a] of articles.entries()) {
      const published = iso(new Date(now.getTime() - (i + 1) * 5 * 3600_000));
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
          section_id: a.section === 'news' ? news : opinion,
          lead_image_id: a.lead ?? null,
          card_image_id: cardImageOf(a.lead ?? null, bodyHtml),
          status: 'published',
          published_at: published,
          created_at: published,
          updated_at: published,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('article_authors')
        .values(a.authors.map((ai, position) => ({ article_id: id, user_id: authors[ai]!, position })))
        .execute();
      if (a.tags.length)
        await trx
          .insertInto('article_tags')
          .values(a.tags.map((tg) => ({ article_id: id, tag_id: tagIds[tg]! })))
          .execute();
      for (const img of a.images)
        await trx.insertInto('article_images').values({ article_id: id, image_id: img }).execute();
      if (i === 0) {
        featuredSlug = a.slug;
        await seedComments(trx, id, opts.comments ?? 300, new Date(published), 42, true, now);
      } else if (i < 3) {
        await seedComments(trx, id, 6 + i * 3, new Date(published), 100 + i, true, now);
      }
    }
    await trx
      .insertInto('corrections')
      .values({
        article_id: 1,
        body: 'An earlier version of this article gave the wrong year for the depot’s opening. It opened in 1987.',
        created_at: iso(new Date(now.getTime() - 3600_000)),
      })
      .execute();
    await seedCampaign(trx, now);
    await seedPages(trx, now);
  });
  // Otherwise the image-variants background job makes the AVIF versions (it claims the images, so a
  // second process starting at the same time does not make them twice).
  if (opts.avifInBackground === false) for (const id of [chartId, chart2Id]) await completeVariants(imageDeps, id);
  return { adminEmail, adminPassword, featuredSlug, imageIds: [chartId, chart2Id] };
}

/** This month's campaign: goal 5,000 $, ticks 0 / 2,500 / 5,000, 1,120 $ raised from confirmed gifts. */
async function seedCampaign(db: Kysely<Database>, now: Date): Promise<void> {
  const month = monthOf(now);
  const t = iso(now);
  await insertCampaign(db, {
    month,
    goalMinor: 500_000,
    currency: 'USD',
    ticks: [0, 250_000, 500_000],
    message: 'Help us fund a year of local reporting.',
    now: t,
  });
  const gifts: Array<[number, string | null, 'stripe' | 'offline', string]> = [
    [50_000, 'The Lopes family', 'offline', 'bank'],
    [25_000, null, 'stripe', 'card'],
    [10_000, 'Grace K.', 'stripe', 'card'],
    [10_000, null, 'stripe', 'card'],
    [5_000, 'A reader in Harbour', 'stripe', 'card'],
    [12_000, null, 'offline', 'cash'],
  ];
  const monthStart = new Date(`${month}-01T00:00:00Z`).getTime();
  for (const [i, [amount, name, source, method]] of gifts.entries()) {
    const at = iso(new Date(Math.min(now.getTime(), monthStart + (i + 1) * 3600_000)));
    await db
      .insertInto('donations')
      .values({
        month,
        donated_at: at,
        amount_minor: amount,
        currency: 'USD',
        source,
        method,
        status: 'confirmed',
        public_name: name,
        wall_consent: name ? 1 : 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  await refreshCampaignTotals(db, month, t);
}

/**
 * Adds `count` approved comments to an article: about a third top-level, the rest replies up to five
 * deep, some with votes. Also used by the benchmark to build large discussions.
 */
export async function seedComments(
  db: Kysely<Database>,
  articleId: number,
  count: number,
  start: Date,
  seed: number,
  withVotes = true,
  endAt?: Date,
): Promise<void> {
  const r = rng(seed);
  // Spread between `start` and `endAt` when given, so demo comments are never dated in the future.
  const step = endAt ? Math.max(1000, Math.floor((endAt.getTime() - start.getTime()) / (count + 1))) : 97_000;
  const made: Array<{ id: number; threadId: number; depth: number; name: string }> = [];
  for (let i = 0; i < count; i++) {
    const name = `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}`;
    const createdAt = iso(new Date(start.getTime() + (i + 1) * step));
    const parent = made.length > 0 && r() < 0.66 ? made[Math.floor(r() * made.length)]! : null;
    const depth = parent ? Math.min(parent.depth + 1, 5) : 0;
    const text = parent ? pick(r, REPLY_LINES) : pick(r, COMMENT_LINES);
    const id = await insertComment(db, {
      articleId,
      parentId: parent?.id ?? null,
      threadId: parent?.threadId ?? null,
      depth,
      replyToName: null,
      authorUserId: null,
      authorName: name,
      authorEmail: `reader${i}@example.net`,
      ipHash: null,
      bodyHtml: `<p>${text}</p>`,
      status: 'approved',
      editTokenHash: null,
      createdAt,
    });
    made.push({ id, threadId: parent?.threadId ?? id, depth, name });
    if (withVotes && r() < 0.4) {
      const ups = Math.floor(r() * 15);
      const downs = Math.floor(r() * 4);
      const votes = [...Array(ups).fill(1), ...Array(downs).fill(-1)].map((value, k) => ({
        comment_id: id,
        voter_key: `g:demo-${k}`,
        value,
        created_at: createdAt,
      }));
      if (votes.length) await db.insertInto('votes').values(votes).execute();
      await db
        .updateTable('comments')
        .set({ upvotes: ups, downvotes: downs, score: ups - downs })
        .where('id', '=', id)
        .execute();
    }
  }
  await touchDiscussion(db, articleId);
}

interface DemoArticle {
  slug: string;
  headline: string;
  excerpt: string;
  dateline: string;
  section: 'news' | 'opinion';
  authors: number[];
  tags: string[];
  lead?: number;
  images: number[];
  body: string;
}

function demoArticles(chartId: number, chart2Id: number): DemoArticle[] {
  return [
    {
      slug: 'night-buses-return-to-the-outer-districts',
      headline: 'Night buses return to the outer districts after two years',
      excerpt: 'The transport authority restores overnight routes to North, East and the Hills from next month.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [1, 0],
      tags: ['transport', 'city-hall'],
      images: [chartId],
      body: `The city's transport authority will restore overnight bus routes to the outer districts from next month, two years after they were cut to save money.\n\nThe decision, approved on Tuesday by a narrow majority of the council's transport committee, brings back three routes that shift workers, hospital staff and students had campaigned for.\n\n![Bar chart of weekly bus departures by district](image:${chartId})\n\nThe chart above shows how unevenly service is spread today: the Centre sees more than eight times as many departures as the Hills.\n\n> "People who clean our offices and staff our hospitals at night have been walking home for two years," said one committee member.\n\nThe authority estimates the routes will cost **1.2 million** a year. Critics argue the money would be better spent on daytime frequency, which serves more riders.\n\nThe first buses run on the first Monday of next month. Timetables will be published a week before.`,
    },
    {
      slug: 'council-budget-what-changes-for-schools',
      headline: 'Council budget: what changes for schools, housing and parks',
      excerpt: 'A line-by-line look at the budget passed on Thursday night.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [0],
      tags: ['budget', 'city-hall'],
      lead: chart2Id,
      images: [chart2Id],
      body: `The council passed its budget late on Thursday after a six-hour session.\n\n![Bar chart of the council budget](image:${chart2Id})\n\nSchools receive the largest share, with housing second. Parks lose a fifth of their maintenance budget.\n\nWe will follow how the cuts land over the coming year.`,
    },
    {
      slug: 'the-harbour-redevelopment-needs-a-second-look',
      headline: 'Opinion: the harbour redevelopment needs a second look',
      excerpt: 'Before the bulldozers arrive, the city should publish the full traffic study.',
      dateline: 'RIVERTON',
      section: 'opinion',
      authors: [1],
      tags: ['housing'],
      images: [],
      body: `The harbour plan promises 2,000 homes and a waterfront park. Both are welcome.\n\nBut the traffic study behind it has not been published, and residents deserve to see it before construction begins.\n\nA second look costs little. A wrong road layout costs decades.`,
    },
    {
      slug: 'library-opening-hours-extended',
      headline: 'Central library extends opening hours on weekends',
      excerpt: 'From Saturday the library stays open until 8 p.m.',
      dateline: 'RIVERTON',
      section: 'news',
      authors: [0],
      tags: ['city-hall'],
      images: [],
      body: `The central library will stay open until 8 p.m. on Saturdays and Sundays from this weekend.\n\nThe change follows a survey in which two thirds of respondents asked for longer weekend hours.`,
    },
    {
      slug: 'why-we-ask-readers-for-money',
      headline: 'Why we ask our readers for money',
      excerpt: 'No paywall, no billionaire owner: how this newsroom is funded, and why.',
      dateline: 'RIVERTON',
      section: 'opinion',
      authors: [0, 1],
      tags: [],
      images: [],
      body: `We keep every article free to read. That is a choice, and it has a cost.\n\nEach month we set a goal. The bar at the top of every page shows how far we have come. Our ledger shows where every gift goes.`,
    },
  ];
}
