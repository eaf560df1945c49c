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
import { useI18n } from '../../../../web/i18n-context.js';

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

/** The fields the error summary names; each one's name is `editor.label_<field>`. */
const LABELLED_FIELDS = [
  'headline',
  'slug',
  'excerpt',
  'dateline',
  'body',
  'section',
  'tags',
  'bylines',
  'lead_image',
  'publish_at',
  'correction',
];

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
  const { t, rich } = useI18n();
  const labels = Object.fromEntries(LABELLED_FIELDS.map((f) => [f, t(`editor.label_${f}`)]));
  const bodyHint = (
    <>
      {rich('editor.body_hint', { code: (chunks: string[]) => <code>{chunks}</code> })}
      <span class="js-only">
        {' '}
        {t('editor.body_hint_js')}
        {a && ` ${t('editor.body_hint_autosave')}`}
      </span>
    </>
  );
  return (
    <div class="admin-page editor">
      <AdminNav role={p.role} current="/admin/articles" />
      <p class="breadcrumb">
        <a href="/admin/articles">{t('editor.articles_heading')}</a>
      </p>
      <h1>{a ? t('editor.edit_heading') : t('editor.new_article')}</h1>
      {a && (
        <p class="editor-status">
          <StatusBadge item={a} />
          {a.status === 'published' && (
            <>
              {' '}
              · <a href={slugPath('articles', a.slug)}>{t('editor.view_on_site')}</a>
            </>
          )}
          {' · '}
          <a href={`/admin/articles/${a.id}/preview`}>{t('editor.preview_saved')}</a>
          {' · '}
          <a href={`/admin/articles/${a.id}/history`}>{t('editor.history')}</a>
          {p.canPublish && (
            <>
              {' · '}
              <a href={`/admin/articles/${a.id}/passages`}>{t('editor.passages')}</a>
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
      <ErrorSummary error={p.error} labels={labels} />
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
          label={t('editor.label_headline')}
          value={v.headline}
          required
          maxLength={LIMITS.headline + 50}
          error={errors.headline}
          inputClass="input-wide"
        />
        <TextField
          name="slug"
          label={t('editor.slug_label')}
          value={v.slug}
          maxLength={LIMITS.slug + 20}
          error={errors.slug}
          inputClass="input-wide"
          hint={rich('editor.slug_hint', { i: (chunks: string[]) => <i>{chunks}</i> })}
        />
        <TextArea
          name="excerpt"
          label={t('editor.label_excerpt')}
          value={v.excerpt}
          rows={2}
          maxLength={LIMITS.excerpt + 100}
          error={errors.excerpt}
          hint={t('editor.excerpt_hint')}
        />
        <TextField
          name="dateline"
          label={t('editor.label_dateline')}
          value={v.dateline}
          maxLength={LIMITS.dateline + 20}
          error={errors.dateline}
          hint={t('editor.dateline_hint')}
        />
        <div class="editor-split">
          <div class="editor-write">
            <MarkdownToolbar />
            <TextArea
              name="body"
              label={t('editor.label_body')}
              value={v.body}
              rows={22}
              error={errors.body}
              inputClass="editor-body"
              hint={bodyHint}
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
          label={t('editor.label_section')}
          value={v.section}
          error={errors.section}
          options={[
            { value: '', label: t('editor.no_section') },
            ...p.sections.map((s) => ({ value: String(s.id), label: s.name })),
          ]}
        />
        <TextField
          name="tags"
          label={t('editor.label_tags')}
          value={v.tags}
          error={errors.tags}
          inputClass="input-wide"
          hint={t('editor.tags_hint')}
        />
        <fieldset
          class={errors.bylines ? 'field field-invalid' : 'field'}
          id="field-bylines"
          aria-describedby={errors.bylines ? 'field-bylines-error' : undefined}
        >
          <legend>
            {rich('editor.bylines_legend', {
              required: (chunks: string[]) => <span class="required">{chunks}</span>,
            })}
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
                  {b.former && <span class="hint"> {t('editor.byline_former')}</span>}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <SelectField
          name="lead_image"
          label={t('editor.label_lead_image')}
          value={v.lead_image}
          error={errors.lead_image}
          hint={t('editor.lead_image_hint')}
          options={[
            { value: '', label: t('editor.lead_image_none') },
            ...p.images.map((i) => ({
              value: String(i.id),
              label: i.decorative
                ? t('editor.lead_image_option_decorative', { id: i.id })
                : t('editor.lead_image_option', { id: i.id, alt: truncate(i.alt, 70) }),
            })),
          ]}
        />
        {p.canPublish && a?.status !== 'published' && (
          <TextField
            name="publish_at"
            label={t('editor.publish_at_label', { zone: timeZone.replaceAll('_', ' ') })}
            type="datetime-local"
            value={v.publish_at}
            error={errors.publish_at}
            hint={t('editor.publish_at_hint', { zone: timeZone })}
          />
        )}
        <div class="form-actions">
          <button type="submit" name="intent" value="save">
            {a?.status === 'published'
              ? t('editor.update_published')
              : a
                ? t('editor.save_draft')
                : t('editor.save_as_draft')}
          </button>
          <button type="submit" class="button-secondary" formaction="/admin/articles/preview" formtarget="_blank">
            {t('editor.preview_new_tab')}
          </button>
          {a && (
            <button
              type="submit"
              class="button-secondary"
              formaction={`/admin/articles/${a.id}/passages/check`}
              formtarget="_blank"
              data-passages-check
            >
              {t('editor.check_passages')}
            </button>
          )}
          {p.canPublish && a?.status !== 'published' && (
            <button type="submit" name="intent" value="schedule" class="button-secondary">
              {t('editor.schedule')}
            </button>
          )}
          {p.canPublish && a?.status !== 'published' && (
            <button type="submit" name="intent" value="publish" class="button-publish">
              {t('editor.publish_now')}
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
  const { t, rich } = useI18n();
  return (
    <details class="image-picker" id="image-picker" open={open}>
      <summary>{t('editor.picker_heading')}</summary>
      <p class="hint">
        {rich('editor.picker_hint', {
          js: (chunks: string[]) => <span class="js-only">{chunks}</span>,
          link: (chunks: string[]) => <a href={`/admin/images?return=${encodeURIComponent(returnTo)}`}>{chunks}</a>,
        })}
      </p>
      {images.length === 0 ? (
        <p>{t('editor.picker_empty')}</p>
      ) : (
        <ul class="picker-list">
          {images.slice(0, 24).map((img) => (
            <li class="picker-item">
              <Picture image={img} sizes="6rem" class="picker-thumb" />
              <div>
                <label for={`snippet-${img.id}`} class="picker-label">
                  {img.decorative
                    ? t('editor.picker_image_decorative', { id: img.id })
                    : t('editor.picker_image', { id: img.id, alt: truncate(img.alt, 90) })}
                </label>
                <input id={`snippet-${img.id}`} class="snippet" type="text" readOnly value={snippetOf(img)} />
                <button
                  type="button"
                  class="js-only button-small"
                  data-insert-snippet={snippetOf(img)}
                  aria-label={t('editor.picker_insert_label', { id: img.id })}
                >
                  {t('editor.picker_insert')}
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
  const { t } = useI18n();
  return (
    <div class="editor-side">
      {a.status === 'published' && (
        <section aria-labelledby="corrections-heading" class="admin-section">
          <h2 id="corrections-heading">{t('editor.corrections_heading')}</h2>
          {a.corrections.length === 0 ? (
            <p>{t('editor.no_corrections')}</p>
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
                label={t('editor.correction_label')}
                rows={3}
                maxLength={2100}
                error={p.errors.correction}
                hint={t('editor.correction_hint')}
              />
              <div>
                <button type="submit">{t('editor.correction_add')}</button>
              </div>
            </form>
          )}
        </section>
      )}
      {p.canPublish && a.status !== 'draft' && (
        <form method="post" action={`/admin/articles/${a.id}/unpublish`} class="admin-section">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <h2>{t('editor.take_down_heading')}</h2>
          <p>{a.status === 'published' ? t('editor.unpublish_explain') : t('editor.cancel_schedule_explain')}</p>
          <button type="submit" class="button-secondary">
            {a.status === 'published' ? t('editor.unpublish') : t('editor.cancel_schedule')}
          </button>
        </form>
      )}
      {p.canDelete && (
        <p class="admin-section">
          <a href={`/admin/articles/${a.id}/delete`} class="danger-link">
            {t('editor.delete_article_link')}
          </a>
        </p>
      )}
    </div>
  );
}
