/**
 * Keyset pagination for every public listing (home, section, tag, author, archive, corrections, feeds'
 * callers). A page is found by seeking from a cursor — the (time, id) of the last row seen — so the
 * cost of page 500 is the cost of page 1, and a newly published article never shifts a reader's page.
 *
 * URLs carry `?before=<cursor>` (older rows) or `?after=<cursor>` (newer rows). Cursors are opaque
 * base64url of `<ISO time>|<id>` and are validated strictly: anything else is a 400, never a 500.
 */
import { isRowId } from '../../lib/ids.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';

/** Position of a row in a newest-first listing: its timestamp, then its id to break ties. */
export interface Cursor {
  /** ISO-8601 UTC timestamp (published_at, or created_at for corrections). */
  at: string;
  id: number;
}

export interface PageRequest {
  limit: number;
  /** Rows strictly older than this. */
  before?: Cursor;
  /** Rows strictly newer than this. */
  after?: Cursor;
}

export interface KeysetPage<T> {
  /** Newest first. */
  items: T[];
  /** Cursor for the page of newer rows (link `?after=`), null on the first page. */
  newer: Cursor | null;
  /** Cursor for the page of older rows (link `?before=`), null on the last page. */
  older: Cursor | null;
}

/**
 * Reads up to `limit` rows. `direction: 'older'` must return rows older than the cursor newest first;
 * `'newer'` rows newer than the cursor oldest first. Both must be bounded by `limit`.
 */
export type KeysetFetch<T> = (direction: 'older' | 'newer', cursor: Cursor | undefined, limit: number) => Promise<T[]>;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at}|${c.id}`, 'utf8').toString('base64url');
}

/** Decodes a cursor from a URL; throws a 400 for anything that is not one of ours. */
export function decodeCursor(raw: string): Cursor {
  const bad = () => new AppError('PAGE_LINK_INVALID', msg('listings.page_link_invalid'));
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(raw)) throw bad();
  const [at, id, extra] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (
    extra !== undefined ||
    !at ||
    !id ||
    !ISO.test(at) ||
    Number.isNaN(Date.parse(at)) ||
    !/^[1-9]\d{0,9}$/.test(id) ||
    !isRowId(Number(id))
  )
    throw bad();
  return { at, id: Number(id) };
}

/** Turns `?before=`/`?after=` into a page request. Giving both is a malformed link. */
export function pageRequest(query: { before?: string; after?: string }, limit: number): PageRequest {
  if (query.before !== undefined && query.after !== undefined) {
    throw new AppError('PAGE_LINK_INVALID', msg('listings.page_link_both_ways'));
  }
  return {
    limit,
    before: query.before !== undefined ? decodeCursor(query.before) : undefined,
    after: query.after !== undefined ? decodeCursor(query.after) : undefined,
  };
}

/** Runs one page of a keyset listing with `limit + 1` rows read to learn whether another page exists. */
export async function keysetPage<T>(
  req: PageRequest,
  fetch: KeysetFetch<T>,
  keyOf: (row: T) => Cursor,
): Promise<KeysetPage<T>> {
  if (req.after) {
    const rows = await fetch('newer', req.after, req.limit + 1);
    if (rows.length > req.limit) {
      const items = rows.slice(0, req.limit).reverse();
      return { items, newer: keyOf(items[0]!), older: keyOf(items[items.length - 1]!) };
    }
    // Less than a page of newer rows left: the reader is back at the first page.
    return keysetPage({ limit: req.limit }, fetch, keyOf);
  }
  const rows = await fetch('older', req.before, req.limit + 1);
  const items = rows.slice(0, req.limit);
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    // Past the end (an old link after deletions) still offers the way back to newer rows.
    newer: req.before ? (first ? keyOf(first) : req.before) : null,
    older: rows.length > req.limit && last ? keyOf(last) : null,
  };
}

/** `path?before=…` / `path?after=…` for pager links; extra query parameters are kept. */
export function pageHref(
  path: string,
  direction: 'before' | 'after',
  cursor: Cursor | null,
  extra: Record<string, string> = {},
): string | null {
  if (!cursor) return null;
  const params = new URLSearchParams({ ...extra, [direction]: encodeCursor(cursor) });
  return `${path}?${params.toString()}`;
}
