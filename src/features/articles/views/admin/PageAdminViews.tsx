/** /admin/pages: the list of the site's pages, the page form and the delete confirmation (all without scripts). */
import type { AppError } from '../../../../errors.js';
import { AdminNav } from '../../../../web/components/AdminNav.js';
import { DateTime } from '../../../../web/components/Meta.js';
import { ErrorSummary, TextArea, TextField, fieldErrors } from '../../../../web/forms.js';
import { slugPath } from '../../../../lib/slug.js';
import type { EditablePage, PageItem } from '../../page.repo.js';
import { PAGE_LIMITS, type PageForm } from '../../page.service.js';

const LABELS = { headline: 'Title', slug: 'Address (slug)', excerpt: 'Summary', body: 'Text' };

const Notice = ({ text }: { text?: string }) =>
  text ? (
    <p class="notice notice-ok" role="status">
      {text}
    </p>
  ) : null;

export function PageListPage({ role, pages, notice }: { role: string; pages: PageItem[]; notice?: string }) {
  return (
    <div class="admin-page">
      <AdminNav role={role} current="/admin/pages" />
      <h1>Pages</h1>
      <Notice text={notice} />
      <p>
        The site’s own pages: About, Contact, Ethics policy … Each has its address (/pages/…) and never appears in
        listings, feeds or search. Put one in the header or the footer under{' '}
        {role === 'publisher' ? <a href="/admin/navigation">Navigation</a> : 'Navigation (publisher)'}.
      </p>
      <p>
        <a class="button" href="/admin/pages/new">
          New page
        </a>
      </p>
      {pages.length === 0 ? (
        <p>No pages yet.</p>
      ) : (
        <div class="table-wrap">
          <table class="admin-table">
            <caption class="visually-hidden">Pages, by title</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Address</th>
                <th scope="col">Status</th>
                <th scope="col">Last change</th>
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
                    <span class={`status status-${p.status}`}>{p.status === 'published' ? 'Published' : 'Draft'}</span>
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
  const errors = fieldErrors(p.error);
  const v = p.values;
  const page = p.page;
  const action = page ? `/admin/pages/${page.id}` : '/admin/pages';
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/pages" />
      <h1>{page ? `Edit “${page.headline}”` : 'New page'}</h1>
      <Notice text={p.notice} />
      <ErrorSummary error={p.error} labels={LABELS} />
      {page && (
        <p>
          {page.status === 'published' ? (
            <>
              Published at <a href={slugPath('pages', page.slug)}>{slugPath('pages', page.slug)}</a>.
            </>
          ) : (
            'A draft: not on the site.'
          )}{' '}
          <a href="/admin/pages">All pages</a>
        </p>
      )}
      <form class="form" method="post" action={action}>
        <input type="hidden" name="_csrf" value={p.csrf} />
        {page && <input type="hidden" name="revision" value={v.revision ?? String(page.revision)} />}
        <TextField
          name="headline"
          label={LABELS.headline}
          value={v.headline}
          error={errors.headline}
          required
          maxLength={PAGE_LIMITS.headline}
        />
        <TextField
          name="slug"
          label={LABELS.slug}
          value={v.slug}
          error={errors.slug}
          maxLength={PAGE_LIMITS.slug}
          hint="The page’s address: /pages/ and this. Leave empty to make it from the title."
        />
        <TextField
          name="excerpt"
          label={LABELS.excerpt}
          value={v.excerpt}
          error={errors.excerpt}
          maxLength={PAGE_LIMITS.excerpt}
          hint="One or two sentences under the title and in search engines’ results. Optional."
        />
        <TextArea
          name="body"
          label={LABELS.body}
          value={v.body}
          error={errors.body}
          rows={18}
          hint="Markdown, as in articles: blank lines between paragraphs, ## for a heading, [text](https://…) for a link."
        />
        <div class="field-check">
          <input
            id="field-comments_open"
            type="checkbox"
            name="comments_open"
            value="1"
            checked={v.comments_open === '1'}
          />
          <label for="field-comments_open">Readers may comment on this page</label>
        </div>
        <div class="form-actions">
          <button type="submit" name="intent" value="save">
            {page ? 'Save' : 'Save draft'}
          </button>
          {page?.status === 'published' ? (
            <button type="submit" name="intent" value="unpublish" class="button-secondary">
              Save and take off the site
            </button>
          ) : (
            <button type="submit" name="intent" value="publish" class="button-publish">
              Save and publish
            </button>
          )}
        </div>
      </form>
      {page && (
        <p>
          <a href={`/admin/pages/${page.id}/delete`}>Delete this page</a>
        </p>
      )}
    </div>
  );
}

/** Deleting is final, so it asks first (a page, not a script dialog). */
export function PageDeletePage({ role, csrf, page }: { role: string; csrf: string; page: EditablePage }) {
  return (
    <div class="admin-page">
      <AdminNav role={role} current="/admin/pages" />
      <h1>Delete “{page.headline}”?</h1>
      <p>
        This removes the page{page.commentCount > 0 ? ` and its ${page.commentCount} comments` : ''} for good; its
        address will answer “not found”, and a navigation item pointing at it disappears. It cannot be undone.
      </p>
      <form method="post" action={`/admin/pages/${page.id}/delete`} class="form-actions">
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit" class="button-danger">
          Delete for good
        </button>
        <a href={`/admin/pages/${page.id}/edit`}>Keep it</a>
      </form>
    </div>
  );
}
