import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { Picture } from './Picture.js';
import { ErrorSummary, TextArea, TextField, fieldErrors } from '../../../web/forms.js';
import type { Image } from '../image.types.js';
import { MAX_UPLOAD_BYTES } from '../image.service.js';

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

const STATUS: Record<Image['status'], string> = {
  processing: 'Making AVIF versions…',
  ready: 'Ready',
  failed: 'AVIF versions failed (JPEG and WebP work)',
};

export function ImageLibraryPage(p: ImageLibraryProps) {
  const errors = fieldErrors(p.error);
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/images" />
      <h1>Images</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      {p.returnTo && (
        <p>
          <a href={p.returnTo}>Back to the article</a>
        </p>
      )}
      <section aria-labelledby="upload-heading" class="admin-section">
        <h2 id="upload-heading">Upload an image</h2>
        <ErrorSummary
          error={p.error}
          labels={{ file: 'File', alt: 'Alt text', caption: 'Caption', credit: 'Credit' }}
        />
        <form class="form" method="post" action="/admin/images" enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={p.csrf} />
          {p.returnTo && <input type="hidden" name="return" value={p.returnTo} />}
          <div class={errors.file ? 'field field-invalid' : 'field'}>
            <label for="field-file">
              Image file <span class="required">(required)</span>
            </label>
            <p class="hint" id="field-file-hint">
              JPEG, PNG, WebP, AVIF or GIF, up to {MAX_UPLOAD_BYTES / 1024 / 1024} MB. Smaller versions for every screen
              are made for you.
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
            label="Alt text"
            value={p.values.alt}
            rows={2}
            maxLength={1000}
            error={errors.alt}
            hint="What the image shows, for people who cannot see it. For a chart, give its main figures. Required unless the image is decorative."
          />
          <div class="field-check">
            <input
              id="field-decorative"
              type="checkbox"
              name="decorative"
              value="1"
              checked={p.values.decorative === '1'}
            />
            <label for="field-decorative">
              Decorative: it adds nothing a reader would miss (screen readers skip it)
            </label>
          </div>
          <TextField
            name="caption"
            label="Caption"
            value={p.values.caption}
            maxLength={1000}
            error={errors.caption}
            inputClass="input-wide"
          />
          <TextField
            name="credit"
            label="Credit"
            value={p.values.credit}
            maxLength={200}
            error={errors.credit}
            hint="e.g. Photo: Ana Silva / Broadsheet"
          />
          <div>
            <button type="submit">Upload</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="library-heading" class="admin-section">
        <h2 id="library-heading">Library</h2>
        <form method="get" action="/admin/images" role="search" aria-label="Search images" class="admin-filter">
          {p.returnTo && <input type="hidden" name="return" value={p.returnTo} />}
          <div class="field">
            <label for="images-q">Alt text, caption or credit contains</label>
            <input id="images-q" type="search" name="q" value={p.q} maxLength={200} />
          </div>
          <button type="submit">Search</button>
        </form>
        {p.images.length === 0 ? (
          <p>No images{p.q ? ' match' : ' yet'}.</p>
        ) : (
          <ul class="library-grid">
            {p.images.map((img) => (
              <li class={img.id === p.highlight ? 'library-item highlight' : 'library-item'} id={`image-${img.id}`}>
                <Picture image={img} sizes="12rem" />
                <p class="library-alt">{img.decorative ? <em>Decorative</em> : img.alt}</p>
                {img.caption && <p class="library-caption">{img.caption}</p>}
                <p class="library-meta">
                  #{img.id} · {img.width}×{img.height} · {STATUS[img.status]}
                </p>
                <label for={`snippet-${img.id}`} class="visually-hidden">
                  Markdown snippet for image {img.id}
                </label>
                <input id={`snippet-${img.id}`} class="snippet" type="text" readOnly value={snippetOf(img)} />
                <p class="library-actions">
                  <button
                    type="button"
                    class="js-only button-small"
                    data-copy-snippet={snippetOf(img)}
                    aria-label={`Copy the snippet of image ${img.id}`}
                  >
                    Copy snippet
                  </button>
                  <a href={`/admin/images/${img.id}`} aria-label={`Edit image ${img.id}`}>
                    Edit
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
              Older images
            </a>
          </p>
        )}
      </section>
    </div>
  );
}
