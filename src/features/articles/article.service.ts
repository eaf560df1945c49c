/**
 * The newsroom's verbs for articles: save (create or update, with the status change the form asks
 * for), delete, correct. (Publishing, scheduling and unpublishing on their own are in
 * article.publishing.service.ts.) Each runs in one transaction, checks the role rules of
 * article.policy.ts itself, and records what it did in the audit log, so a rejected or failed call
 * changes nothing.
 *
 * Invariants kept here:
 * - body_html is always renderArticleBody(body_md), and article_images lists exactly the library images
 *   placed in the body.
 * - An address that was ever public keeps working: a published article's former slugs redirect (301).
 * - A slug belongs to one article, as its address or as a former address.
 */
import type { Kysely } from 'kysely';
import { msg, type Text } from '../../lib/message.js';
import type { Database } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import { slugify } from '../../lib/slug.js';
import type { Deps } from '../../deps.js';
import { bodyRequired, publishNow, schedule } from './article.publishing.service.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { findImagesByIds } from '../images/index.js';
import { imageIdsInBody, renderArticleBody } from './article.markdown.js';
import type { ArticleInput } from './article.input.js';
import {
  assertCan,
  canCorrect,
  canDelete,
  canEdit,
  canPublish,
  canWrite,
  deleteRefusal,
  type Actor,
} from './article.policy.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { ArticleStatus } from './article.table.js';
import {
  existingBylineIds,
  findSlugHolder,
  findTagNamesBySlugs,
  findTakenSlugs,
  forgetOldSlug,
  rememberOldSlug,
  replaceArticleImages,
  replaceBylines,
  replaceTags,
  sectionExists,
} from './article.links.repo.js';
import {
  deleteArticleRow,
  findEditableArticle,
  insertArticle,
  insertCorrection,
  updateArticleFields,
  type ArticleFields,
  type EditableArticle,
} from './article.write.repo.js';
import { giveAuthorPages } from '../accounts/index.js';
import { insertRevision } from './article.revision.repo.js';

/** Saved revisions kept per article; older ones are deleted as new ones are saved. */
export const REVISIONS_KEPT = 100;

/** Saving an article also runs the reactions other features registered (passage anchors follow the text). */
type SaveCtx = Pick<Deps, 'db' | 'clock' | 'hooks'>;

/** What the edit form asks for besides saving the fields. */
export type SaveIntent = 'save' | 'publish' | 'schedule';

export interface SaveCommand {
  /** Absent for a new article. */
  id?: number;
  /** The revision the form was opened at (required for an existing article). */
  revision?: number;
  input: ArticleInput;
  intent: SaveIntent;
  /** ISO time, for intent 'schedule'. */
  publishAt?: string | null;
  /** How the revision history records it: a 'restore' brought back an earlier text. Default 'save'. */
  kind?: 'save' | 'restore';
}

export interface SavedArticle {
  id: number;
  slug: string;
  status: ArticleStatus;
}

