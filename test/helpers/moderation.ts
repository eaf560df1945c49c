/** Builders for moderation tests: comments inserted through the discussion's repository, signed-in staff. */
import type { Kysely } from 'kysely';
import type { AppInstance } from '../../src/app.js';
import type { Database } from '../../src/db/database.js';
import type { CommentStatus } from '../../src/features/comments/comment.table.js';
import { insertComment, touchDiscussion } from '../../src/features/comments/comment.write.repo.js';
import { hmac } from '../../src/lib/crypto.js';
import type { Role } from '../../src/features/accounts/user.table.js';
import { TEST_SECRET } from './build-test-app.js';
import { makeUser } from './factories.js';
import { formSession, type FormSession } from './forms.js';

export interface CommentSeed {
  articleId: number;
  status?: CommentStatus;
  authorName?: string;
  authorUserId?: number | null;
  authorEmail?: string | null;
  ip?: string | null;
  text?: string;
  reason?: string | null;
  createdAt?: string;
}

let seq = 0;

/** A comment as the discussion would store it (IP as hmac(SECRET_KEY, ip)), with the article recounted. */
export async function addComment(db: Kysely<Database>, c: CommentSeed): Promise<number> {
  seq++;
  const id = await insertComment(db, {
    articleId: c.articleId,
    parentId: null,
    threadId: null,
    depth: 0,
    replyToName: null,
    authorUserId: c.authorUserId ?? null,
    authorName: c.authorName ?? `Commenter ${seq}`,
    authorEmail: c.authorEmail === undefined ? `commenter${seq}@example.test` : c.authorEmail,
    ipHash: c.ip === null ? null : hmac(TEST_SECRET, c.ip ?? `192.0.2.${seq % 250}`),
    bodyHtml: `<p>${c.text ?? `Comment number ${seq}.`}</p>`,
    status: c.status ?? 'pending',
    editTokenHash: null,
    createdAt: c.createdAt ?? new Date().toISOString(),
    moderationReason: c.reason ?? null,
  });
  await touchDiscussion(db, c.articleId);
  return id;
}

export async function statusOf(db: Kysely<Database>, id: number): Promise<CommentStatus> {
  return (await db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

/** A new account with this role, signed in through the real login form. */
export async function signedIn(
  app: AppInstance,
  db: Kysely<Database>,
  role: Role,
  name?: string,
): Promise<{ s: FormSession; id: number }> {
  const u = await makeUser(db, { role, name });
  const s = await formSession(app, '/login');
  const res = await s.post('/login', { email: u.email, password: u.password, next: '/' });
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`);
  return { s, id: u.id };
}

export async function auditOf(db: Kysely<Database>, subjectType: string, subjectId: number | string) {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', String(subjectId))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    actor: r.actor_user_id,
    action: r.action,
    before: r.before ? (JSON.parse(r.before) as unknown) : null,
    after: r.after ? (JSON.parse(r.after) as unknown) : null,
  }));
}
