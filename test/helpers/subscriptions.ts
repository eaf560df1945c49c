/** Walking the "Notify of" flows like a reader: the form, the mail, the link, the button. */
import { insertComment } from '../../src/features/comments/comment.write.repo.js';
import { drainOutbox } from '../../src/platform/outbox.service.js';
import { announceApproval } from '../../src/features/comments/comment-approval.js';
import type { TestApp } from './build-test-app.js';
import { expect } from 'vitest';
import { formSession, SAME_ORIGIN, type FormSession } from './forms.js';
import { linkIn, type ReceivedMail, type TestSmtp } from './smtp.js';

/** Path and query of an absolute link from a mail, for app.inject. */
export const pathOf = (url: string): string => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

let ipNo = 0;

/**
 * Fills in the standalone form as a guest (or with the given session). Without a session, each call
 * comes from its own address, so tests that subscribe many times do not hit the per-IP burst limit.
 */
export async function askToSubscribe(
  t: TestApp,
  input: { articleId: number; email: string; kind: 'all' | 'replies'; ip?: string },
  s?: FormSession,
) {
  const form = { articleId: String(input.articleId), email: input.email, kind: input.kind };
  if (s) {
    await s.get(`/subscriptions/new?article=${input.articleId}`);
    return s.post('/subscriptions', form);
  }
  ipNo++;
  const remoteAddress = input.ip ?? `10.9.${Math.floor(ipNo / 250) % 250}.${(ipNo % 250) + 1}`;
  const page = await t.app.inject({ url: `/subscriptions/new?article=${input.articleId}`, remoteAddress });
  // A public page carries no token and sets no cookie: the browser's Sec-Fetch-Site is the check.
  expect(page.headers['set-cookie']).toBeUndefined();
  return t.app.inject({
    method: 'POST',
    url: '/subscriptions',
    remoteAddress,
    headers: { ...SAME_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
}

/** Sends what is queued and returns the mails that arrived for `to` since `from`. */
export async function deliver(t: TestApp, smtp: TestSmtp, to?: string): Promise<ReceivedMail[]> {
  const before = smtp.received.length;
  const { sent } = await drainOutbox(t.deps);
  await smtp.waitFor(before + sent);
  return smtp.received.slice(before).filter((m) => !to || m.to.includes(to));
}

/** Opens the confirmation link of a mail and presses the button. Returns the POST response. */
export async function confirmFromMail(t: TestApp, mail: ReceivedMail) {
  const link = linkIn(mail.text, `${t.deps.config.siteUrl}/subscriptions/confirm?token=`);
  const s = await formSession(t.app);
  const page = await s.get(pathOf(link));
  const res = await s.post('/subscriptions/confirm', { token: new URL(link).searchParams.get('token')! });
  return { page, res, session: s };
}

/** Subscribes and confirms through the real mail; returns the subscription id. */
export async function subscribeConfirmed(
  t: TestApp,
  smtp: TestSmtp,
  input: { articleId: number; email: string; kind: 'all' | 'replies' },
): Promise<number> {
  await askToSubscribe(t, input);
  const [mail] = await deliver(t, smtp, input.email);
  if (!mail) throw new Error(`no confirmation mail for ${input.email}`);
  await confirmFromMail(t, mail);
  const row = await t.deps.db.kysely
    .selectFrom('subscriptions')
    .select(['id', 'status'])
    .where('article_id', '=', input.articleId)
    .where('email', '=', input.email)
    .executeTakeFirstOrThrow();
  if (row.status !== 'confirmed') throw new Error('subscription not confirmed');
  return row.id;
}

let commentNo = 0;

/** Stores an approved comment and tells subscriptions, in one transaction, as the discussion does. */
export async function approvedComment(
  t: TestApp,
  c: {
    articleId: number;
    parentId?: number | null;
    name: string;
    email?: string | null;
    userId?: number | null;
    text?: string;
  },
): Promise<number> {
  const now = t.deps.clock.now();
  return t.deps.db.kysely.transaction().execute(async (trx) => {
    let threadId: number | null = null;
    let depth = 0;
    if (c.parentId) {
      const parent = await trx
        .selectFrom('comments')
        .select(['thread_id', 'depth'])
        .where('id', '=', c.parentId)
        .executeTakeFirstOrThrow();
      threadId = parent.thread_id;
      depth = parent.depth + 1;
    }
    const commentId = await insertComment(trx, {
      articleId: c.articleId,
      parentId: c.parentId ?? null,
      threadId,
      depth,
      replyToName: null,
      authorUserId: c.userId ?? null,
      authorName: c.name,
      authorEmail: c.email ?? null,
      ipHash: null,
      bodyHtml: `<p>${c.text ?? `Comment number ${++commentNo}`}</p>`,
      status: 'approved',
      editTokenHash: null,
      createdAt: now.toISOString(),
    });
    await announceApproval(trx, t.deps.hooks.comments, {
      commentId,
      articleId: c.articleId,
      parentId: c.parentId ?? null,
      authorEmail: c.email ?? null,
      authorUserId: c.userId ?? null,
      now,
    });
    return commentId;
  });
}
