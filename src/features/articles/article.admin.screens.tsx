/**
 * The editor's screens, shared by the article admin routes: the edit form (also after a failed save,
 * with the typing and the messages) and the preview.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { formErrors } from '../../web/forms.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import {
  findArticleForForm,
  findSavedArticleForForm,
  loadEditorScreen,
  type EditableArticle,
  type PreviewScreen,
} from './article.admin.service.js';
import { LIMITS, type ArticleForm } from './article.input.js';
import { ArticlePage } from './views/ArticlePage.js';
import { readSiteIdentity } from '../../platform/site-identity.js';
import { ArticleEditPage, formValuesOf } from './views/admin/ArticleEditPage.js';
import { PreviewBanner } from './views/admin/PreviewBanner.js';
import { findPendingAutosave, type PendingAutosave } from './article.revision.service.js';
import type { AutosaveState } from './views/admin/EditorAutosave.js';

export interface EditScreen {
  article?: EditableArticle;
  values: ArticleForm;
  error?: AppError;
  notice?: string;
  pickerOpen?: boolean;
  /** The pending autosave, when the editor opens a saved article. */
  autosave?: PendingAutosave;
}

/**
 * The error renderers below run for errors raised before a route's own guard too (Fastify reads and
 * validates the body, and refuses one over the limit, before any preHandler): they check for themselves
 * who may see the form, so a guest, a reader or another author never gets an article's form, its text,
 * the staff list or the image library from a malformed or oversized request.
 */
const writer = requireRole('author');

export function editorScreens(app: AppInstance) {
  /** Shows the edit form with the given values and, after a failed save, the error. */
  async function renderEdit(request: FastifyRequest, reply: FastifyReply, o: EditScreen) {
    const viewer = viewerOf(request);
    const screen = await loadEditorScreen(app.deps, viewer, o.article);
    // After a failed save the form shows what was typed; the autosave counter still has to be the stored one.
    const pending = o.autosave ?? (o.article ? await findPendingAutosave(app.deps, o.article) : undefined);
    const autosave: AutosaveState | undefined = o.article
      ? {
          url: `/admin/articles/${o.article.id}/autosave`,
          draft: pending?.current?.draftSeq ?? 0,
          shownAt: o.autosave?.current?.createdAt,
          stale: pending?.stale ? { id: pending.stale.id, at: pending.stale.createdAt } : undefined,
        }
      : undefined;
    const title = o.article
      ? request.i18n.t('editor.edit_title', { headline: o.article.headline })
      : request.i18n.t('editor.new_article');
    return reply.page(
      { title, bodyClass: 'admin', scripts: ['admin.js', 'passages-check.js', 'editor.js'] },
      <ArticleEditPage
        role={viewer.role}
        csrf={reply.formToken()}
        article={o.article}
        values={o.values}
        error={o.error}
        notice={o.notice}
        {...screen}
        pickerOpen={o.pickerOpen}
        autosave={autosave}
      />,
      reply.statusCode >= 400 ? reply.statusCode : 200,
    );
  }

  /** After a failed save: the form again, with what was typed. */
  const editAgain = formErrors(async (request, reply, error) => {
    await writer(request, reply);
    const article = await findArticleForForm(app.deps, viewerOf(request), (request.params as { id?: unknown }).id);
    // Over the limit the request was never read: show the saved version, never an empty form to save over it.
    if (error.code === 'PAYLOAD_TOO_LARGE') {
      const { timeZone } = await readSiteIdentity(app.deps);
      const values = article ? formValuesOf(article, timeZone) : { bylines: [String(viewerOf(request).id)] };
      return renderEdit(request, reply, { article, values, error: articleTooLarge() });
    }
    return renderEdit(request, reply, { article, values: (request.body ?? {}) as ArticleForm, error });
  });

  /** After a failed side action (correction, unpublish): the saved article's form with the message. */
  const sideAgain = formErrors(async (request, reply, error) => {
    await writer(request, reply);
    const article = await findSavedArticleForForm(app.deps, viewerOf(request), (request.params as { id?: unknown }).id);
    const { timeZone } = await readSiteIdentity(app.deps);
    return renderEdit(request, reply, { article, values: formValuesOf(article, timeZone), error });
  });

  async function renderPreview(reply: FastifyReply, { preview: p, cta, editHref }: PreviewScreen, unsaved: boolean) {
    const site = await readSiteIdentity(app.deps);
    const { t } = reply.request.i18n;
    return reply.page(
      {
        title: t('editor.preview_title', { headline: p.article.headline }),
        scripts: ['viewer.js'],
        head: <meta name="robots" content="noindex, nofollow" />,
      },
      <>
        <PreviewBanner editHref={editHref} unsaved={unsaved} />
        <ArticlePage
          article={p.article}
          images={p.images}
          siteName={site.name}
          appeal={site.appeal}
          cta={cta}
          discussion={<p class="preview-note">{t('editor.preview_comments_note')}</p>}
        />
      </>,
    );
  }

  return { renderEdit, renderPreview, editAgain, sideAgain };
}

/** What the editor says when an article is too large to even read (see EDITOR_BODY_LIMIT). */
function articleTooLarge(): AppError {
  return new AppError('ARTICLE_TOO_LARGE', msg('editor.article_too_large'), {
    fields: { body: msg('editor.article_too_large_body', { max: LIMITS.body }) },
  });
}
