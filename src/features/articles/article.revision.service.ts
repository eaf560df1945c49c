/**
 * The editor's history and autosave: the revisions of an article, the diff of one against the current
 * text, restoring one (a new save, with the usual concurrency check), and the pending autosave.
 *
 * Invariant: an autosave never touches the article row. It is the writer's unsaved typing, kept in one
 * row per article (article_revisions, kind 'autosave'); readers, feeds and the saved preview see only what
 * was saved. The edit form offers the autosave back while it was typed on the article's current revision.
 */
import type { Deps } from '../../deps.js';
import { msg } from '../../lib/message.js';
import { AppError, notFound } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { diffLines, type DiffLine } from '../../lib/line-diff.js';
import { LIMITS, parseArticleForm } from './article.input.js';
import { assertCan, canEdit, canView, type Actor } from './article.policy.js';
import {
  deleteAutosave,
  findAutosave,
  findRevision,
  listRevisions,
  writeAutosave,
  type Revision,
  type RevisionText,
} from './article.revision.repo.js';
import { REVISIONS_KEPT, saveArticle, type SavedArticle } from './article.service.js';
import { findEditableArticle, type EditableArticle } from './article.write.repo.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'hooks'>;

export type { Revision };

export interface History {
  article: EditableArticle;
  revisions: Revision[];
  /** The pending autosave, if any. */
  autosave: Revision | undefined;
  canRestore: boolean;
}

async function articleFor(ctx: Pick<Deps, 'db'>, viewer: Actor, id: number, edit: boolean): Promise<EditableArticle> {
  const article = await findEditableArticle(ctx.db.kysely, id);
  if (!article) throw notFound('ARTICLE_NOT_FOUND', 'article');
  if (edit) assertCan(canEdit(viewer, article), 'ARTICLE_EDIT_FORBIDDEN', msg('editor.edit_forbidden'));
  else assertCan(canView(viewer, article), 'ARTICLE_EDIT_FORBIDDEN', msg('editor.history_own_only'));
  return article;
}

/** The history screen: saved revisions newest first, and the pending autosave. */
export async function loadHistory(ctx: Pick<Deps, 'db'>, viewer: Actor, id: number): Promise<History> {
  const article = await articleFor(ctx, viewer, id, false);
  const [revisions, autosave] = await Promise.all([
    listRevisions(ctx.db.kysely, id, REVISIONS_KEPT),
    findAutosave(ctx.db.kysely, id),
  ]);
  return { article, revisions, autosave, canRestore: canEdit(viewer, article) };
}

export interface RevisionDiff {
  article: EditableArticle;
  revision: Revision;
  /** Per field, the revision's text (before) against the article's current text (after). */
  fields: Array<{ name: keyof RevisionText; label: string; lines: DiffLine[] }>;
  canRestore: boolean;
}

const FIELD_LABELS: Array<[keyof RevisionText, string]> = [
  ['headline', 'Headline'],
  ['excerpt', 'Excerpt'],
  ['dateline', 'Dateline'],
  ['bodyMd', 'Body'],
];

/** One revision against the article as it is now. */
export async function loadRevisionDiff(
  ctx: Pick<Deps, 'db'>,
  viewer: Actor,
  id: number,
  revisionId: number,
): Promise<RevisionDiff> {
  const article = await articleFor(ctx, viewer, id, false);
  const revision = await findRevision(ctx.db.kysely, id, revisionId);
  if (!revision) throw notFound('ARTICLE_REVISION_NOT_FOUND', 'revision');
  const fields = FIELD_LABELS.map(([name, label]) => ({
    name,
    label,
    lines: diffLines(revision[name] ?? '', article[name] ?? ''),
  }));
  return { article, revision, fields, canRestore: canEdit(viewer, article) };
}

/**
 * Brings back a revision's text as a new save (kind 'restore'): the article's other fields (address,
 * section, tags, bylines, status) stay as they are. `expectedRevision` is the article's revision the
 * restoring page was opened at; a save since then is a conflict, as on the edit form.
 */
