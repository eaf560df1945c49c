/**
 * Bench content. First the demo site with a 500-comment featured article, through seedDemo (the code a
 * first start runs). Then filler discussions on 200 archive articles until the comments table holds the
 * requested total, so we can see whether the featured page slows down as the table grows. Filler goes in
 * with explicit ids (a thread root's thread_id is its own id, no second UPDATE) in batched multi-row
 * inserts inside large transactions: 200,000 comments take seconds, not minutes.
 */
import type { Insertable, Kysely } from 'kysely';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import type { Db } from '../src/db/dialect.js';
import { renderArticleBody } from '../src/features/articles/article.markdown.js';
import type { CommentTable } from '../src/features/comments/comment.table.js';
import { touchDiscussion } from '../src/features/comments/comment.write.repo.js';
import { COMMENT_LINES, FIRST_NAMES, LAST_NAMES, REPLY_LINES } from '../src/features/demo/demo-text.js';
import { rng, seedDemo } from '../src/features/demo/demo.seed.js';
import { iso, systemClock } from '../src/platform/clock.js';
import { createLocalMediaStore } from '../src/platform/media-store.js';

type K = Kysely<Database>;

/** Approved comments under the featured article: the discussion every article_500* scenario reads. */
export const FEATURED_COMMENTS = 500;
/** Archive articles that carry the filler comments. */
const FILLER_ARTICLES = 200;
const FILLER_SLUG_PREFIX = 'archive-';
/** SQLite's default limit of bound variables in one statement (SQLITE_MAX_VARIABLE_NUMBER). */
const MAX_VARIABLES = 32_766;
/** Rows per transaction: large enough that commits do not dominate, small enough to show progress. */
const ROWS_PER_TRANSACTION = 50_000;
/** Candidate parents kept per article; replies pick among the latest ones, as readers answer recent comments. */
const RECENT_PARENTS = 64;

export interface BaseContent {
  featuredSlug: string;
  featuredId: number;
}

/** The demo site with a featured article of exactly FEATURED_COMMENTS approved, threaded comments. */
export async function seedBase(db: Db, dataDir: string): Promise<BaseContent> {
  // Only dataDir (where the demo images go) matters to seedDemo; the rest are valid placeholders.
  const config = loadConfig({ SEED_DEMO: 'false', LOG_LEVEL: 'silent' }, { dataDir });
  const { featuredSlug } = await seedDemo(
    { db, config, clock: systemClock, media: createLocalMediaStore(dataDir) },
    { comments: FEATURED_COMMENTS, avifInBackground: false },
  );
  const row = await db.kysely
    .selectFrom('articles')
    .select(['id', 'comment_count'])
    .where('slug', '=', featuredSlug)
    .executeTakeFirstOrThrow();
  if (row.comment_count !== FEATURED_COMMENTS)
    throw new Error(`featured article has ${row.comment_count} approved comments, expected ${FEATURED_COMMENTS}`);
  return { featuredSlug, featuredId: row.id };
}

