/** legacy_redirects: old addresses of an imported site → the article, section, tag or author they became. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

type DB = Kysely<Database>;

/** What an old address points at: one of these ids. */
export interface RedirectTarget {
  articleId?: number;
  sectionId?: number;
  tagId?: number;
  userId?: number;
}

export interface NewRedirect {
  path: string;
  target: RedirectTarget;
  /** The item's own `<link>` (see LegacyRedirectTable.from_link). */
  fromLink?: boolean;
}

/** A recorded address: its target, and whether it is an item's own link. */
export interface RecordedRedirect extends RedirectTarget {
  fromLink: boolean;
}

const targetColumns = (t: RedirectTarget) => ({
  article_id: t.articleId ?? null,
  section_id: t.sectionId ?? null,
  tag_id: t.tagId ?? null,
  user_id: t.userId ?? null,
});

/** The current slugs of an old address's target (only the one that applies is set). */
export interface ResolvedRedirect {
  /** Set only while the article is published: a redirect must not reveal a draft's slug. */
  articleSlug: string | null;
  /** 'page' for an imported WordPress page (served at /pages/<slug>). */
  articleKind: 'article' | 'page' | null;
  sectionSlug: string | null;
  tagSlug: string | null;
  userSlug: string | null;
}

const SLICE = 500;

/** The targets already recorded for these old addresses, by address. */
export async function findRedirectTargets(db: DB, paths: string[]): Promise<Map<string, RecordedRedirect>> {
  const out = new Map<string, RecordedRedirect>();
  const unique = [...new Set(paths)];
  for (let i = 0; i < unique.length; i += SLICE) {
    const rows = await db
      .selectFrom('legacy_redirects')
      .select(['path', 'article_id', 'section_id', 'tag_id', 'user_id', 'from_link'])
      .where('path', 'in', unique.slice(i, i + SLICE))
      .execute();
    for (const r of rows)
      out.set(r.path, {
        fromLink: r.from_link === 1,
        ...(r.article_id !== null ? { articleId: r.article_id } : {}),
        ...(r.section_id !== null ? { sectionId: r.section_id } : {}),
        ...(r.tag_id !== null ? { tagId: r.tag_id } : {}),
        ...(r.user_id !== null ? { userId: r.user_id } : {}),
      });
  }
  return out;
}

/** Records old addresses; one already recorded (by this or another import) keeps its first target. */
export async function insertRedirects(db: DB, source: string, rows: NewRedirect[], now: Date): Promise<void> {
  const t = now.toISOString();
  for (let i = 0; i < rows.length; i += SLICE) {
    const slice = rows.slice(i, i + SLICE);
    if (slice.length === 0) continue;
    await db
      .insertInto('legacy_redirects')
      .values(
        slice.map((r) => ({
          path: r.path,
          source,
          from_link: r.fromLink ? 1 : 0,
          ...targetColumns(r.target),
          created_at: t,
        })),
      )
      .onConflict((oc) => oc.column('path').doNothing())
      .execute();
  }
}

/** An item's own link takes over an address another item recorded as a generic permalink shape. */
export async function claimRedirect(db: DB, source: string, path: string, target: RedirectTarget): Promise<void> {
  await db
    .updateTable('legacy_redirects')
    .set({ ...targetColumns(target), source, from_link: 1 })
    .where('path', '=', path)
    .where('from_link', '=', 0)
    .execute();
}

/** One indexed read (the unique path) with the target's current slug; undefined for an unknown address. */
export async function resolveRedirect(db: DB, path: string): Promise<ResolvedRedirect | undefined> {
  return db
    .selectFrom('legacy_redirects as r')
    .leftJoin('articles as a', (j) => j.onRef('a.id', '=', 'r.article_id').on('a.status', '=', 'published'))
    .leftJoin('sections as s', 's.id', 'r.section_id')
    .leftJoin('tags as t', 't.id', 'r.tag_id')
    .leftJoin('users as u', 'u.id', 'r.user_id')
    .select([
      'a.slug as articleSlug',
      'a.kind as articleKind',
      's.slug as sectionSlug',
      't.slug as tagSlug',
      'u.slug as userSlug',
    ])
    .where('r.path', '=', path)
    .executeTakeFirst();
}
