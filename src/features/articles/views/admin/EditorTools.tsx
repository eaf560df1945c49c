/**
 * The editor's scripted tools, rendered by the server and shown only with JavaScript (js-only): the
 * Markdown toolbar, the live preview beside the body, and the dialog that asks for an image's alt text.
 * public/js/editor/*.js make them work; without a script the body is a plain Markdown field.
 */

import { useI18n } from '../../../../web/i18n-context.js';

/**
 * One toolbar button: what it inserts is the script's job; the name and shortcut are said here. The button's
 * name is `editor.tool_<action>` and its face `editor.tool_<action>_face` (a letter or a short word).
 */
const BUTTONS: Array<{ action: string; keys?: string }> = [
  { action: 'bold', keys: 'Control+B' },
  { action: 'italic', keys: 'Control+I' },
  { action: 'heading', keys: 'Control+Alt+H' },
  { action: 'link', keys: 'Control+K' },
  { action: 'quote', keys: 'Control+Alt+Q' },
  { action: 'list', keys: 'Control+Alt+L' },
  { action: 'image', keys: 'Control+Alt+I' },
];

const shortcut = (keys: string) => keys.replace('Control', 'Ctrl');

/** A toolbar for the body (ARIA toolbar: one tab stop, arrow keys move between buttons). */
export function MarkdownToolbar() {
  const { t } = useI18n();
  return (
    <div class="md-toolbar js-only" role="toolbar" aria-label={t('editor.toolbar_label')} aria-controls="field-body">
      {BUTTONS.map((b, i) => {
        const label = t(`editor.tool_${b.action}`);
        const name = b.keys ? t('editor.tool_with_keys', { label, keys: shortcut(b.keys) }) : label;
        return (
          <button
            type="button"
            class="md-button"
            data-md={b.action}
            tabIndex={i === 0 ? 0 : -1}
            aria-label={name}
            aria-keyshortcuts={b.keys}
            title={name}
          >
            <span aria-hidden="true">{t(`editor.tool_${b.action}_face`)}</span>
          </button>
        );
      })}
      <input type="file" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" hidden data-md-file />
    </div>
  );
}

/** The preview beside the body (below it on a phone), filled by the script from the server's own renderer. */
export function LivePreviewPanel() {
  const { t } = useI18n();
  return (
    <section class="live-preview js-only" aria-labelledby="live-preview-heading">
      <h2 id="live-preview-heading">{t('editor.preview_label')}</h2>
      <div id="live-preview" class="live-preview-body article-body">
        <p class="hint">{t('editor.preview_empty')}</p>
      </div>
      <h2 id="share-preview-heading">{t('editor.share_heading')}</h2>
      <div id="share-preview" class="share-preview"></div>
    </section>
  );
}

/** Asks for an image's alt text before it is uploaded (pasted, dropped or chosen with "Image…"). */
export function ImageAltDialog() {
  const { t } = useI18n();
  return (
    <dialog id="image-alt-dialog" class="image-alt-dialog" aria-labelledby="image-alt-title">
      <form method="dialog" class="form" id="image-alt-form">
        <h2 id="image-alt-title">{t('editor.alt_dialog_heading')}</h2>
        <img id="image-alt-thumb" class="image-alt-thumb" alt="" />
        <div class="field">
          <label for="image-alt-text">{t('editor.alt_dialog_alt')}</label>
          <textarea id="image-alt-text" name="alt" rows={3} maxLength={1000} aria-describedby="image-alt-error" />
          <p class="field-error" id="image-alt-error" hidden>
            {t('editor.alt_dialog_error')}
          </p>
        </div>
        <div class="field-check">
          <input type="checkbox" id="image-alt-decorative" name="decorative" value="1" />
          <label for="image-alt-decorative">{t('editor.alt_dialog_decorative')}</label>
        </div>
        <div class="field">
          <label for="image-alt-caption">{t('editor.alt_dialog_caption')}</label>
          <input type="text" id="image-alt-caption" name="caption" maxLength={500} class="input-wide" />
        </div>
        <p id="image-alt-status" aria-live="polite" class="autosave-status"></p>
        <div class="form-actions">
          <button type="submit" value="send" id="image-alt-send">
            {t('editor.alt_dialog_send')}
          </button>
          <button type="submit" value="cancel" class="button-secondary" formNoValidate>
            {t('editor.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
