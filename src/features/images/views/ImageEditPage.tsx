import { useI18n } from '../../../web/i18n-context.js';
import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { Picture, fullSizeUrl } from './Picture.js';
import { ErrorSummary, TextArea, TextField, fieldErrors } from '../../../web/forms.js';
import type { Image } from '../image.types.js';
import { snippetOf, type UploadValues } from './ImageLibraryPage.js';

export interface ImageEditProps {
  role: string;
  csrf: string;
  image: Image;
  usage: Array<{ id: number; headline: string; status: string }>;
  values: UploadValues;
  error?: AppError;
  notice?: string;
  canDescribe: boolean;
  canDelete: boolean;
}

export const imageValuesOf = (i: Image): UploadValues => ({
  alt: i.alt,
  decorative: i.decorative ? '1' : undefined,
  caption: i.caption ?? '',
  credit: i.credit ?? '',
});

export function ImageEditPage(p: ImageEditProps) {
  const { t } = useI18n();
  const errors = fieldErrors(p.error);
  const img = p.image;
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/images" />
      <p class="breadcrumb">
        <a href="/admin/images">{t('images.library_heading')}</a>
      </p>
      <h1>{t('images.image_heading', { id: img.id })}</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <ErrorSummary
        error={p.error}
        labels={{ alt: t('images.alt_label'), caption: t('images.caption_label'), credit: t('images.credit_label') }}
      />
      <div class="image-edit">
        <div>
          <Picture image={img} sizes="(min-width: 48rem) 24rem, 100vw" lazy={false} />
          <p class="library-meta">
            {img.width}×{img.height} · <a href={fullSizeUrl(img)}>{t('images.full_size')}</a>
          </p>
          <label for="snippet-edit">{t('images.markdown_snippet')}</label>
          <input id="snippet-edit" class="snippet" type="text" readOnly value={snippetOf(img)} />
        </div>
        {p.canDescribe ? (
          <form class="form" method="post" action={`/admin/images/${img.id}`}>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <TextArea
              name="alt"
              label={t('images.alt_label')}
              value={p.values.alt}
              rows={3}
              maxLength={1000}
              error={errors.alt}
              hint={t('images.alt_hint_edit')}
            />
            <div class="field-check">
              <input
                id="field-decorative"
                type="checkbox"
                name="decorative"
                value="1"
                checked={p.values.decorative === '1'}
              />
              <label for="field-decorative">{t('images.decorative')}</label>
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
            />
            <div>
              <button type="submit">{t('images.save')}</button>
            </div>
          </form>
        ) : (
          <p>{t('images.describe_forbidden_note')}</p>
        )}
      </div>
      <section aria-labelledby="usage-heading" class="admin-section">
        <h2 id="usage-heading">{t('images.used_in')}</h2>
        {p.usage.length === 0 ? (
          <p>{t('images.unused')}</p>
        ) : (
          <ul>
            {p.usage.map((u) => (
              <li>
                <a href={`/admin/articles/${u.id}/edit`}>{u.headline}</a> (
                {t('images.usage_status', { status: u.status })})
              </li>
            ))}
          </ul>
        )}
        {p.canDelete && p.usage.length === 0 && (
          <form method="post" action={`/admin/images/${img.id}/delete`}>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <button type="submit" class="button-danger">
              {t('images.delete_image')}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