export async function countComments(db: K): Promise<number> {
  const { n } = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

interface FillerArticle {
  id: number;
  publishedMs: number;
  recent: Array<{ id: number; threadId: number; depth: number }>;
}

/**
 * Adds filler comments on the archive articles (created on first use) until the table holds `total`
 * comments. About a third are thread roots; 95 % approved, the rest pending or spam, so status filters
 * have something to skip. Returns how many were added.
 */
export async function growCommentsTo(db: Db, total: number, seed = 7): Promise<number> {
  const k = db.kysely;
  const current = await countComments(k);
  const toAdd = total - current;
  if (toAdd <= 0) return 0;
  const articles = await ensureFillerArticles(k);
  const maxRow = await k
    .selectFrom('comments')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirstOrThrow();
  let nextId = Number(maxRow.m ?? 0) + 1;
  const r = rng(seed + current);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

  const makeRow = (seq: number): Insertable<CommentTable> => {
    const a = articles[Math.floor(r() * articles.length)]!;
    const parent = a.recent.length > 0 && r() < 0.66 ? pick(a.recent) : null;
    const id = nextId++;
    const threadId = parent?.threadId ?? id;
    const depth = parent ? Math.min(parent.depth + 1, 5) : 0;
    const roll = r();
    const status = roll < 0.95 ? 'approved' : roll < 0.98 ? 'pending' : 'spam';
    // Later comments are later in time: 100 ms apart keeps every date in the past.
    const createdAt = iso(new Date(a.publishedMs + seq * 100));
    if (status === 'approved') {
      a.recent.push({ id, threadId, depth });
      if (a.recent.length > RECENT_PARENTS) a.recent.shift();
    }
    return {
      id,
      article_id: a.id,
      parent_id: parent?.id ?? null,
      thread_id: threadId,
      depth,
      reply_to_name: null,
      author_user_id: null,
      author_name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
      author_email: `filler${id}@example.net`,
      ip_hash: null,
      body_html: `<p>${parent ? pick(REPLY_LINES) : pick(COMMENT_LINES)}</p>`,
      status,
      edit_token_hash: null,
      created_at: createdAt,
      updated_at: createdAt,
    };
  };

  let seq = current;
  let added = 0;
  while (added < toAdd) {
    const inTx = Math.min(ROWS_PER_TRANSACTION, toAdd - added);
    await k.transaction().execute(async (trx) => {
      let batch: Array<Insertable<CommentTable>> = [];
      for (let i = 0; i < inTx; i++) {
        const row = makeRow(seq++);
        // Every row has the same columns; columns × rows must stay under the variable limit.
        const rowsPerStatement = Math.floor(MAX_VARIABLES / Object.keys(row).length);
        batch.push(row);
        if (batch.length === rowsPerStatement || i === inTx - 1) {
          await trx.insertInto('comments').values(batch).execute();
          batch = [];
        }
      }
    });
    added += inTx;
    process.stderr.write(`[bench]   ${current + added} / ${total} comments\n`);
  }

  await k.transaction().execute(async (trx) => {
    // Recount and bump the version exactly as a real write does, so caches and counts stay truthful.
    for (const a of articles) await touchDiscussion(trx, a.id);
    // Explicit ids do not advance PostgreSQL's identity sequence; later inserts (write scenarios) would collide.
    if (db.dialect === 'postgres')
      await sql`select setval(pg_get_serial_sequence('comments', 'id'), (select max(id) from comments))`.execute(trx);
  });
  return added;
}

/** The archive articles, older than the demo ones so the home page still leads with the demo. */
async function ensureFillerArticles(db: K): Promise<FillerArticle[]> {
  const existing = await db
    .selectFrom('articles')
    .select(['id', 'published_at'])
    .where('slug', 'like', `${FILLER_SLUG_PREFIX}%`)
    .orderBy('id')
    .execute();
  if (existing.length > 0)
    return existing.map((a) => ({ id: a.id, publishedMs: Date.parse(a.published_at!), recent: [] }));

  const section = await db.selectFrom('sections').select('id').orderBy('position').executeTakeFirstOrThrow();
  const author = await db
    .selectFrom('users')
    .select('id')
    .where('role', 'in', ['editor', 'author'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const body =
    'An older story from the archive.\n\nIt has a long discussion underneath, as old stories often do.\n\nThe bench uses it to make the comments table large.';
  const bodyHtml = renderArticleBody(body);
  const now = Date.now();
  const day = 24 * 3600_000;
  const rows = Array.from({ length: FILLER_ARTICLES }, (_, i) => {
    const published = iso(new Date(now - (i + 2) * 2 * day));
    return {
      slug: `${FILLER_SLUG_PREFIX}${String(i + 1).padStart(4, '0')}`,
      headline: `Archive story number ${i + 1}`,
      excerpt: 'An older story.',
      body_md: body,
      body_html: bodyHtml,
      dateline: 'RIVERTON',
      section_id: section.id,
      lead_image_id: null,
      status: 'published' as const,
      published_at: published,
      created_at: published,
      updated_at: published,
    };
  });
  return db.transaction().execute(async (trx) => {
    const ids = await trx.insertInto('articles').values(rows).returning(['id', 'published_at']).execute();
    await trx
      .insertInto('article_authors')
      .values(ids.map((a) => ({ article_id: a.id, user_id: author.id, position: 0 })))
      .execute();
    return ids.map((a) => ({ id: a.id, publishedMs: Date.parse(a.published_at!), recent: [] }));
  });
}