/** Creates or updates an article from the edit form and applies the requested status change. */
export async function saveArticle(ctx: SaveCtx, actor: Actor, cmd: SaveCommand): Promise<SavedArticle> {
  const at = ctx.clock.now();
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const existing = cmd.id !== undefined ? await findEditableArticle(trx, cmd.id) : undefined;
      if (cmd.id !== undefined && !existing) throw notFound('ARTICLE_NOT_FOUND', 'article');
      if (existing)
        assertCan(
          canEdit(actor, existing),
          'ARTICLE_EDIT_FORBIDDEN',
          existing.status === 'draft' && existing.publishedAt === null
            ? msg('editor.edit_own_drafts_only')
            : msg('editor.edit_published_editor_only'),
        );
      else assertCan(canWrite(actor), 'ARTICLE_WRITE_FORBIDDEN', msg('editor.write_forbidden'));
      if (cmd.intent !== 'save')
        assertCan(canPublish(actor), 'ARTICLE_PUBLISH_FORBIDDEN', msg('editor.publish_or_schedule_editor_only'));
      if (existing && cmd.revision !== existing.revision) {
        throw new AppError('ARTICLE_EDIT_CONFLICT', msg('editor.edit_conflict'));
      }

      const fields = await checkedFields(trx, actor, cmd, existing);
      const now = iso(at);
      let id: number;
      if (existing) {
        if (!(await updateArticleFields(trx, existing.id, existing.revision, fields, now))) {
          throw new AppError('ARTICLE_EDIT_CONFLICT', msg('editor.edit_conflict_race'));
        }
        id = existing.id;
        if (fields.slug !== existing.slug) {
          if (existing.publishedAt !== null) await rememberOldSlug(trx, id, existing.slug);
          await forgetOldSlug(trx, id, fields.slug);
        }
      } else {
        id = await insertArticle(trx, fields, now);
      }
      await replaceBylines(trx, id, cmd.input.bylineIds);
      await giveAuthorPages(trx, cmd.input.bylineIds);
      await replaceTags(trx, id, cmd.input.tags);
      await replaceArticleImages(trx, id, imageIdsInBody(fields.bodyHtml));
      // The history keeps the text of every save (and a save ends the pending autosave).
      await insertRevision(
        trx,
        {
          articleId: id,
          kind: cmd.kind ?? 'save',
          articleRevision: existing ? existing.revision + 1 : 0,
          headline: fields.headline,
          excerpt: fields.excerpt,
          dateline: fields.dateline,
          bodyMd: fields.bodyMd,
          by: actor.id,
          at: now,
        },
        REVISIONS_KEPT,
      );
      // Readers' passage anchors follow the new text (inline feedback), in this same transaction.
      if (existing) await ctx.hooks.articles.bodyChanged.run(trx, { articleId: id, bodyHtml: fields.bodyHtml });
      await recordAudit(
        trx,
        {
          actorUserId: actor.id,
          action: cmd.kind === 'restore' ? 'article.restore' : existing ? 'article.update' : 'article.create',
          subjectType: 'article',
          subjectId: id,
          after: { headline: fields.headline, slug: fields.slug },
        },
        at,
      );

      let status: ArticleStatus = existing?.status ?? 'draft';
      // Readers never get an empty article: not by publishing one, scheduling one, or emptying one that is out.
      const goesOut =
        cmd.intent === 'publish' || cmd.intent === 'schedule' || status === 'published' || status === 'scheduled';
      if (goesOut && fields.bodyMd.trim() === '') throw bodyRequired();
      if (cmd.intent === 'publish' && status !== 'published') status = await publishNow(trx, ctx.hooks, actor, id, at);
      // A published article saved again: others hear of the new version (outgoing webhooks).
      else if (existing?.status === 'published') await ctx.hooks.articles.updated.run(trx, { articleId: id, now: at });
      if (cmd.intent === 'schedule')
        status = await schedule(trx, actor, { id, status, bodyMd: fields.bodyMd }, cmd.publishAt ?? null, at);
      // afterArticleChange(id, existing ? 'update' : 'create'): search indexing and feed invalidation hook here (discovery feature).
      return { id, slug: fields.slug, status };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken(msg('editor.slug_taken_race'));
    throw err;
  }
}

/** Checks everything that needs the database and builds the row; throws VALIDATION with every field's message. */
async function checkedFields(
  db: Kysely<Database>,
  actor: Actor,
  cmd: SaveCommand,
  existing: EditableArticle | undefined,
): Promise<ArticleFields> {
  const { input } = cmd;
  const errors: Record<string, Text> = {};
  if (input.sectionId !== null && !(await sectionExists(db, input.sectionId)))
    errors.section = msg('editor.section_invalid');
  // A byline the article already carries stays valid when its account is disabled or demoted since.
  const staff = await existingBylineIds(db, input.bylineIds);
  if (input.bylineIds.some((b) => !staff.has(b) && !existing?.bylineIds.includes(b)))
    errors.bylines = msg('editor.byline_not_staff');
  else if (!canPublish(actor) && !input.bylineIds.includes(actor.id)) errors.bylines = msg('editor.byline_keep_own');

  const bodyHtml = renderArticleBody(input.bodyMd);
  const wanted = [...imageIdsInBody(bodyHtml), ...(input.leadImageId !== null ? [input.leadImageId] : [])];
  const found = await findImagesByIds(db, wanted);
  const missing = imageIdsInBody(bodyHtml).filter((i) => !found.has(i));
  if (missing.length)
    errors.body = msg('editor.body_images_missing', {
      count: missing.length,
      ids: missing.map((i) => `image:${i}`).join(', '),
    });
  if (input.leadImageId !== null && !found.has(input.leadImageId)) errors.lead_image = msg('editor.lead_image_invalid');

  const slug = await resolveSlug(db, input, existing, errors);
  const tagClash = await tagNameClash(db, input.tags);
  if (tagClash && !errors.tags) errors.tags = tagClash;
  if (Object.keys(errors).length > 0) {
    throw new AppError('ARTICLE_INVALID', msg('editor.fields_need_attention'), { fields: errors });
  }
  return {
    slug,
    headline: input.headline,
    excerpt: input.excerpt,
    bodyMd: input.bodyMd,
    bodyHtml,
    dateline: input.dateline,
    sectionId: input.sectionId,
    leadImageId: input.leadImageId,
  };
}

