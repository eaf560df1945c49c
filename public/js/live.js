// @ts-check
// Live updates: one EventSource per page for the topics the page shows (the month's goal bar, an article's
// discussion). Each message the server pushes becomes a `broadsheet:<type>` event on document (see events.js);
// goal-bar.js and discussion/live-updates.js put it on the page. Without this file the page is simply static.
import { emit } from './events.js';

/**
 * A message's data, if it is a JSON object.
 * @param {Event} e
 * @returns {Record<string, unknown> | null}
 */
function parse(e) {
  if (!(e instanceof MessageEvent) || typeof e.data !== 'string') return null;
  try {
    const d = JSON.parse(e.data);
    return d && typeof d === 'object' ? d : null;
  } catch {
    return null;
  }
}

/**
 * The topics this page shows.
 * @returns {string[]}
 */
function pageTopics() {
  const topics = [];
  if (document.querySelector('[data-goal-bar]')) topics.push('goal');
  const topic = document.querySelector('[data-live-topic]')?.getAttribute('data-live-topic');
  if (topic) topics.push(topic);
  return topics;
}

/** @param {string[]} topics */
function connect(topics) {
  /** @type {EventSource | null} */
  let source = null;
  /** Set once a stream has failed, until one opens again. */
  let dropped = false;
  /**
   * The id of the last event heard (every event carries one; `ready` the newest on a fresh stream). The browser
   * sends it as `Last-Event-ID` when it reconnects a dropped stream itself; a stream this page opens anew
   * passes it in the query. Either way the server first sends what was missed, or `resync` when that is
   * no longer kept.
   */
  let lastId = '';
  let backoff = 2_000;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let retry;
  /** @param {Event} e */
  function remember(e) {
    if (e instanceof MessageEvent && e.lastEventId) lastId = e.lastEventId;
  }
  /**
   * @param {string} type
   * @param {(e: Event) => void} handle
   */
  function listen(type, handle) {
    source?.addEventListener(type, (e) => {
      remember(e);
      handle(e);
    });
  }
  function open() {
    if (source) return;
    const query =
      'topics=' + encodeURIComponent(topics.join(',')) + (lastId ? '&lastEventId=' + encodeURIComponent(lastId) : '');
    source = new EventSource('/live?' + query);
    listen('ready', () => undefined);
    listen('comment.new', (e) => {
      const d = parse(e);
      if (d && typeof d.id === 'number') emit(document, 'broadsheet:comment.new', { id: d.id });
    });
    listen('comment.update', (e) => {
      const d = parse(e);
      if (d && typeof d.id === 'number')
        emit(document, 'broadsheet:comment.update', { id: d.id, removed: !!d.removed });
    });
    listen('comment.vote', (e) => {
      const d = parse(e);
      if (d && typeof d.id === 'number' && typeof d.score === 'number')
        emit(document, 'broadsheet:comment.vote', { id: d.id, score: d.score });
    });
    listen('goal.update', (e) => {
      const d = parse(e);
      if (d) emit(document, 'broadsheet:goal.update', d);
    });
    // Events may have been missed: the server's own listener reconnected, or this stream was away longer
    // than the server keeps events (it says `resync`). Each component fetches what it shows afresh.
    listen('resync', (e) => {
      const d = parse(e);
      if (d && typeof d.topic === 'string') emit(document, 'broadsheet:resync', { topic: d.topic });
    });
    const self = source;
    self.addEventListener('error', () => {
      dropped = true;
      // The browser retries a dropped stream itself, but gives up on an error answer (a 503 while the
      // database restarts, a 429 when too many streams are open): then this page tries again, waiting
      // longer each time.
      if (self.readyState === EventSource.CLOSED && source === self) {
        source = null;
        retry = setTimeout(open, backoff);
        backoff = Math.min(backoff * 2, 60_000);
      }
    });
    self.addEventListener('open', () => {
      backoff = 2_000;
      if (!dropped) return;
      dropped = false;
      // With an id the server replays what was missed (or says `resync`); without one nothing tells what was.
      if (!lastId) for (const topic of topics) emit(document, 'broadsheet:resync', { topic });
    });
  }

  // Connect once the page has settled, so the stream never competes with the page's own loading.
  const start = () => setTimeout(open, 1000);
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start);
  window.addEventListener('pagehide', () => {
    clearTimeout(retry);
    if (source) {
      source.close();
      source = null;
    }
  });
}

const topics = pageTopics();
if (typeof EventSource === 'function' && topics.length > 0) connect(topics);
