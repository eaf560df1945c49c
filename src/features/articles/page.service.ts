/**
 * The newsroom's verbs for pages (About, Contact, Ethics policy …): save (create or update, publishing or taking
 * off the site as the form asks) and delete. Editors only. Each runs in one transaction with its audit entry, so a
 * refused or failed call changes nothing. A page has no section, tags, byline or schedule; its comments are
 * closed unless the editor opens them.
 *
 * Invariants (shared with articles, whose table pages live in): body_html is renderArticleBody(body_md) and
 * article_images lists the library images placed in the body; a slug belongs to one article or page; a page
 * that was ever public keeps its former slugs as redirects.
 */
import { AppError, notFound } from '../../errors.js';
import { msg, type Text } from '../../lib/message.js';
import type { Deps } from '../../deps.js';
import { iso } from '../../platform/clock.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { isSlug, normalizeSlug, slugify } from '../../lib/slug.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { findImagesByIds } from '../images/index.js';
import { imageIdsInBody, renderArticleBody } from './article.markdown.js';
import { assertCan, canPublish, type Actor } from './article.policy.js';
import {
  findSlugHolder,
  findTakenSlugs,
  forgetOldSlug,
  rememberOldSlug,
  replaceArticleImages,
} from './article.links.repo.js';
import { deleteArticleRow } from './article.write.repo.js';
import {
  findEditablePage,
  insertPage,
  listPages,
  setPageStatus,
  updatePage,
  type EditablePage,
  type PageFields,
  type PageItem,
} from './page.repo.js';

/** The page form as the browser sends it (every value a string; an unticked box absent). */
export interface PageForm {
  headline?: string;
  slug?: string;
  excerpt?: string;
  body?: string;
  comments_open?: string;
  revision?: string;
}

export interface SavePageCommand {
  /** Absent for a new page. */
  id?: number;
  form: PageForm;
  /** 'publish' puts it on the site, 'unpublish' takes it off, 'save' keeps its status. */
  intent: 'save' | 'publish' | 'unpublish';
}

export const PAGE_LIMITS = { headline: 200, slug: 120, excerpt: 400, body: 200_000 } as const;

const invalid = (fields: Record<string, Text>) =>
  new AppError('PAGE_INVALID', msg('editor.fields_need_attention'), { fields });

/** Shape and length of the fields, with a message per field. */
function parsePageForm(form: PageForm): Omit<PageFields, 'bodyHtml'> & { errors: Record<string, Text> } {
  const errors: Record<string, Text> = {};
  const headline = (form.headline ?? '').replace(/\s+/g, ' ').trim();
  if (headline === '') errors.headline = msg('editor.page_title_required');
  else if (headline.length > PAGE_LIMITS.headline)
    errors.headline = msg('editor.page_title_too_long', { max: PAGE_LIMITS.headline, length: headline.length });
  const slug = normalizeSlug(form.slug ?? '');
  if (slug !== '' && (!isSlug(slug) || slug.length > PAGE_LIMITS.slug))
    errors.slug = msg('editor.slug_invalid', { max: PAGE_LIMITS.slug, example: slugify(headline || 'about-us') });
  const excerpt = (form.excerpt ?? '').replace(/\s+/g, ' ').trim();
  if (excerpt.length > PAGE_LIMITS.excerpt)
    errors.excerpt = msg('editor.page_summary_too_long', { max: PAGE_LIMITS.excerpt, length: excerpt.length });
  const bodyMd = (form.body ?? '').replace(/\r\n?/g, '\n');
  if (bodyMd.length > PAGE_LIMITS.body) errors.body = msg('editor.page_body_too_long', { max: PAGE_LIMITS.body });
  return { headline, slug, excerpt, bodyMd, commentsOpen: form.comments_open === '1', errors };
}

