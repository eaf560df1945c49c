import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { Picture } from './Picture.js';
import { ErrorSummary, TextArea, TextField, fieldErrors } from '../../../web/forms.js';
import type { Image } from '../image.types.js';
import { MAX_UPLOAD_BYTES } from '../image.service.js';
import { useI18n } from '../../../web/i18n-context.js';

export interface UploadValues {
  alt?: string;
  decorative?: string;
  caption?: string;
  credit?: string;
}

export interface ImageLibraryProps {
  role: string;
  csrf: string;
  images: Image[];
  q: string;
  /** Cursor of the next page. */
  nextBefore: number | null;
  values: UploadValues;
  error?: AppError;
  notice?: string;
  /** Editor page to go back to after an upload. */
  returnTo: string | null;
  /** The image just uploaded. */
  highlight: number | null;
}

export const snippetOf = (image: Image): string => snippetText(image.id, image.alt);

/** The Markdown that places library image `id` (alt text empty: a decorative image). */
export const snippetText = (id: number, alt: string): string =>
  `![${(alt || 'decorative image').replace(/[[\]\n]/g, ' ')}](image:${id})`;

export function ImageLibraryPage(p: ImageLibraryProps) {
  const errors = fieldErrors(p.error);
  const { t } = useI18n();
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/images" />
      <h1>{t('images.library_heading')}</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      {p.returnTo && (
        <p>
          <a href={p.returnTo}>{t('images.back_to_article')}</a>
        </p>
      )}
      <section aria-labelledby="upload-heading" class="admin-section">
        <h2 id="upload-heading">{t('images.upload_heading')}</h2>
        <ErrorSummary
          error={p.error}
          labels={{
            file: t('images.file_label'),
            alt: t('images.alt_label'),
            caption: t('images.caption_label'),
            credit: t('images.credit_label'),
          }}
        />
        <form class="form" method="post" action="/admin/images" enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={p.csrf} />
          {p.returnTo && <input type="hidden" name="return" value={p.returnTo} />}
          <div class={errors.file ? 'field field-invalid' : 'field'}>
            <label for="field-file">
              {t('images.image_file')} <span class="required">{t('images.required')}</span>
            </label>
            <p class="hint" id="field-file-hint">
              {t('images.file_hint', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 })}
            </p>
            {errors.file && (
              <p class="field-error" id="field-file-error">
                {errors.file}
              </p>
            )}
            <input
              id="field-file"
              type="file"
              name="file"
              accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
              required
              aria-invalid={errors.file ? 'true' : undefined}
              aria-describedby={errors.file ? 'field-file-error field-file-hint' : 'field-file-hint'}
            />
          </div>
          <TextArea
            name="alt"
            label={t('images.alt_label')}
            value={p.values.alt}
            rows={2}
            maxLength={1000}
            error={errors.alt}
            hint={t('images.alt_hint_upload')}
          />
          <div class="field-check">
            <input
              id="field-decorative"
              type="checkbox"
              name="decorative"
              value="1"
              checked={p.values.decorative === '1'}
            />
            <label for="field-decorative">{t('images.decorative_upload')}</label>
          </div>
          <TextField
            name="caption"
            label={t('images.caption_label')}
            value={p.values.caption}
            maxLength={1000}
            error={errors.caption}
            inputClass="input-wide"
          />
          <TextField
            name="credit"
            label={t('images.credit_label')}
            value={p.values.credit}
            maxLength={200}
            error={errors.credit}
            hint={t('images.credit_hint')}
          />
          <div>
            <button type="submit">{t('images.upload')}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="library-heading" class="admin-section">
        <h2 id="library-heading">{t('images.library')}</h2>
        <form
          method="get"
          action="/admin/images"
          role="search"
          aria-label={t('images.search_label')}
          class="admin-filter"
        >
          {p.returnTo && <input type="hidden" name="return" value={p.returnTo} />}
          <div class="field">
            <label for="images-q">{t('images.search_field')}</label>
            <input id="images-q" type="search" name="q" value={p.q} maxLength={200} />
          </div>
          <button type="submit">{t('images.search')}</button>
        </form>
        {p.images.length === 0 ? (
          <p>{p.q ? t('images.none_match') : t('images.none_yet')}</p>
        ) : (
          <ul class="library-grid">
            {p.images.map((img) => (
              <li class={img.id === p.highlight ? 'library-item highlight' : 'library-item'} id={`image-${img.id}`}>
                <Picture image={img} sizes="12rem" />
                <p class="library-alt">{img.decorative ? <em>{t('images.decorative')}</em> : img.alt}</p>
                {img.caption && <p class="library-caption">{img.caption}</p>}
                <p class="library-meta">
                  #{img.id} · {img.width}×{img.height} · {t(`images.status_${img.status}`)}
                </p>
                <label for={`snippet-${img.id}`} class="visually-hidden">
                  {t('images.snippet_label', { id: img.id })}
                </label>
                <input id={`snippet-${img.id}`} class="snippet" type="text" readOnly value={snippetOf(img)} />
                <p class="library-actions">
                  <button
                    type="button"
                    class="js-only button-small"
                    data-copy-snippet={snippetOf(img)}
                    aria-label={t('images.copy_snippet_label', { id: img.id })}
                  >
                    {t('images.copy_snippet')}
                  </button>
                  <a href={`/admin/images/${img.id}`} aria-label={t('images.edit_label', { id: img.id })}>
                    {t('images.edit')}
                  </a>
                </p>
              </li>
            ))}
          </ul>
        )}
        {p.nextBefore !== null && (
          <p>
            <a
              href={`/admin/images?${new URLSearchParams({ ...(p.q ? { q: p.q } : {}), ...(p.returnTo ? { return: p.returnTo } : {}), before: String(p.nextBefore) })}`}
            >
              {t('images.older_images')}
            </a>
          </p>
        )}
      </section>
    </div>
  );
}