export async function restoreRevision(
  ctx: Ctx,
  viewer: Actor,
  id: number,
  revisionId: number,
  expectedRevision: number,
): Promise<SavedArticle> {
  const article = await articleFor(ctx, viewer, id, true);
  const revision = await findRevision(ctx.db.kysely, id, revisionId);
  if (!revision) throw notFound('ARTICLE_REVISION_NOT_FOUND', 'revision');
  const { input, errors } = parseArticleForm({
    headline: revision.headline,
    slug: article.slug,
    excerpt: revision.excerpt,
    dateline: revision.dateline ?? '',
    body: revision.bodyMd,
    section: article.sectionId ? String(article.sectionId) : '',
    tags: article.tagNames.join(', '),
    bylines: article.bylineIds.map(String),
    lead_image: article.leadImageId ? String(article.leadImageId) : '',
  });
  if (Object.keys(errors).length > 0)
    throw new AppError('ARTICLE_INVALID', msg('editor.revision_not_restorable'), {
      fields: errors,
    });
  return saveArticle(ctx, viewer, { id, revision: expectedRevision, input, intent: 'save', kind: 'restore' });
}

/** What the autosave script sends. */
export interface AutosaveInput {
  headline: string;
  excerpt: string;
  dateline: string;
  body: string;
  /** The article's revision the form was opened at (or last saved as). */
  revision: number;
  /** The autosave counter this tab last saw (0: none yet). */
  draft: number;
}

/** Keeps the writer's unsaved typing as the article's pending autosave; never changes the article itself. */
export async function autosaveArticle(
  ctx: Pick<Deps, 'db' | 'clock'>,
  viewer: Actor,
  id: number,
  a: AutosaveInput,
): Promise<{ draft: number; savedAt: string }> {
  const at = ctx.clock.now();
  if (
    a.headline.length > LIMITS.headline + 50 ||
    a.excerpt.length > LIMITS.excerpt + 100 ||
    a.body.length > LIMITS.body
  )
    throw new AppError('ARTICLE_INVALID', msg('editor.autosave_too_long'));
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const article = await findEditableArticle(trx, id);
      if (!article) throw notFound('ARTICLE_NOT_FOUND', 'article');
      assertCan(canEdit(viewer, article), 'ARTICLE_EDIT_FORBIDDEN', msg('editor.edit_forbidden'));
      if (article.revision !== a.revision)
        throw new AppError('ARTICLE_EDIT_CONFLICT', msg('editor.autosave_edit_conflict'));
      const seq = await writeAutosave(trx, {
        articleId: id,
        articleRevision: article.revision,
        expectedSeq: a.draft,
        headline: a.headline,
        excerpt: a.excerpt,
        dateline: a.dateline === '' ? null : a.dateline,
        bodyMd: a.body.replace(/\r\n?/g, '\n'),
        by: viewer.id,
        at: iso(at),
      });
      if (seq === null) throw autosaveConflict();
      return { draft: seq, savedAt: iso(at) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw autosaveConflict();
    throw err;
  }
}

/** The autosave the edit form offers back: only one typed on the article's current revision. */
export interface PendingAutosave {
  /** Typed on the article's current revision: the form shows it. */
  current: Revision | undefined;
  /** Typed on an older revision (someone saved since): the form only points to it. */
  stale: Revision | undefined;
}

export async function findPendingAutosave(ctx: Pick<Deps, 'db'>, article: EditableArticle): Promise<PendingAutosave> {
  const autosave = await findAutosave(ctx.db.kysely, article.id);
  if (!autosave) return { current: undefined, stale: undefined };
  return autosave.articleRevision === article.revision
    ? { current: autosave, stale: undefined }
    : { current: undefined, stale: autosave };
}

/** The edit form's text fields from a revision (the others stay as saved). */
export const textValuesOf = (r: RevisionText) => ({
  headline: r.headline,
  excerpt: r.excerpt,
  dateline: r.dateline ?? '',
  body: r.bodyMd,
});

/** Throws away the pending autosave (the writer chose the saved text). */
export async function discardAutosave(ctx: Pick<Deps, 'db' | 'clock'>, viewer: Actor, id: number): Promise<void> {
  const at = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const article = await findEditableArticle(trx, id);
    if (!article) throw notFound('ARTICLE_NOT_FOUND', 'article');
    assertCan(canEdit(viewer, article), 'ARTICLE_EDIT_FORBIDDEN', msg('editor.edit_forbidden'));
    await deleteAutosave(trx, id);
    await recordAudit(
      trx,
      { actorUserId: viewer.id, action: 'article.autosave.discard', subjectType: 'article', subjectId: id },
      at,
    );
  });
}

const autosaveConflict = (): AppError => new AppError('ARTICLE_AUTOSAVE_CONFLICT', msg('editor.autosave_conflict'));
