import { AdminNav } from '../../../../web/components/AdminNav.js';
import type { EditableArticle } from '../../article.write.repo.js';
import { useI18n } from '../../../../web/i18n-context.js';

/** Deleting is final, so it asks first (a page, not a script dialog: it works without JavaScript). */
export function ArticleDeletePage({
  role,
  csrf,
  article,
  canUnpublish,
}: {
  role: string;
  csrf: string;
  article: EditableArticle;
  canUnpublish: boolean;
}) {
  const { t, rich } = useI18n();
  return (
    <div class="admin-page">
      <AdminNav role={role} current="/admin/articles" />
      <h1>{t('editor.delete_heading', { headline: article.headline })}</h1>
      <p>{t('editor.delete_explain', { count: article.commentCount })}</p>
      {article.status === 'published' && canUnpublish && (
        <p>
          {rich('editor.delete_unpublish_instead', {
            link: (chunks: string[]) => <a href={`/admin/articles/${article.id}/edit`}>{chunks}</a>,
          })}
        </p>
      )}
      <form method="post" action={`/admin/articles/${article.id}/delete`} class="form-actions">
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit" class="button-danger">
          {t('editor.delete_for_good')}
        </button>
        <a href={`/admin/articles/${article.id}/edit`}>{t('editor.keep_it')}</a>
      </form>
    </div>
  );
}
