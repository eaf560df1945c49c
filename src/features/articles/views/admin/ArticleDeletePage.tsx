import { AdminNav } from '../../../../web/components/AdminNav.js';
import type { EditableArticle } from '../../article.write.repo.js';

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
  return (
    <div class="admin-page">
      <AdminNav role={role} current="/admin/articles" />
      <h1>Delete “{article.headline}”?</h1>
      <p>
        This removes the article{article.commentCount > 0 ? `, its ${article.commentCount} comments` : ''} and its
        corrections for good. It cannot be undone.
      </p>
      {article.status === 'published' && canUnpublish && (
        <p>
          To take the article off the site but keep it, <a href={`/admin/articles/${article.id}/edit`}>unpublish it</a>{' '}
          instead.
        </p>
      )}
      <form method="post" action={`/admin/articles/${article.id}/delete`} class="form-actions">
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit" class="button-danger">
          Delete for good
        </button>
        <a href={`/admin/articles/${article.id}/edit`}>Keep it</a>
      </form>
    </div>
  );
}
