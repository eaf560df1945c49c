/**
 * What the editor's pages show: the article list, the edit form's choices, the delete page and the
 * previews. Each loader checks the viewer's rules (article.policy.ts) itself, so a route only renders.
 */
import type { Deps } from '../../deps.js';
import { msg } from '../../lib/message.js';
import { AppError, notFound } from '../../errors.js';
import { isRowId } from '../../lib/ids.js';
import { listLibraryImages, type Image } from '../images/index.js';
import { formId, parseArticleForm, type ArticleForm } from './article.input.js';
import { listBylineCandidates, type BylineCandidate } from './article.links.repo.js';
import {
  canDelete,
  canEdit,
  canPublish,
  canView,
  deleteRefusal,
  unpublishedVisibleTo,
  type Actor,
} from './article.policy.js';
import { previewBody, previewInput, previewSaved, type Preview } from './article.preview.js';
import { listSections } from './article.repo.js';
import type { ArticleStatus } from './article.table.js';
import type { Section } from './article.types.js';
import {
  countArticlesByStatus,
  findEditableArticle,
  listAdminArticles,
  type AdminArticleItem,
  type EditableArticle,
} from './article.write.repo.js';
import { getCtaPlacement } from './cta.settings.js';
import { findPendingAutosave, type PendingAutosave } from './article.revision.service.js';
import type { CtaPlacement } from './views/ArticlePage.js';

/** The article as the edit form needs it (the routes do not import repositories). */
export type { EditableArticle };

export const ARTICLE_LIST_PAGE = 30;

export interface ArticleListFilters {
  status?: ArticleStatus;
  q?: string;
  mine?: '1';
  /** The cursor: `<updatedAt>~<id>` of the last article of the page before. */
  after?: string;
}

export interface ArticleList {
  items: Array<AdminArticleItem & { editable: boolean; viewable: boolean }>;
  counts: Record<ArticleStatus, number>;
  /** Query string of the next page, when there is one. */
  nextQuery: string | null;
}

/** One page of /admin/articles: an author sees published articles and the unpublished ones they carry. */
export async function loadArticleList(
  deps: Pick<Deps, 'db'>,
  viewer: Actor,
  f: ArticleListFilters,
): Promise<ArticleList> {
  const { db } = deps;
  const { status, q = '', mine, after } = f;
  const [cursorAt, cursorId] = after ? after.split('~') : [];
  const unpublishedOf = unpublishedVisibleTo(viewer);
  const [rows, counts] = await Promise.all([
    listAdminArticles(db.kysely, db.dialect, {
      status,
      q: q.trim() || undefined,
      bylineUserId: mine ? viewer.id : undefined,
      unpublishedOf,
      limit: ARTICLE_LIST_PAGE + 1,
      after: cursorAt && cursorId ? { updatedAt: cursorAt, id: Number(cursorId) } : undefined,
    }),
    countArticlesByStatus(db.kysely, unpublishedOf),
  ]);
  const page = rows.slice(0, ARTICLE_LIST_PAGE);
  const items = page.map((a) => {
    const owned = { status: a.status, bylineIds: a.bylines.map((b) => b.id), publishedAt: a.publishedAt };
    return { ...a, editable: canEdit(viewer, owned), viewable: canView(viewer, owned) };
  });
  let nextQuery: string | null = null;
  if (rows.length > ARTICLE_LIST_PAGE) {
    const last = page[page.length - 1]!;
    const p = new URLSearchParams({
      ...(status ? { status } : {}),
      ...(q ? { q } : {}),
      ...(mine ? { mine } : {}),
      after: `${last.updatedAt}~${last.id}`,
    });
    nextQuery = p.toString();
  }
  return { items, counts, nextQuery };
}

export interface EditorScreen {
  sections: Section[];
  bylineCandidates: BylineCandidate[];
  images: Image[];
  canPublish: boolean;
  canDelete: boolean;
  /** Readers' passage comments whose passage the article no longer has. */
  orphanedAnchors: number;
}

/** What the edit form offers besides the article: sections, bylines, recent images, what the viewer may do. */
export async function loadEditorScreen(
  deps: Pick<Deps, 'db' | 'hooks'>,
  viewer: Actor,
  article: EditableArticle | undefined,
): Promise<EditorScreen> {
  const { db } = deps;
  const [sections, bylineCandidates, images, orphanedAnchors] = await Promise.all([
    listSections(db.kysely),
    listBylineCandidates(db.kysely, article?.bylineIds),
    listLibraryImages(db.kysely, db.dialect, { limit: 60 }),
    article ? deps.hooks.articles.reading.get().orphanedComments(db.kysely, article.id) : 0,
  ]);
  return {
    sections,
    bylineCandidates,
    images,
    canPublish: canPublish(viewer),
    canDelete: article ? canDelete(viewer, article) : false,
    orphanedAnchors,
  };
}

