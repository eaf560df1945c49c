// @ts-check
// The comment form, in place: "Reply" moves it under the comment answered (and "Cancel" back), posting
// shows the new comment where it belongs (or says it awaits review), errors mark their fields. Every accepted
// post is told to the page as `broadsheet:posted` on the form (inline.js counts a passage's comment with it).
import { t } from '../i18n.js';
import { must } from '../dom.js';
import { emit } from '../events.js';
import { HttpError, requestJson } from '../http.js';
import { addOwnLinks, bumpCount, insertComment } from './comments.js';

/**
 * The answer to a post.
 * @typedef {{ id: number; status: string; message: string; html: string; comment: { depth: number } }} PostResult
 */

/**
 * What a post sends (the same fields the form posts without JavaScript).
 * @typedef {object} PostBody
 * @property {string} body
 * @property {string} website
 * @property {number | null} parentId
 * @property {string} [name]
 * @property {string} [email]
 * @property {'all' | 'replies'} [notify]
 * @property {{ paragraphId: string; exact: string }} [passage]
 */

/**
 * @param {FormData} data
 * @param {string} name
 * @returns {string}
 */
function field(data, name) {
  const v = data.get(name);
  return typeof v === 'string' ? v : '';
}

/**
 * A reply past the depth limit is placed beside the comment it answers, not under it.
 * @param {{ depth: number }} comment
 * @param {string} parentId
 * @returns {string | null}
 */
function placeUnder(comment, parentId) {
  if (!parentId) return null;
  const parent = document.getElementById('comment-' + parentId);
  if (!parent) return null;
  if (comment.depth > Number(parent.getAttribute('data-depth'))) return parentId;
  const up = parent.parentElement?.closest('li.comment');
  return up ? up.getAttribute('data-comment-id') : null;
}

/**
 * Takes over the discussion's comment form.
 * @param {import('./state.js').Discussion} d
 * @param {HTMLFormElement} form
 * @returns {{ startReply: (id: string) => void; cancelReply: (focusBack: boolean) => void }}
 */
export function enhanceForm(d, form) {
  const home = document.createComment('comment form');
  form.before(home);
  const parentInput = must(form, '[data-parent-input]', HTMLInputElement);
  const heading = must(form, '[data-form-heading]');
  const replying = must(form, '[data-replying-to]');
  const cancelButton = must(form, '[data-cancel-reply-button]');
  const submitButton = must(form, 'button[type=submit]', HTMLButtonElement);
  const textarea = must(form, 'textarea', HTMLTextAreaElement);
  const errorBox = must(form, '[data-form-error]');
  errorBox.setAttribute('tabindex', '-1');
  // Closed, the form is its one-line prompt (discussion.css); once focus has entered it stays open until a
  // post is accepted, so a reader who clicks outside does not lose the fields they were filling.
  const open = () => form.classList.add('is-open');
  form.addEventListener('focusin', open);

  function hideFormError() {
    errorBox.hidden = true;
    errorBox.textContent = '';
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  }

  /**
   * @param {string} message
   * @param {Record<string, string>} fields
   * @param {boolean} isError
   */
  function showFormError(message, fields, isError) {
    errorBox.className = isError ? 'notice notice-error' : 'notice notice-ok';
    errorBox.textContent = message;
    errorBox.hidden = false;
    for (const name of Object.keys(fields)) {
      form.querySelector('[name="' + name + '"]')?.setAttribute('aria-invalid', 'true');
    }
  }

  /** @param {string} id */
  function startReply(id) {
    const li = document.getElementById('comment-' + id);
    if (!li) return;
    const name = li.getAttribute('data-author-name') || t('discussion.js_this_comment');
    must(li, '.comment-body').after(form);
    parentInput.value = id;
    // The heading names the person once; the form sits right under their comment, so no quote is needed.
    heading.textContent = t('discussion.js_reply_to', { name });
    replying.textContent = '';
    replying.hidden = true;
    cancelButton.hidden = false;
    open();
    submitButton.textContent = t('discussion.js_post_reply');
    hideFormError();
    textarea.focus();
  }

  /** @param {boolean} focusBack */
  function cancelReply(focusBack) {
    const parentId = parentInput.value;
    home.after(form);
    parentInput.value = '';
    heading.textContent = t('discussion.js_leave_comment');
    replying.textContent = '';
    replying.hidden = true;
    cancelButton.hidden = true;
    submitButton.textContent = t('discussion.js_post_comment');
    if (focusBack && parentId) {
      const link = d.section.querySelector('[data-reply-to="' + parentId + '"]');
      if (link instanceof HTMLElement) link.focus();
    }
  }

  /** @param {SubmitEvent} e */
  async function submit(e) {
    // In the embed the form posts itself: the frame's token is in its address, and the page comes back whole.
    if (d.embedded) return;
    e.preventDefault();
    hideFormError();
    const data = new FormData(form);
    const parentId = field(data, 'parentId');
    /** @type {PostBody} */
    const body = {
      body: field(data, 'body'),
      website: field(data, 'website'),
      parentId: parentId ? Number(parentId) : null,
    };
    if (form.querySelector('[name=name]')) {
      body.name = field(data, 'name');
      body.email = field(data, 'email');
    }
    // "Notify of": the same choice the form posts without JavaScript.
    if (field(data, 'notify') === '1') body.notify = field(data, 'notifyKind') === 'all' ? 'all' : 'replies';
    if (field(data, 'anchor_paragraph') && !body.parentId)
      body.passage = { paragraphId: field(data, 'anchor_paragraph'), exact: field(data, 'anchor_exact') };
    submitButton.disabled = true;
    try {
      const r = /** @type {PostResult} */ (
        await requestJson('/api' + form.getAttribute('action'), { json: body, csrf: d.csrf })
      );
      textarea.value = '';
      emit(form, 'broadsheet:posted', { id: r.id, status: r.status });
      cancelReply(false);
      form.classList.remove('is-open');
      if (r.status !== 'approved') {
        showFormError(r.message, {}, false);
        errorBox.focus();
        return;
      }
      d.own.push(String(r.id));
      const node = insertComment(d, { id: r.id, parentId: placeUnder(r.comment, parentId), html: r.html }, true);
      bumpCount(d, 1);
      if (node) {
        addOwnLinks(d, node);
        const article = must(node, '.comment-body');
        article.setAttribute('tabindex', '-1');
        article.focus();
      }
      d.say(r.message);
      // A "Notify of" request waits for its confirmation link: say so where the reader can see it.
      if (body.notify) showFormError(r.message, {}, false);
    } catch (err) {
      showFormError(err instanceof Error ? err.message : String(err), err instanceof HttpError ? err.fields : {}, true);
      errorBox.focus();
    } finally {
      submitButton.disabled = false;
    }
  }

  form.addEventListener('submit', submit);
  return { startReply, cancelReply };
}
