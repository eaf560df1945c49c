// @ts-check
// The events the scripts exchange, in one place. Components never reach into each other through globals:
// one dispatches a CustomEvent (on document, or on the element it concerns), the others listen for it.

/**
 * `comment.new` pushed by the server: an approved comment to show.
 * @typedef {{ id: number }} CommentNew
 */
/**
 * `comment.update` pushed by the server: a comment changed, or went (`removed`).
 * @typedef {{ id: number; removed: boolean }} CommentUpdate
 */
/**
 * `comment.vote` pushed by the server: a comment's new score.
 * @typedef {{ id: number; score: number }} CommentVote
 */
/**
 * One milestone under the goal bar.
 * @typedef {{ at?: unknown; text?: unknown; reached?: unknown }} GoalTick
 */
/**
 * `goal.update` pushed by the server: the month's campaign as it stands, or `{ month, removed: true }` when it
 * was deleted. Server data: every field is checked where it is used.
 * @typedef {object} GoalUpdate
 * @property {string} [month]
 * @property {boolean} [removed]
 * @property {number} [raisedMinor]
 * @property {number} [goalMinor]
 * @property {string} [raisedText]
 * @property {string} [goalText]
 * @property {number} [percent]
 * @property {GoalTick[]} [ticks]
 */
/**
 * `resync`: live events of this topic may have been missed (the server's listener reconnected, or the stream was
 * away longer than the server keeps events to replay); whoever shows the topic fetches it afresh.
 * @typedef {{ topic: string }} Resync
 */
/**
 * The reader's comment was accepted (dispatched on the comment form).
 * @typedef {{ id: number; status: string }} CommentPosted
 */

/**
 * Event name → its `detail`. Who sends each, and who listens:
 * - `broadsheet:comment.new`, `broadsheet:comment.update`, `broadsheet:comment.vote`: live.js, on document;
 *   discussion/live-updates.js shows them.
 * - `broadsheet:goal.update`: live.js, on document; goal-bar.js shows it.
 * - `broadsheet:resync`: live.js, on document; goal-bar.js refetches the goal, discussion/live-updates.js
 *   offers to load the comments posted meanwhile.
 * - `broadsheet:posted`: discussion/reply-form.js, on the comment form; inline.js counts a passage's comment.
 * @typedef {{
 *   'broadsheet:comment.new': CommentNew;
 *   'broadsheet:comment.update': CommentUpdate;
 *   'broadsheet:comment.vote': CommentVote;
 *   'broadsheet:goal.update': GoalUpdate;
 *   'broadsheet:resync': Resync;
 *   'broadsheet:posted': CommentPosted;
 * }} BroadsheetEvents
 */

/**
 * Dispatches `name` with `detail` on `target` (bubbling).
 * @template {keyof BroadsheetEvents} K
 * @param {EventTarget} target
 * @param {K} name
 * @param {BroadsheetEvents[K]} detail
 */
export function emit(target, name, detail) {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
}

/**
 * Calls `listener` with the detail of every `name` event that reaches `target`.
 * @template {keyof BroadsheetEvents} K
 * @param {EventTarget} target
 * @param {K} name
 * @param {(detail: BroadsheetEvents[K]) => void} listener
 */
export function on(target, name, listener) {
  target.addEventListener(name, (e) => {
    if (e instanceof CustomEvent) listener(e.detail);
  });
}
