/**
 * Disqus XML exports (namespace http://disqus.com, internal ids in dsq:id attributes) read into plain
 * records. Categories and threads come before posts; a post names its thread and, for a reply, its
 * parent, either by dsq:id attribute or by the element's text (the custom-import form).
 */
import { balanceBidi } from '../../lib/bidi.js';
import type { CommentStatus } from '../comments/index.js';
import { child, rawTextOf, textOf, type XNode } from './xml-records.js';

export function isDisqusRecord(name: string, parent: string): boolean {
  return parent === 'disqus' && (name === 'category' || name === 'thread' || name === 'post');
}

export interface DisqusThread {
  /** dsq:id, or `id:<identifier>` when the export has no internal id. */
  key: string;
  /** Keys a post may use to name this thread. */
  aliases: string[];
  identifier: string;
  link: string;
  title: string;
  forum: string;
  /** The whole thread was deleted on Disqus: its posts are not shown there. */
  isDeleted: boolean;
}

export interface DisqusPost {
  key: string;
  /** Thread keys this post may mean, most specific first. */
  threadKeys: string[];
  parentKey: string | null;
  message: string;
  createdAt: string | null;
  isDeleted: boolean;
  isSpam: boolean;
  /** false only when the export says so (<isApproved>false</isApproved>). */
  isApproved: boolean;
  authorName: string;
  authorEmail: string;
  ip: string;
}

/**
 * A Disqus flag, read tolerantly: exports and other tools write true/false, 1/0, True, yes … An empty or
 * unknown value is the fallback (the flag's usual default).
 */
export function flag(s: string | undefined, fallback: boolean): boolean {
  const v = (s ?? '').trim().toLowerCase();
  if (['true', '1', 'yes', 'y', 'on', 't'].includes(v)) return true;
  if (['false', '0', 'no', 'n', 'off', 'f'].includes(v)) return false;
  return fallback;
}

/** Disqus writes `2013-05-13T20:27:38Z`; the custom format may omit the zone, which means UTC. */
export function disqusDate(s: string): string | null {
  const t = s.trim();
  if (!t) return null;
  const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(t) ? t : `${t}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function refKeys(n: XNode | undefined): string[] {
  if (!n) return [];
  const keys: string[] = [];
  if (n.attrs['dsq:id']) keys.push(n.attrs['dsq:id']);
  if (n.text.trim()) keys.push(`id:${n.text.trim()}`);
  return keys;
}

export function readThread(n: XNode): DisqusThread {
  const identifier = textOf(n, 'id');
  const dsq = n.attrs['dsq:id'] ?? '';
  const aliases = [dsq, identifier ? `id:${identifier}` : ''].filter(Boolean);
  return {
    key: aliases[0] ?? '',
    aliases,
    identifier,
    link: textOf(n, 'link'),
    title: balanceBidi(textOf(n, 'title')),
    forum: textOf(n, 'forum'),
    isDeleted: flag(textOf(n, 'isDeleted'), false),
  };
}

export function readPost(n: XNode): DisqusPost {
  const author = child(n, 'author');
  const id = textOf(n, 'id');
  return {
    key: n.attrs['dsq:id'] || (id ? `id:${id}` : ''),
    threadKeys: refKeys(child(n, 'thread')),
    parentKey: refKeys(child(n, 'parent'))[0] ?? null,
    message: rawTextOf(n, 'message'),
    createdAt: disqusDate(textOf(n, 'createdAt')),
    isDeleted: flag(textOf(n, 'isDeleted'), false),
    isSpam: flag(textOf(n, 'isSpam'), false),
    isApproved: flag(textOf(n, 'isApproved'), true),
    authorName: balanceBidi(author ? textOf(author, 'name') || textOf(author, 'username') : ''),
    authorEmail: author ? textOf(author, 'email').toLowerCase() : '',
    ip: textOf(n, 'ipAddress'),
  };
}

/**
 * Spam stays spam (it trains filters) even when also deleted; deleted is trash, and so is every post of a
 * deleted thread; held is pending.
 */
export function disqusStatus(p: DisqusPost, threadDeleted = false): CommentStatus {
  if (p.isSpam) return 'spam';
  if (p.isDeleted || threadDeleted) return 'trash';
  return p.isApproved ? 'approved' : 'pending';
}
