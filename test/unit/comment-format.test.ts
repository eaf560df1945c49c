import { describe, expect, it } from 'vitest';
import { commentExcerpt, commentText, formatComment } from '../../src/features/comments/comment-format.js';
import { decodeCursor, encodeCursor } from '../../src/features/comments/cursor.js';
import { assembleThreads } from '../../src/features/comments/comment.repo.js';
import type { PublicComment } from '../../src/features/comments/comment.types.js';

describe('comment formatting', () => {
  it.each([
    ['<script>alert(1)</script>hi', '<p>hi</p>'],
    ['<img src=x onerror=alert(1)>hi', '<p>hi</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<p><a rel="nofollow ugc noopener">x</a></p>'],
    [
      '<a href="https://e.test" rel="dofollow" target="_blank" onclick="x()">x</a>',
      '<p><a href="https://e.test" rel="nofollow ugc noopener">x</a></p>',
    ],
    ['<svg onload=alert(1)><circle/></svg>ok', '<p>ok</p>'],
    ['<style>body{display:none}</style>ok', '<p>ok</p>'],
    ['<p style="position:fixed">x</p>', '<p>x</p>'],
    ['[x](data:text/html;base64,PHNjcmlwdD4=)', '<p>[x](data:text/html;base64,PHNjcmlwdD4=)</p>'],
    ['<form action="/logout"><button>x</button></form>', 'x'],
    ['# not a heading\n- not a list', '<p># not a heading<br />\n- not a list</p>'],
  ])('renders %j inert as %j', (input, html) => {
    expect(formatComment(input).html).toBe(html);
  });

  it('gives moderation plain text with decoded entities and a link count', () => {
    const f = formatComment('Tom & Jerry say <3 to [a](https://a.test) and https://b.test');
    expect(f.text).toBe('Tom & Jerry say <3 to a and https://b.test');
    expect(f.linkCount).toBe(2);
    expect(commentText('<p>a<br />\nb</p>\n<p>c</p>')).toBe('a\nb\n\nc');
    expect(commentExcerpt(`<p>${'word '.repeat(50)}</p>`, 20)).toBe('word word word word…');
  });
});

describe('load-more cursors', () => {
  it('round-trips and refuses anything else', () => {
    const c = { createdAt: '2026-06-14T12:00:00.000Z', score: -3, id: 42 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(() => decodeCursor(Buffer.from("2026|1|1' or 1=1").toString('base64url'))).toThrow(/does not exist/);
  });
});

describe('assembling threads', () => {
  const c = (id: number, parentId: number | null, depth: number): PublicComment => ({
    id,
    articleId: 1,
    parentId,
    threadId: 1,
    depth,
    replyToName: null,
    authorName: 'x',
    isAccount: false,
    isSupporter: false,
    bodyHtml: '',
    status: 'approved',
    score: 0,
    upvotes: 0,
    downvotes: 0,
    createdAt: '2026-01-01T00:00:00Z',
    editedAt: null,
  });

  it('hangs a reply attached at the depth limit beside the comment it answers', () => {
    const [root] = assembleThreads([c(1, null, 0)], [c(2, 1, 1), c(3, 2, 1), c(4, 3, 1)]);
    expect(root!.replies.map((r) => r.comment.id)).toEqual([2, 3, 4]);
  });

  it('hangs a reply whose parent is not shown from the thread root', () => {
    const [root] = assembleThreads([c(1, null, 0)], [c(5, 99, 2)]);
    expect(root!.replies.map((r) => r.comment.id)).toEqual([5]);
  });
});
