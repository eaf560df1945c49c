/**
 * "Load more" cursors: the position of the last thread shown, in an opaque URL-safe string. Pages
 * continue after a position rather than skipping an offset, so a comment posted meanwhile neither
 * repeats a thread nor hides one (in the time orders; Most Voted follows scores, which may move).
 */
import { msg } from '../../lib/message.js';
import { AppError } from '../../errors.js';
import type { ThreadCursor } from './comment.repo.js';

export const CURSOR_PATTERN = '^[A-Za-z0-9_-]{8,200}$';

export function encodeCursor(c: ThreadCursor): string {
  return Buffer.from(`${c.createdAt}|${c.score}|${c.id}`).toString('base64url');
}

export function decodeCursor(s: string): ThreadCursor {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)\|(-?\d{1,9})\|(\d{1,10})$/.exec(
    Buffer.from(s, 'base64url').toString('utf8'),
  );
  if (!m || Number(m[3]) > 2_147_483_647) throw new AppError('COMMENT_PAGE_INVALID', msg('discussion.error_page_gone'));
  return { createdAt: m[1]!, score: Number(m[2]), id: Number(m[3]) };
}
