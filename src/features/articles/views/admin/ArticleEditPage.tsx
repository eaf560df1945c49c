import type { AppError } from '../../../../errors.js';
import { useContext } from 'preact/hooks';
import { TimeZoneContext } from '../../../../web/time-zone-context.js';
import { OrphanNotice } from './OrphanNotice.js';
import { AdminNav } from '../../../../web/components/AdminNav.js';
import { DateTime } from '../../../../web/components/Meta.js';
import { Picture } from '../../../images/index.js';
import { ErrorSummary, SelectField, TextArea, TextField, fieldErrors } from '../../../../web/forms.js';
import type { Image } from '../../../images/index.js';
import { snippetOf } from '../../../images/index.js';
import { LIMITS, toLocalInput, type ArticleForm } from '../../article.input.js';
import type { Section } from '../../article.types.js';
import type { BylineCandidate } from '../../article.links.repo.js';
import type { EditableArticle } from '../../article.write.repo.js';
import { slugPath } from '../../../../lib/slug.js';
import { StatusBadge } from './ArticleListPage.js';
import { AutosaveNotice, AutosaveStatus, type AutosaveState } from './EditorAutosave.js';
import { ImageAltDialog, LivePreviewPanel, MarkdownToolbar } from './EditorTools.js';

export interface ArticleEditProps {
  role: string;
  csrf: string;
  /** Absent while writing a new article. */
  article?: EditableArticle;
  values: ArticleForm;
  error?: AppError;
  notice?: string;
  sections: Section[];
  /** Active staff who write, and the article's current bylines whatever their account is now. */
  bylineCandidates: BylineCandidate[];
  /** Recent library images, for the picker and the lead image. */
  images: Image[];
  canPublish: boolean;
  canDelete: boolean;
  /** Open the image picker (just back from uploading an image). */
  pickerOpen?: boolean;
  /** Inline feedback: readers' comments whose passage is gone (src/features/inline). */
  orphanedAnchors?: number;
  /** Autosave of a saved article (none while writing a new one). */
  autosave?: AutosaveState;
}

const LABELS: Record<string, string> = {
  headline: 'Headline',
  slug: 'Address',
  excerpt: 'Excerpt',
  dateline: 'Dateline',
  body: 'Body',
  section: 'Section',
  tags: 'Tags',
  bylines: 'Bylines',
  lead_image: 'Lead image',
  publish_at: 'Publish at',
  correction: 'Correction',
};

/** The form's values for a saved article. */
export function formValuesOf(a: EditableArticle, timeZone: string): ArticleForm {
  return {
    headline: a.headline,
    slug: a.slug,
    excerpt: a.excerpt,
    dateline: a.dateline ?? '',
    body: a.bodyMd,
    section: a.sectionId ? String(a.sectionId) : '',
    tags: a.tagNames.join(', '),
    bylines: a.bylineIds.map(String),
    lead_image: a.leadImageId ? String(a.leadImageId) : '',
    publish_at: toLocalInput(a.publishAt, timeZone),
    revision: String(a.revision),
  };
}

