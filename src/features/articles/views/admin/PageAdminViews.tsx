/** /admin/pages: the list of the site's pages, the page form and the delete confirmation (all without scripts). */
import type { AppError } from '../../../../errors.js';
import { AdminNav } from '../../../../web/components/AdminNav.js';
import { DateTime } from '../../../../web/components/Meta.js';
import { ErrorSummary, TextArea, TextField, fieldErrors } from '../../../../web/forms.js';
import { slugPath } from '../../../../lib/slug.js';
import type { EditablePage, PageItem } from '../../page.repo.js';
import { PAGE_LIMITS, type PageForm } from '../../page.service.js';
import { useI18n } from '../../../../web/i18n-context.js';
import type { ComponentChildren } from 'preact';

/** The form's field labels, in the page's language. */
const labelsFor = (t: (key: string) => string) => ({
  headline: t('pageadmin.label_headline'),
  slug: t('pageadmin.label_slug'),
  excerpt: t('pageadmin.label_excerpt'),
  body: t('pageadmin.label_body'),
});

const Notice = ({ text }: { text?: string }) =>
  text ? (
    <p class="notice notice-ok" role="status">
      {text}
    </p>
  ) : null;

export function PageListPage({ role, pages, notice }: { role: string; pages: PageItem[]; notice?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="admin-page">
      <AdminNav role={role} current="/admin/pages" />
      <h1>{t('pageadmin.list_heading')}</h1>
      <Notice text={notice} />
      <p>
        {role === 'publisher'
          ? i18n.rich('pageadmin.list_intro_publisher', {
              link: (chunks: ComponentChildren) => <a href="/admin/navigation">{chunks}</a>,
            })
          : t('pageadmin.list_intro')}
      </p>
      <p>
        <a class="button" href="/admin/pages/new">
          {t('pageadmin.new_page')}
        </a>
      </p>
      {pages.length === 0 ? (
        <p>{t('pageadmin.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="admin-table">
            <caption class="visually-hidden">{t('pageadmin.table_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pageadmin.col_title')}</th>
                <th scope="col">{t('pageadmin.col_address')}</th>
                <th scope="col">{t('pageadmin.col_status')}</th>
                <th scope="col">{t('pageadmin.col_updated')}</th>
              </tr>
            </thead>
            <tbody>
              {pages.map((p) => (
                <tr>
                  <td>
                    <a href={`/admin/pages/${p.id}/edit`}>{p.headline}</a>
                  </td>
                  <td>
                    {p.status === 'published' ? (
                      <a href={slugPath('pages', p.slug)}>{slugPath('pages', p.slug)}</a>
                    ) : (
                      slugPath('pages', p.slug)
                    )}
                  </td>
                  <td>
                    <span class={`status status-${p.status}`}>
                      {t(p.status === 'published' ? 'pageadmin.status_published' : 'pageadmin.status_draft')}
                    </span>
                  </td>
                  <td>
                    <DateTime iso={p.updatedAt} withTime />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The form's values: the page's own, or what was sent when the form comes back with errors. */
export const pageFormValues = (p: EditablePage): PageForm => ({
  headline: p.headline,
  slug: p.slug,
  excerpt: p.excerpt,
  body: p.bodyMd,
  comments_open: p.commentsOpen ? '1' : undefined,
  revision: String(p.revision),
});

export function PageEditPage(p: {
  role: string;
  csrf: string;
  /** Absent for a new page. */
  page?: EditablePage;
  values: PageForm;
  error?: AppError;
  notice?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const labels = labelsFor(t);
  const errors = fieldErrors(p.error);
  const v = p.values;
  const page = p.page;
  const action = page ? `/admin/pages/${page.id}` : '/admin/pages';
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/pages" />
      <h1>{page ? t('pageadmin.edit_heading', { headline: page.headline }) : t('pageadmin.new_page')}</h1>
      <Notice text={p.notice} />
      <ErrorSummary error={p.error} labels={labels} />
      {page && (
        <p>
          {page.status === 'published'
            ? i18n.rich('pageadmin.published_at', {
                path: slugPath('pages', page.slug),
                link: (chunks: ComponentChildren) => <a href={slugPath('pages', page.slug)}>{chunks}</a>,
              })
            : t('pageadmin.draft_note')}{' '}
          <a href="/admin/pages">{t('pageadmin.all_pages')}</a>
        </p>
      )}
      <form class="form" method="post" action={action}>
        <input type="hidden" name="_csrf" value={p.csrf} />
        {page && <input type="hidden" name="revision" value={v.revision ?? String(page.revision)} />}
        <TextField
          name="headline"
          label={labels.headline}
          value={v.headline}
          error={errors.headline}
          required
          maxLength={PAGE_LIMITS.headline}
        />
        <TextField
          name="slug"
          label={labels.slug}
          value={v.slug}
          error={errors.slug}
          maxLength={PAGE_LIMITS.slug}
          hint={t('pageadmin.hint_slug')}
        />
        <TextField
          name="excerpt"
          label={labels.excerpt}
          value={v.excerpt}
          error={errors.excerpt}
          maxLength={PAGE_LIMITS.excerpt}
          hint={t('pageadmin.hint_excerpt')}
        />
        <TextArea
          name="body"
          label={labels.body}
          value={v.body}
          error={errors.body}
          rows={18}
          hint={t('pageadmin.hint_body')}
        />
        <div class="field-check">
          <input
            id="field-comments_open"
            type="checkbox"
            name="comments_open"
            value="1"
            checked={v.comments_open === '1'}
          />
          <label for="field-comments_open">{t('pageadmin.comments_open')}</label>
        </div>
        <div class="form-actions">
          <button type="submit" name="intent" value="save">
            {t(page ? 'pageadmin.save' : 'pageadmin.save_draft')}
          </button>
          {page?.status === 'published' ? (
            <button type="submit" name="intent" value="unpublish" class="button-secondary">
              {t('pageadmin.unpublish')}
            </button>
          ) : (
            <button type="submit" name="intent" value="publish" class="button-publish">
              {t('pageadmin.publish')}
            </button>
          )}
        </div>
      </form>
      {page && (
        <p>
          <a href={`/admin/pages/${page.id}/delete`}>{t('pageadmin.delete_link')}</a>
        </p>
      )}
    </div>
  );
}

/** Deleting is final, so it asks first (a page, not a script dialog). */
export function PageDeletePage({ role, csrf, page }: { role: string; csrf: string; page: EditablePage }) {
  const { t } = useI18n();
  return (
    <div class="admin-page">
      <AdminNav role={role} current="/admin/pages" />
      <h1>{t('pageadmin.delete_heading', { headline: page.headline })}</h1>
      <p>{t('pageadmin.delete_explain', { count: page.commentCount })}</p>
      <form method="post" action={`/admin/pages/${page.id}/delete`} class="form-actions">
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit" class="button-danger">
          {t('pageadmin.delete_button')}
        </button>
        <a href={`/admin/pages/${page.id}/edit`}>{t('pageadmin.keep')}</a>
      </form>
    </div>
  );
}