/** Creates or updates a page and applies the status change the form asks for; returns its id and slug. */
export async function savePage(
  ctx: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  cmd: SavePageCommand,
): Promise<{ id: number; slug: string; status: 'draft' | 'published' }> {
  assertCan(canPublish(actor), 'ARTICLE_WRITE_FORBIDDEN', msg('editor.page_editor_only'));
  const at = ctx.clock.now();
  const now = iso(at);
  const { errors, ...parsed } = parsePageForm(cmd.form);
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const existing = cmd.id !== undefined ? await findEditablePage(trx, cmd.id) : undefined;
      if (cmd.id !== undefined && !existing) throw notFound('PAGE_NOT_FOUND', 'page');
      if (existing && cmd.form.revision !== String(existing.revision))
        throw new AppError('ARTICLE_EDIT_CONFLICT', msg('editor.page_edit_conflict'));
      const bodyHtml = renderArticleBody(parsed.bodyMd);
      const placed = imageIdsInBody(bodyHtml);
      const found = await findImagesByIds(trx, placed);
      const missing = placed.filter((i) => !found.has(i));
      if (missing.length)
        errors.body = msg('editor.page_images_missing', { ids: missing.map((i) => `image:${i}`).join(', ') });
      const status =
        cmd.intent === 'publish' ? 'published' : cmd.intent === 'unpublish' ? 'draft' : (existing?.status ?? 'draft');
      if (status === 'published' && parsed.bodyMd.trim() === '' && !errors.body)
        errors.body = msg('editor.page_body_required');
      const slug = await resolvePageSlug(trx, parsed.slug, parsed.headline, existing, errors);
      if (Object.keys(errors).length > 0) throw invalid(errors);

      const fields: PageFields = { ...parsed, slug, bodyHtml };
      let id: number;
      if (existing) {
        if (!(await updatePage(trx, existing.id, existing.revision, fields, now)))
          throw new AppError('ARTICLE_EDIT_CONFLICT', msg('editor.page_edit_conflict_race'));
        id = existing.id;
        if (slug !== existing.slug) {
          if (existing.publishedAt !== null) await rememberOldSlug(trx, id, existing.slug);
          await forgetOldSlug(trx, id, slug);
        }
      } else {
        id = await insertPage(trx, fields, now);
      }
      if (status !== (existing?.status ?? 'draft')) await setPageStatus(trx, id, status, now);
      await replaceArticleImages(trx, id, placed);
      await recordAudit(
        trx,
        {
          actorUserId: actor.id,
          action: existing ? 'page.update' : 'page.create',
          subjectType: 'page',
          subjectId: id,
          ...(existing
            ? { before: { headline: existing.headline, slug: existing.slug, status: existing.status } }
            : {}),
          after: { headline: fields.headline, slug, status },
        },
        at,
      );
      return { id, slug, status };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw invalid({ slug: msg('editor.page_slug_taken_race') });
    throw err;
  }
}

/** The typed slug if free; else derived from the title and numbered until free; an existing page keeps its own. */
async function resolvePageSlug(
  db: Parameters<typeof findSlugHolder>[0],
  typed: string,
  headline: string,
  existing: { id: number; slug: string } | undefined,
  errors: Record<string, Text>,
): Promise<string> {
  if (typed !== '') {
    const holder = await findSlugHolder(db, typed);
    if (holder && holder.articleId !== existing?.id)
      errors.slug = holder.former
        ? msg('editor.slug_former', { headline: holder.headline })
        : msg('editor.slug_taken', { headline: holder.headline });
    return typed;
  }
  if (existing) return existing.slug;
  const base = slugify(headline || 'page', 100);
  const candidates = Array.from({ length: 50 }, (_, i) => (i === 0 ? base : `${base}-${i + 1}`));
  const taken = await findTakenSlugs(db, candidates);
  const free = candidates.find((c) => !taken.has(c));
  if (!free) errors.slug = msg('editor.page_slug_exhausted');
  return free ?? base;
}

/** Deletes a page (editor), with any comments it had; its address then answers 404. */
export async function deletePage(ctx: Pick<Deps, 'db' | 'clock'>, actor: Actor, id: number): Promise<void> {
  assertCan(canPublish(actor), 'ARTICLE_DELETE_FORBIDDEN', msg('editor.page_delete_editor_only'));
  const at = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const page = await findEditablePage(trx, id);
    if (!page) throw notFound('PAGE_NOT_FOUND', 'page');
    await deleteArticleRow(trx, id);
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'page.delete',
        subjectType: 'page',
        subjectId: id,
        before: { headline: page.headline, slug: page.slug, status: page.status, comments: page.commentCount },
      },
      at,
    );
  });
}

export type { EditablePage, PageItem };

/** Every page for the admin list (editor). */
export async function loadPageList(ctx: Pick<Deps, 'db'>): Promise<PageItem[]> {
  return listPages(ctx.db.kysely);
}

/** A page for its edit or delete form; `required` throws PAGE_NOT_FOUND instead of answering undefined. */
export async function openPage(ctx: Pick<Deps, 'db'>, id: number, required: true): Promise<EditablePage>;
export async function openPage(ctx: Pick<Deps, 'db'>, id: number, required?: false): Promise<EditablePage | undefined>;
export async function openPage(ctx: Pick<Deps, 'db'>, id: number, required = false): Promise<EditablePage | undefined> {
  const page = await findEditablePage(ctx.db.kysely, id);
  if (!page && required) throw notFound('PAGE_NOT_FOUND', 'page');
  return page;
}