export function ArticleEditPage(p: ArticleEditProps) {
  const a = p.article;
  const errors = fieldErrors(p.error);
  const v = p.values;
  const action = a ? `/admin/articles/${a.id}` : '/admin/articles';
  const timeZone = useContext(TimeZoneContext);
  return (
    <div class="admin-page editor">
      <AdminNav role={p.role} current="/admin/articles" />
      <p class="breadcrumb">
        <a href="/admin/articles">Articles</a>
      </p>
      <h1>{a ? 'Edit article' : 'New article'}</h1>
      {a && (
        <p class="editor-status">
          <StatusBadge item={a} />
          {a.status === 'published' && (
            <>
              {' '}
              · <a href={slugPath('articles', a.slug)}>View on the site</a>
            </>
          )}
          {' · '}
          <a href={`/admin/articles/${a.id}/preview`}>Preview the saved version</a>
          {' · '}
          <a href={`/admin/articles/${a.id}/history`}>History</a>
          {p.canPublish && (
            <>
              {' · '}
              <a href={`/admin/articles/${a.id}/passages`}>Passages and questions</a>
            </>
          )}
        </p>
      )}
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <OrphanNotice orphaned={p.orphanedAnchors ?? 0} />
      {a && p.autosave && <AutosaveNotice articleId={a.id} state={p.autosave} csrf={p.csrf} />}
      <ErrorSummary error={p.error} labels={LABELS} />
      <form
        class="form editor-form"
        method="post"
        action={action}
        id="article-form"
        data-autosave-url={p.autosave?.url}
        data-draft={p.autosave ? String(p.autosave.draft) : undefined}
      >
        <input type="hidden" name="_csrf" value={p.csrf} />
        {a && <input type="hidden" name="id" value={String(a.id)} />}
        {a && <input type="hidden" name="revision" value={v.revision ?? String(a.revision)} />}
        <TextField
          name="headline"
          label="Headline"
          value={v.headline}
          required
          maxLength={LIMITS.headline + 50}
          error={errors.headline}
          inputClass="input-wide"
        />
        <TextField
          name="slug"
          label="Address (slug)"
          value={v.slug}
          maxLength={LIMITS.slug + 20}
          error={errors.slug}
          inputClass="input-wide"
          hint={
            <>
              The article lives at /articles/<i>slug</i>. Leave empty to make one from the headline. When a published
              article’s address changes, the old address keeps working.
            </>
          }
        />
        <TextArea
          name="excerpt"
          label="Excerpt"
          value={v.excerpt}
          rows={2}
          maxLength={LIMITS.excerpt + 100}
          error={errors.excerpt}
          hint="One or two sentences under the headline, in lists and in feeds."
        />
        <TextField
          name="dateline"
          label="Dateline"
          value={v.dateline}
          maxLength={LIMITS.dateline + 20}
          error={errors.dateline}
          hint="Where the story was reported, e.g. RIVERTON."
        />
        <div class="editor-split">
          <div class="editor-write">
            <MarkdownToolbar />
            <TextArea
              name="body"
              label="Body"
              value={v.body}
              rows={22}
              error={errors.body}
              inputClass="editor-body"
              hint={
                <>
                  Markdown. Put a library image on its own line as <code>![alt text](image:ID)</code>. HTML is allowed
                  but scripts, styles and event handlers are removed.
                  <span class="js-only">
                    {' '}
                    Paste or drop an image file here to add it to the library and the body.
                    {a && ' Your typing is autosaved a few seconds after you stop; readers see it only once you save.'}
                  </span>
                </>
              }
            />
            {a && <AutosaveStatus />}
          </div>
          <LivePreviewPanel />
        </div>
        <ImagePicker
          images={p.images}
          open={p.pickerOpen ?? false}
          returnTo={a ? `/admin/articles/${a.id}/edit` : '/admin/articles/new'}
        />
        <SelectField
          name="section"
          label="Section"
          value={v.section}
          error={errors.section}
          options={[
            { value: '', label: 'No section' },
            ...p.sections.map((s) => ({ value: String(s.id), label: s.name })),
          ]}
        />
        <TextField
          name="tags"
          label="Tags"
          value={v.tags}
          error={errors.tags}
          inputClass="input-wide"
          hint="Separate tags with commas; new tags are created."
        />
        <fieldset
          class={errors.bylines ? 'field field-invalid' : 'field'}
          id="field-bylines"
          aria-describedby={errors.bylines ? 'field-bylines-error' : undefined}
        >
          <legend>
            Bylines <span class="required">(at least one)</span>
          </legend>
          {errors.bylines && (
            <p class="field-error" id="field-bylines-error">
              {errors.bylines}
            </p>
          )}
          <ul class="checklist">
            {orderedCandidates(p.bylineCandidates, v.bylines ?? []).map((b) => (
              <li class="field-check">
                <input
                  type="checkbox"
                  id={`byline-${b.id}`}
                  name="bylines"
                  value={String(b.id)}
                  checked={(v.bylines ?? []).includes(String(b.id))}
                />
                <label for={`byline-${b.id}`}>
                  {b.name}
                  {b.former && <span class="hint"> (no longer on the staff; kept while the article carries it)</span>}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <SelectField
          name="lead_image"
          label="Lead image"
          value={v.lead_image}
          error={errors.lead_image}
          hint="Shown in article lists and link previews, and above the article when the body does not place it."
          options={[
            { value: '', label: 'None' },
            ...p.images.map((i) => ({
              value: String(i.id),
              label: `#${i.id} ${i.decorative ? '(decorative)' : truncate(i.alt, 70)}`,
            })),
          ]}
        />
        {p.canPublish && a?.status !== 'published' && (
          <TextField
            name="publish_at"
            label={`Publish at (${timeZone.replaceAll('_', ' ')} time)`}
            type="datetime-local"
            value={v.publish_at}
            error={errors.publish_at}
            hint={`For “Schedule”: the article goes live at this time in the site’s time zone (${timeZone}), once. Around a change of the clocks, a time in the skipped hour means the same time after the change, a time in the repeated hour the first of the two.`}
          />
        )}
        <div class="form-actions">
          <button type="submit" name="intent" value="save">
            {a?.status === 'published' ? 'Update the published article' : a ? 'Save draft' : 'Save as draft'}
          </button>
          <button type="submit" class="button-secondary" formaction="/admin/articles/preview" formtarget="_blank">
            Preview (opens a new tab)
          </button>
          {a && (
            <button
              type="submit"
              class="button-secondary"
              formaction={`/admin/articles/${a.id}/passages/check`}
              formtarget="_blank"
              data-passages-check
            >
              Check passages (opens a new tab)
            </button>
          )}
          {p.canPublish && a?.status !== 'published' && (
            <button type="submit" name="intent" value="schedule" class="button-secondary">
              Schedule
            </button>
          )}
          {p.canPublish && a?.status !== 'published' && (
            <button type="submit" name="intent" value="publish" class="button-publish">
              Publish now
            </button>
          )}
        </div>
      </form>
      <ImageAltDialog />
      {a && <ArticleSideForms {...p} article={a} errors={errors} />}
    </div>
  );
}

/** Bylines already chosen first, in their order; then everyone else by name. */
function orderedCandidates(all: BylineCandidate[], chosen: string[]): BylineCandidate[] {
  const byId = new Map(all.map((b) => [String(b.id), b]));
  const first = chosen.map((id) => byId.get(id)).filter((b): b is BylineCandidate => b !== undefined);
  return [...first, ...all.filter((b) => !chosen.includes(String(b.id)))];
}

const truncate = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Library images with their Markdown snippet; with JavaScript an "Insert" button puts it at the cursor. */
function ImagePicker({ images, returnTo, open }: { images: Image[]; returnTo: string; open: boolean }) {
  return (
    <details class="image-picker" id="image-picker" open={open}>
      <summary>Insert an image from the library</summary>
      <p class="hint">
        Copy a snippet into the body on a line of its own{' '}
        <span class="js-only">or press “Insert” to put it at the cursor</span>.{' '}
        <a href={`/admin/images?return=${encodeURIComponent(returnTo)}`}>Upload a new image</a> (save your draft first).
      </p>
      {images.length === 0 ? (
        <p>The library is empty.</p>
      ) : (
        <ul class="picker-list">
          {images.slice(0, 24).map((img) => (
            <li class="picker-item">
              <Picture image={img} sizes="6rem" class="picker-thumb" />
              <div>
                <label for={`snippet-${img.id}`} class="picker-label">
                  Image {img.id}: {img.decorative ? 'decorative' : truncate(img.alt, 90)}
                </label>
                <input id={`snippet-${img.id}`} class="snippet" type="text" readOnly value={snippetOf(img)} />
                <button
                  type="button"
                  class="js-only button-small"
                  data-insert-snippet={snippetOf(img)}
                  aria-label={`Insert image ${img.id} at the cursor`}
                >
                  Insert
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** Corrections, unpublish and delete: separate forms so each does one thing. */
function ArticleSideForms(p: ArticleEditProps & { article: EditableArticle; errors: Record<string, string> }) {
  const a = p.article;
  return (
    <div class="editor-side">
      {a.status === 'published' && (
        <section aria-labelledby="corrections-heading" class="admin-section">
          <h2 id="corrections-heading">Corrections</h2>
          {a.corrections.length === 0 ? (
            <p>No corrections.</p>
          ) : (
            <ul>
              {a.corrections.map((c) => (
                <li>
                  <DateTime iso={c.createdAt} withTime />: {c.body}
                </li>
              ))}
            </ul>
          )}
          {p.canPublish && (
            <form method="post" action={`/admin/articles/${a.id}/corrections`} class="form">
              <input type="hidden" name="_csrf" value={p.csrf} />
              <TextArea
                name="correction"
                label="Add a correction"
                rows={3}
                maxLength={2100}
                error={p.errors.correction}
                hint="Shown dated under the article, which then says “Updated”. A correction cannot be removed."
              />
              <div>
                <button type="submit">Add correction</button>
              </div>
            </form>
          )}
        </section>
      )}
      {p.canPublish && a.status !== 'draft' && (
        <form method="post" action={`/admin/articles/${a.id}/unpublish`} class="admin-section">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <h2>Take it down</h2>
          <p>
            {a.status === 'published'
              ? 'Unpublishing turns the article back into a draft; its address stops working until it is published again.'
              : 'Cancel the schedule and keep the article as a draft.'}
          </p>
          <button type="submit" class="button-secondary">
            {a.status === 'published' ? 'Unpublish' : 'Cancel schedule'}
          </button>
        </form>
      )}
      {p.canDelete && (
        <p class="admin-section">
          <a href={`/admin/articles/${a.id}/delete`} class="danger-link">
            Delete this article…
          </a>
        </p>
      )}
    </div>
  );
}
