// @ts-check
// The article editor's enhancements: the Markdown toolbar, the live preview, images by paste, drop or
// "Image…", and autosave (public/js/editor/). Every one is optional: without this script the form is a plain
// form that saves on "Save".
import { announce, politeRegion } from './announce.js';
import { startAutosave } from './editor/autosave.js';
import { startImages } from './editor/images.js';
import { startPreview } from './editor/preview.js';
import { startToolbar } from './editor/toolbar.js';

const form = document.getElementById('article-form');
const body = document.getElementById('field-body');
if (form instanceof HTMLFormElement && body instanceof HTMLTextAreaElement) {
  const csrfField = form.elements.namedItem('_csrf');
  const csrf = csrfField instanceof HTMLInputElement ? csrfField.value : '';
  const region = politeRegion();
  /** @param {string} text */
  const say = (text) => announce(region, text);

  const dialog = document.getElementById('image-alt-dialog');
  const askImage = dialog instanceof HTMLDialogElement ? startImages(body, dialog, csrf, say) : null;
  const toolbar = document.querySelector('.md-toolbar');
  const fileInput = toolbar?.querySelector('input[data-md-file]');
  if (fileInput instanceof HTMLInputElement && askImage) {
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      fileInput.value = '';
      if (file) askImage(file);
    });
  }
  if (toolbar instanceof HTMLElement)
    startToolbar(toolbar, body, (action) => {
      if (action === 'image' && fileInput instanceof HTMLInputElement) fileInput.click();
    });
  const panel = document.getElementById('live-preview');
  if (panel) startPreview(form, body, panel, document.getElementById('share-preview'), csrf);
  const status = document.getElementById('autosave-status');
  if (status) startAutosave(form, status);
}
