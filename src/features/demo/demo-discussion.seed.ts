/**
 * Writes the demo discussions: each article's own comments (demo-discussions.ts) with their votes, passage
 * anchors, the held comment and the reported ones; the featured article's longer discussion when asked for;
 * and a few confirmed "Notify of" subscriptions. Runs inside the seed's transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { sha256, randomToken } from '../../lib/crypto.js';
import { escapeHtml } from '../../lib/html.js';
import { storedText } from '../../lib/message.js';
import { iso } from '../../platform/clock.js';
import { extractParagraphs, insertComment, insertReport, makeAnchor, touchDiscussion } from '../comments/index.js';
import { insertPendingSubscription, markConfirmed, type SubscriptionKind } from '../subscriptions/index.js';
import { DEMO_DISCUSSIONS, FEATURED_FILLER, type DemoComment } from './demo-discussions.js';
import type { DemoReader } from './demo-people.js';
import { FIRST_NAMES, LAST_NAMES } from './demo-text.js';

type DB = Kysely<Database>;

/** Who wrote what, resolved to rows: staff and readers by account id. */
export interface DemoAccounts {
  staff: Array<{ id: number; name: string; email: string }>;
  readers: Record<DemoReader, { id: number; name: string; email: string }>;
}

export interface SeededArticle {
  id: number;
  slug: string;
  bodyHtml: string;
  publishedAt: Date;
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

interface Made {
  id: number;
  threadId: number;
  depth: number;
  /** created_at in ms: a reply is always later than its parent. */
  at: number;
}

const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '.');

const toHtml = (text: string) =>
  text
    .split(/\n\n+/)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');

/** Depth-first, parents before their replies: cutting the list anywhere keeps every reply's parent. */
function flatten(list: DemoComment[], parent: number | null, out: Array<{ c: DemoComment; parent: number | null }>) {
  for (const c of list) {
    const at = out.length;
    out.push({ c, parent });
    if (c.replies) flatten(c.replies, at, out);
  }
  return out;
}

async function addVotes(db: DB, id: number, up: number, down: number, createdAt: string): Promise<void> {
  if (up + down === 0) return;
  const votes = [...Array<number>(up).fill(1), ...Array<number>(down).fill(-1)].map((value, k) => ({
    comment_id: id,
    voter_key: `g:demo-${k}`,
    value,
    created_at: createdAt,
  }));
  await db.insertInto('votes').values(votes).execute();
  await db
    .updateTable('comments')
    .set({ upvotes: up, downvotes: down, score: up - down })
    .where('id', '=', id)
    .execute();
}

/**
 * Writes one article's discussion. `limit` (the featured article only) makes it exactly that many approved
 * comments: the first ones written by hand, then generated ones about the same story.
 */
export async function seedDiscussion(
  db: DB,
  article: SeededArticle,
  accounts: DemoAccounts,
  now: Date,
  limit?: number,
): Promise<void> {
  const written = flatten(DEMO_DISCUSSIONS[article.slug] ?? [], null, []);
  const take = limit === undefined ? written : written.slice(0, limit);
  const paragraphs = extractParagraphs(article.bodyHtml);
  const made: Made[] = [];
  const end = now.getTime() - 60_000;
  for (const [i, { c, parent }] of take.entries()) {
    const createdAt = iso(new Date(Math.min(end - (take.length - i), article.publishedAt.getTime() + c.at * 3600_000)));
    const up = made[parent ?? -1];
    const author =
      typeof c.by === 'string'
        ? { id: null, name: c.by, email: `${slugOf(c.by)}@example.net` }
        : 'staff' in c.by
          ? accounts.staff[c.by.staff]!
          : accounts.readers[c.by.reader];
    let anchor = null;
    if (c.quote) {
      const paragraph = paragraphs.find((p) => p.text.includes(c.quote!));
      anchor = paragraph ? makeAnchor(paragraph, c.quote) : null;
      if (!anchor) throw new Error(`demo content: “${c.quote}” is not in ${article.slug}`);
    }
    const id = await insertComment(db, {
      articleId: article.id,
      parentId: up?.id ?? null,
      threadId: up?.threadId ?? null,
      depth: up ? up.depth + 1 : 0,
      replyToName: null,
      authorUserId: author.id,
      authorName: author.name,
      authorEmail: author.email,
      ipHash: null,
      bodyHtml: toHtml(c.text),
      bodySource: c.text,
      status: c.held ? 'pending' : 'approved',
      editTokenHash: null,
      createdAt,
      moderationReason: c.held ? storedText(c.held) : null,
      anchor,
    });
    made.push({ id, threadId: up?.threadId ?? id, depth: up ? up.depth + 1 : 0, at: Date.parse(createdAt) });
    await addVotes(db, id, c.up ?? 0, c.down ?? 0, createdAt);
    if (c.report) {
      for (const k of [1, 2])
        await insertReport(db, {
          commentId: id,
          reporterKey: `g:demo-report-${k}`,
          reason: c.report.reason,
          note: k === 1 ? c.report.note : null,
          createdAt: iso(new Date(Math.min(end, Date.parse(createdAt) + k * 1800_000))),
        });
    }
  }
  const approved = take.filter(({ c }) => !c.held).length;
  if (limit !== undefined && limit > approved) await seedFiller(db, article, made, limit - approved, new Date(end));
  await touchDiscussion(db, article.id);
}