/**
 * A tag is found by its slug, so a typed name whose slug an existing tag of another name owns ("Cafe"
 * after "Café") would silently show that other name: say so instead. Case alone is the same tag.
 */
async function tagNameClash(db: Kysely<Database>, tags: ArticleInput['tags']): Promise<Text | null> {
  const known = await findTagNamesBySlugs(
    db,
    tags.map((t) => t.slug),
  );
  const clash = tags.find((t) => known.has(t.slug) && known.get(t.slug)!.toLowerCase() !== t.name.toLowerCase());
  return clash
    ? msg('editor.tag_clash', { name: clash.name, existing: known.get(clash.slug) ?? '', slug: clash.slug })
    : null;
}

/**
 * The slug the editor typed must be free; an empty one is derived from the headline and numbered until
 * free. An existing article keeps its slug when the field is emptied (addresses should not drift).
 */
async function resolveSlug(
  db: Kysely<Database>,
  input: ArticleInput,
  existing: EditableArticle | undefined,
  errors: Record<string, Text>,
): Promise<string> {
  if (input.slug !== '') {
    const holder = await findSlugHolder(db, input.slug);
    if (holder && holder.articleId !== existing?.id) {
      errors.slug = holder.former
        ? msg('editor.slug_former', { headline: holder.headline })
        : msg('editor.slug_taken', { headline: holder.headline });
    }
    return input.slug;
  }
  if (existing) return existing.slug;
  const base = slugify(input.headline || 'untitled', 100);
  // Numbered in batches of 50 candidates, one query each: a newsroom with a thousand "Live: election
  // results" (or emoji-only, 'untitled') drafts still gets a free address at once.
  for (let from = 1; from <= SLUG_NUMBERS; from += 50) {
    const candidates = Array.from({ length: 50 }, (_, i) => (from + i === 1 ? base : `${base}-${from + i}`));
    const taken = await findTakenSlugs(db, candidates);
    const free = candidates.find((c) => !taken.has(c));
    if (free) return free;
  }
  errors.slug = msg('editor.slug_exhausted');
  return base;
}

/** How far resolveSlug numbers a headline's address before asking for a slug. */
const SLUG_NUMBERS = 5000;

/** Deletes an article with its comments (editor; an author their own never-published draft; the publisher one with corrections). */
export async function deleteArticle(ctx: Pick<Deps, 'db' | 'clock'>, actor: Actor, id: number): Promise<void> {
  const at = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await findEditableArticle(trx, id);
    if (!a) throw notFound('ARTICLE_NOT_FOUND', 'article');
    assertCan(canDelete(actor, a), 'ARTICLE_DELETE_FORBIDDEN', deleteRefusal(a));
    await deleteArticleRow(trx, id);
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'article.delete',
        subjectType: 'article',
        subjectId: id,
        before: { headline: a.headline, slug: a.slug, status: a.status, comments: a.commentCount },
      },
      at,
    );
    // afterArticleChange(id, 'delete'): search indexing and feed invalidation hook here (discovery feature).
  });
}

/** Appends a dated correction note to a published article (editor). Notes are never edited away. */
export async function addCorrection(
  ctx: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  id: number,
  body: string,
): Promise<number> {
  const at = ctx.clock.now();
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length < 10)
    throw new AppError('CORRECTION_NOTE_INVALID', msg('editor.correction_too_short'), {
      fields: { correction: msg('editor.correction_too_short_field') },
    });
  if (text.length > 2000)
    throw new AppError('CORRECTION_NOTE_INVALID', msg('editor.correction_too_long'), {
      fields: { correction: msg('editor.correction_too_long_field') },
    });
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await findEditableArticle(trx, id);
    if (!a) throw notFound('ARTICLE_NOT_FOUND', 'article');
    assertCan(canCorrect(actor), 'ARTICLE_CORRECT_FORBIDDEN', msg('editor.correction_editor_only'));
    if (a.status !== 'published')
      throw new AppError('CORRECTION_NOT_PUBLISHED', msg('editor.correction_not_published'), {
        fields: { correction: msg('editor.correction_not_published_field') },
      });
    const correctionId = await insertCorrection(trx, {
      articleId: id,
      body: text,
      createdBy: actor.id,
      createdAt: iso(at),
    });
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'article.correct',
        subjectType: 'article',
        subjectId: id,
        after: { correctionId, body: text },
      },
      at,
    );
    // afterArticleChange(id, 'correct'): search indexing and feed invalidation hook here (discovery feature).
    return correctionId;
  });
}

const slugTaken = (message: Text): AppError =>
  new AppError('ARTICLE_SLUG_TAKEN', message, { fields: { slug: message } });
