/** Small builders for test data, through the same repositories the app uses. */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { insertUser } from '../../src/features/accounts/user.repo.js';
import type { Role } from '../../src/features/accounts/user.table.js';
import { deriveCardImage } from '../../src/features/articles/article.card-image.repo.js';
import { renderArticleBody } from '../../src/features/articles/article.markdown.js';
import { hashPassword } from '../../src/lib/crypto.js';
import { slugify } from '../../src/lib/slug.js';

let n = 0;

export async function makeUser(
  db: Kysely<Database>,
  over: { role?: Role; email?: string; name?: string; password?: string } = {},
): Promise<{ id: number; email: string; password: string }> {
  n++;
  const email = over.email ?? `user${n}-${Date.now()}@example.test`;
  const password = over.password ?? `pw-${n}-correct-horse`;
  const name = over.name ?? `User ${n}`;
  const id = await insertUser(db, {
    email,
    displayName: name,
    slug: over.role && over.role !== 'reader' ? `${slugify(name)}-${n}` : null,
    role: over.role ?? 'reader',
    passwordHash: await hashPassword(password),
    createdAt: new Date().toISOString(),
  });
  return { id, email, password };
}

export async function makeArticle(
  db: Kysely<Database>,
  over: {
    headline?: string;
    body?: string;
    slug?: string;
    status?: 'draft' | 'scheduled' | 'published';
    publishedAt?: string;
    authorIds?: number[];
  } = {},
): Promise<{ id: number; slug: string }> {
  n++;
  const headline = over.headline ?? `Test article ${n}`;
  const slug = over.slug ?? `${slugify(headline)}-${n}`;
  const body = over.body ?? 'First paragraph.\n\nSecond paragraph.';
  const now = over.publishedAt ?? new Date(Date.now() - 60_000).toISOString();
  const status = over.status ?? 'published';
  const { id } = await db
    .insertInto('articles')
    .values({
      slug,
      headline,
      excerpt: 'An excerpt.',
      body_md: body,
      body_html: renderArticleBody(body),
      dateline: null,
      section_id: null,
      lead_image_id: null,
      card_image_id: await deriveCardImage(db, null, renderArticleBody(body)),
      status,
      published_at: status === 'published' ? now : null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [position, user_id] of (over.authorIds ?? []).entries())
    await db.insertInto('article_authors').values({ article_id: id, user_id, position }).execute();
  return { id, slug };
}
