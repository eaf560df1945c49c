/**
 * The editor's scripted tools, rendered by the server and shown only with JavaScript (js-only): the
 * Markdown toolbar, the live preview beside the body, and the dialog that asks for an image's alt text.
 * public/js/editor/*.js make them work; without a script the body is a plain Markdown field.
 */

/** One toolbar button: what it inserts is the script's job; the name and shortcut are said here. */
const BUTTONS: Array<{ action: string; label: string; text: string; keys?: string }> = [
  { action: 'bold', label: 'Bold', text: 'B', keys: 'Control+B' },
  { action: 'italic', label: 'Italic', text: 'I', keys: 'Control+I' },
  { action: 'heading', label: 'Heading', text: 'H', keys: 'Control+Alt+H' },
  { action: 'link', label: 'Link', text: 'Link', keys: 'Control+K' },
  { action: 'quote', label: 'Quote', text: '“ ”', keys: 'Control+Alt+Q' },
  { action: 'list', label: 'Bulleted list', text: '• List', keys: 'Control+Alt+L' },
  { action: 'image', label: 'Upload an image', text: 'Image…', keys: 'Control+Alt+I' },
];

const shortcut = (keys: string) => keys.replace('Control', 'Ctrl');

/** A toolbar for the body (ARIA toolbar: one tab stop, arrow keys move between buttons). */
export function MarkdownToolbar() {
  return (
    <div class="md-toolbar js-only" role="toolbar" aria-label="Formatting" aria-controls="field-body">
      {BUTTONS.map((b, i) => (
        <button
          type="button"
          class="md-button"
          data-md={b.action}
          tabIndex={i === 0 ? 0 : -1}
          aria-label={b.keys ? `${b.label} (${shortcut(b.keys)})` : b.label}
          aria-keyshortcuts={b.keys}
          title={b.keys ? `${b.label} (${shortcut(b.keys)})` : b.label}
        >
          <span aria-hidden="true">{b.text}</span>
        </button>
      ))}
      <input type="file" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" hidden data-md-file />
    </div>
  );
}

/** The preview beside the body (below it on a phone), filled by the script from the server's own renderer. */
export function LivePreviewPanel() {
  return (
    <section class="live-preview js-only" aria-labelledby="live-preview-heading">
      <h2 id="live-preview-heading">Preview</h2>
      <div id="live-preview" class="live-preview-body article-body">
        <p class="hint">The preview shows the body here as you type.</p>
      </div>
      <h2 id="share-preview-heading">Search and sharing</h2>
      <div id="share-preview" class="share-preview"></div>
    </section>
  );
}

/** Asks for an image's alt text before it is uploaded (pasted, dropped or chosen with "Image…"). */
export function ImageAltDialog() {
  return (
    <dialog id="image-alt-dialog" class="image-alt-dialog" aria-labelledby="image-alt-title">
      <form method="dialog" class="form" id="image-alt-form">
        <h2 id="image-alt-title">Describe the image</h2>
        <img id="image-alt-thumb" class="image-alt-thumb" alt="" />
        <div class="field">
          <label for="image-alt-text">Alt text (what the image shows, for readers who cannot see it)</label>
          <textarea id="image-alt-text" name="alt" rows={3} maxLength={1000} aria-describedby="image-alt-error" />
          <p class="field-error" id="image-alt-error" hidden>
            Describe the image, or mark it as decorative.
          </p>
        </div>
        <div class="field-check">
          <input type="checkbox" id="image-alt-decorative" name="decorative" value="1" />
          <label for="image-alt-decorative">Decorative: it adds nothing to the story (no alt text)</label>
        </div>
        <div class="field">
          <label for="image-alt-caption">Caption (optional)</label>
          <input type="text" id="image-alt-caption" name="caption" maxLength={500} class="input-wide" />
        </div>
        <p id="image-alt-status" aria-live="polite" class="autosave-status"></p>
        <div class="form-actions">
          <button type="submit" value="send" id="image-alt-send">
            Upload and insert
          </button>
          <button type="submit" value="cancel" class="button-secondary" formNoValidate>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
