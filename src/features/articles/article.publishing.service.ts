/**
 * The newsroom's status changes for articles: publish now, schedule, unpublish, and the scheduled-
 * publishing job. Each runs in one transaction, checks the role rules of article.policy.ts itself, and
 * records what it did in the audit log. Saving (article.service.ts) applies the same changes when the
 * edit form asks for them.
 */
import type { Kysely } from 'kysely';
import { msg, type Text } from '../../lib/message.js';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { assertCan, canPublish, type Actor } from './article.policy.js';
import type { ArticleStatus } from './article.table.js';
import {
  claimScheduledArticle,
  findDueScheduledIds,
  findEditableArticle,
  setArticleStatus,
  type EditableArticle,
} from './article.write.repo.js';

/** What the newsroom's status changes use from the context (hooks: others react to a publication). */
type EditorialCtx = Pick<Deps, 'db' | 'clock' | 'hooks'>;

/** Publishes now (editor). */
export async function publishArticle(ctx: EditorialCtx, actor: Actor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await loadForDesk(trx, actor, id, msg('editor.publish_editor_only'));
    if (a.bodyMd.trim() === '') throw bodyRequired();
    if (a.status !== 'published') await publishNow(trx, ctx.hooks, actor, id, now);
  });
}

/** Schedules publication at `publishAt` (editor); the publisher job publishes it then, exactly once. */
export async function scheduleArticle(ctx: EditorialCtx, actor: Actor, id: number, publishAt: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await loadForDesk(trx, actor, id, msg('editor.schedule_editor_only'));
    await schedule(trx, actor, a, publishAt, now);
  });
}

/** Takes a published or scheduled article back to draft (editor). Its address answers 404 until republished. */
export async function unpublishArticle(ctx: EditorialCtx, actor: Actor, id: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await loadForDesk(trx, actor, id, msg('editor.unpublish_editor_only'));
    if (a.status === 'draft') return;
    await setArticleStatus(trx, id, { status: 'draft', publishAt: null }, iso(now));
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'article.unpublish',
        subjectType: 'article',
        subjectId: id,
        before: { status: a.status },
      },
      now,
    );
    // afterArticleChange(id, 'unpublish'): search indexing and feed invalidation hook here (discovery feature).
  });
}

/**
 * The scheduled-publishing job: publishes every article whose time has come. Safe to run in every app
 * process at once: each article is claimed by a conditional UPDATE (see claimScheduledArticle), and its
 * audit entry is written in the same transaction as the claim. Returns the ids this process published.
 */
export async function publishDueArticles(ctx: EditorialCtx): Promise<number[]> {
  const at = ctx.clock.now();
  const now = iso(at);
  const published: number[] = [];
  for (const id of await findDueScheduledIds(ctx.db.kysely, now, 100)) {
    const won = await ctx.db.kysely.transaction().execute(async (trx) => {
      if (!(await claimScheduledArticle(trx, id, now))) return false;
      await recordAudit(
        trx,
        {
          actorUserId: null,
          action: 'article.publish',
          subjectType: 'article',
          subjectId: id,
          after: { scheduled: true },
        },
        at,
      );
      await ctx.hooks.articles.published.run(trx, { articleId: id, now: at });
      // afterArticleChange(id, 'publish'): search indexing and feed invalidation hook here (discovery feature).
      return true;
    });
    if (won) published.push(id);
  }
  return published;
}

async function loadForDesk(db: Kysely<Database>, actor: Actor, id: number, why: Text): Promise<EditableArticle> {
  const a = await findEditableArticle(db, id);
  if (!a) throw notFound('ARTICLE_NOT_FOUND', 'article');
  assertCan(canPublish(actor), 'ARTICLE_PUBLISH_FORBIDDEN', why);
  return a;
}

/** Publishes now; the first publication time is kept when an article is published again. */
export async function publishNow(
  db: Kysely<Database>,
  hooks: Pick<Deps['hooks'], 'articles'>,
  actor: Actor,
  id: number,
  now: Date,
): Promise<ArticleStatus> {
  await setArticleStatus(db, id, { status: 'published', publishAt: null, publishedAt: iso(now) }, iso(now));
  await recordAudit(
    db,
    { actorUserId: actor.id, action: 'article.publish', subjectType: 'article', subjectId: id },
    now,
  );
  await hooks.articles.published.run(db, { articleId: id, now });
  // afterArticleChange(id, 'publish'): search indexing and feed invalidation hook here (discovery feature).
  return 'published';
}

/** Schedules within the caller's transaction: only a draft, only for a time in the future, never an empty article. */
export async function schedule(
  db: Kysely<Database>,
  actor: Actor,
  a: { id: number; status: ArticleStatus; bodyMd: string },
  publishAt: string | null,
  now: Date,
): Promise<ArticleStatus> {
  if (a.status === 'published') {
    throw new AppError('ARTICLE_ALREADY_PUBLISHED', msg('editor.already_published'), {
      fields: { publish_at: msg('editor.already_published_field') },
    });
  }
  if (!publishAt || publishAt <= iso(now)) {
    throw new AppError('ARTICLE_PUBLISH_AT_PAST', msg('editor.publish_at_past'), {
      fields: { publish_at: msg('editor.publish_at_past_field') },
    });
  }
  if (a.bodyMd.trim() === '') throw bodyRequired();
  await setArticleStatus(db, a.id, { status: 'scheduled', publishAt }, iso(now));
  await recordAudit(
    db,
    {
      actorUserId: actor.id,
      action: 'article.schedule',
      subjectType: 'article',
      subjectId: a.id,
      after: { publishAt },
    },
    now,
  );
  return 'scheduled';
}

/** Readers never get an empty article. */
export const bodyRequired = (): AppError =>
  new AppError('ARTICLE_BODY_REQUIRED', msg('editor.body_required'), {
    fields: { body: msg('editor.body_required_field') },
  });