/**
 * The n-th combination of one piece from each list, with every piece changing from one n to the next.
 * Distinct for every n below the product of the lengths: n is read as digits (first, qb, k) and each
 * piece is its digit shifted by digits already known, so the pieces give the digits back.
 */
function combine(n: number, a: readonly string[], b: readonly string[], c: readonly string[]): string {
  const first = n % a.length;
  const q = Math.floor(n / a.length);
  const qb = q % b.length;
  const k = Math.floor(q / b.length);
  return `${a[first]} ${b[(qb + first) % b.length]} ${c[(k + first + qb) % c.length]}`;
}

/** Generated comments on the featured article: distinct combinations of FEATURED_FILLER, a third top-level. */
async function seedFiller(db: DB, article: SeededArticle, made: Made[], count: number, end: Date): Promise<void> {
  const r = rng(42);
  const { who, what, end: ending, reply } = FEATURED_FILLER;
  const start = article.publishedAt.getTime();
  const step = Math.max(1000, Math.floor((end.getTime() - start) / (count + 1)));
  let top = 0;
  let answers = 0;
  for (let i = 0; i < count; i++) {
    // Half the replies answer one of the latest comments, so the newest threads (the first page) have replies too.
    const pool = r() < 0.5 ? made.slice(-12) : made;
    const parent = made.length > 0 && r() < 0.66 ? pool[Math.floor(r() * pool.length)]! : null;
    const at = Math.min(end.getTime(), Math.max(start + (i + 1) * step, (parent?.at ?? 0) + 60_000));
    const createdAt = iso(new Date(at));
    // Each index is a different combination, so no two generated comments read the same.
    const text = parent ? combine(answers++, reply, what, who) : combine(top++, who, what, ending);
    const depth = parent ? Math.min(parent.depth + 1, 5) : 0;
    const id = await insertComment(db, {
      articleId: article.id,
      parentId: parent?.id ?? null,
      threadId: parent?.threadId ?? null,
      depth,
      replyToName: null,
      authorUserId: null,
      authorName: `${FIRST_NAMES[Math.floor(r() * FIRST_NAMES.length)]} ${LAST_NAMES[Math.floor(r() * LAST_NAMES.length)]}`,
      authorEmail: `reader${i}@example.net`,
      ipHash: null,
      bodyHtml: `<p>${escapeHtml(text)}</p>`,
      status: 'approved',
      editTokenHash: null,
      createdAt,
    });
    made.push({ id, threadId: parent?.threadId ?? id, depth, at });
    if (r() < 0.4) await addVotes(db, id, Math.floor(r() * 15), Math.floor(r() * 4), createdAt);
  }
}

/** Confirmed "Notify of" subscriptions: commenters who asked to hear of replies, or of every new comment. */
export async function seedSubscriptions(
  db: DB,
  bySlug: Map<string, SeededArticle>,
  accounts: DemoAccounts,
  now: Date,
): Promise<void> {
  const list: Array<[string, string, number | null, SubscriptionKind]> = [
    ['night-buses-return-to-the-outer-districts', 'nkechi.adebayo@example.net', null, 'replies'],
    ['night-buses-return-to-the-outer-districts', accounts.readers.walter.email, accounts.readers.walter.id, 'all'],
    ['wend-floods-harbour-district-overnight', accounts.readers.grace.email, accounts.readers.grace.id, 'all'],
    ['one-landlord-212-code-violations', accounts.readers.hannah.email, accounts.readers.hannah.id, 'all'],
    ['school-board-votes-to-merge-east-primary', 'desmond.clarke@example.net', null, 'replies'],
  ];
  const t = iso(new Date(now.getTime() - 3600_000));
  for (const [slug, email, userId, kind] of list) {
    const article = bySlug.get(slug);
    if (!article) continue;
    const id = await insertPendingSubscription(db, {
      articleId: article.id,
      email,
      userId,
      kind,
      tokenHash: sha256(randomToken()),
      confirmSentAt: t,
      ipHash: null,
      createdAt: t,
    });
    if (id !== undefined)
      await markConfirmed(db, id, { kind, deadTokenHash: sha256(randomToken()), now: t, wasConfirmed: false });
  }
}