/**
 * The article to open in the editor; `{ readOnly }` (its preview) when it is not the viewer's to edit
 * (or no longer a draft), rather than a dead end.
 */
export async function openArticleEditor(
  deps: Pick<Deps, 'db'>,
  viewer: Actor,
  id: number,
): Promise<{ article: EditableArticle; autosave: PendingAutosave } | { readOnly: string }> {
  const article = await findEditableArticle(deps.db.kysely, id);
  if (!article) throw notFound('ARTICLE_NOT_FOUND', 'article');
  // A page has its own editor (the article editor would give it a section, bylines and tags).
  if (article.kind === 'page') return { readOnly: `/admin/pages/${article.id}/edit` };
  if (!canEdit(viewer, article)) return { readOnly: `/admin/articles/${article.id}/preview` };
  return { article, autosave: await findPendingAutosave(deps, article) };
}

/**
 * The article a failed form post belongs to, for showing its form again: none for a new article (no
 * id). The id comes from params that may be what failed validation ("/admin/articles/abc"), so it is
 * checked before any query; someone who may not edit the article never gets its form.
 */
export async function findArticleForForm(
  deps: Pick<Deps, 'db'>,
  viewer: Actor,
  rawId: unknown,
): Promise<EditableArticle | undefined> {
  if (rawId === undefined) return undefined;
  return findSavedArticleForForm(deps, viewer, rawId);
}

/** As findArticleForForm, for a form that always belongs to a saved article (corrections, unpublish). */
export async function findSavedArticleForForm(
  deps: Pick<Deps, 'db'>,
  viewer: Actor,
  rawId: unknown,
): Promise<EditableArticle> {
  const id = Number(rawId);
  const article = isRowId(id) ? await findEditableArticle(deps.db.kysely, id) : undefined;
  if (!article) throw notFound('ARTICLE_NOT_FOUND', 'article');
  if (!canEdit(viewer, article)) throw new AppError('ARTICLE_EDIT_FORBIDDEN', msg('editor.edit_forbidden'));
  return article;
}

/** The page that asks before deleting: only for who may delete the article. */
export async function loadDeletePage(
  deps: Pick<Deps, 'db'>,
  viewer: Actor,
  id: number,
): Promise<{ article: EditableArticle; canUnpublish: boolean }> {
  const article = await findEditableArticle(deps.db.kysely, id);
  if (!article) throw notFound('ARTICLE_NOT_FOUND', 'article');
  if (!canDelete(viewer, article)) throw new AppError('ARTICLE_DELETE_FORBIDDEN', deleteRefusal(article));
  return { article, canUnpublish: canPublish(viewer) };
}

export interface PreviewScreen {
  preview: Preview;
  cta: CtaPlacement;
  /** Where the banner's "back" link goes: the editor when the viewer may edit, else the list. */
  editHref: string | null;
}

/** The saved version of an article as readers would see it. */
export async function loadSavedPreview(deps: Pick<Deps, 'db'>, viewer: Actor, id: number): Promise<PreviewScreen> {
  const db = deps.db.kysely;
  const preview = await previewSaved(db, viewer, id);
  const [editable, cta] = await Promise.all([findEditableArticle(db, id), getCtaPlacement(db)]);
  return {
    preview,
    cta,
    editHref: editable && canEdit(viewer, editable) ? `/admin/articles/${id}/edit` : '/admin/articles',
  };
}

/** The edit form's unsaved input as readers would see it (a byline the form got wrong is left out). */
export async function loadUnsavedPreview(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: Actor,
  form: ArticleForm & { id?: string },
): Promise<PreviewScreen> {
  const db = deps.db.kysely;
  const { input, errors } = parseArticleForm(form);
  const preview = await previewInput(
    db,
    viewer,
    { ...input, bylineIds: errors.bylines ? [] : input.bylineIds },
    formId(form.id),
    deps.clock.now(),
  );
  return { preview, cta: await getCtaPlacement(db), editHref: null };
}

/** The body as readers will see it and the article's share card, for the editor's side-by-side preview. */
export async function loadLivePreview(
  deps: Pick<Deps, 'db'>,
  viewer: Actor,
  input: { bodyMd: string; headline: string; excerpt: string; leadImageId: number | null },
): Promise<Awaited<ReturnType<typeof previewBody>>> {
  return previewBody(deps.db.kysely, viewer, input);
}
