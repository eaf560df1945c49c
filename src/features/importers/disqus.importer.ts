/**
 * Imports a Disqus export: each thread is matched to an article (by its URL or by its identifier),
 * and its posts become threaded comments there. Threads that match no article are reported and their
 * posts skipped; a later run (say, after the WordPress import) picks them up. Idempotent through
 * import_refs (source `disqus:<forum>`).
 */
import { msg } from '../../lib/message.js';
import { hashIp } from '../../lib/ip-address.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { slugify } from '../../lib/slug.js';
import { CommentThreader, type IncomingComment } from './comment-threader.js';
import {
  disqusStatus,
  isDisqusRecord,
  readPost,
  readThread,
  type DisqusPost,
  type DisqusThread,
} from './disqus-map.js';
import { articleExists, findArticleIdBySlug } from '../articles/index.js';
import { sanitizeImportedComment } from './import-html.js';
import { findPostRefByUrls, findPostRefByWordPressId, findRef, insertRefs } from './import-refs.repo.js';
import { streamRecords, unitOfWork, type ImportCtx, type ImportInput, type RunOptions } from './import-runner.js';
import { ImportTally, type ImportProgress } from './import.types.js';
import { recountAfterFailure, recountMarked } from './recount.js';
import { normalizeUrl } from './wxr-content.js';
import { textOf, type XmlEvent } from './xml-records.js';

/** by-url: the thread's link; by-identifier: its Disqus identifier (WordPress plugin: "<post id> <guid>"). */
export type ArticleMap = 'by-url' | 'by-identifier';

export interface DisqusOptions extends RunOptions {
  articleMap?: ArticleMap;
}

export async function importDisqus(
  ctx: ImportCtx,
  input: ImportInput,
  opts: DisqusOptions = {},
): Promise<ImportProgress> {
  const tally = new ImportTally(input.totalBytes, opts.dryRun ?? false);
  const run = new DisqusRun(ctx, tally, opts);
  try {
    await streamRecords(ctx, input, isDisqusRecord, tally, opts, (db, events, now) => run.handle(db, events, now));
    await run.finish();
  } catch (err) {
    await recountAfterFailure(ctx, opts);
    throw err;
  }
  const result = tally.snapshot();
  opts.onProgress?.(result);
  return result;
}

const UNMATCHED = msg('importers.note_unmatched_threads');

class DisqusRun {
  private source: string | null = null;
  private threader: CommentThreader | null = null;
  /** Thread key or alias → article id (null: unmatched). Threads are few next to posts. */
  private readonly threads = new Map<string, number | null>();
  /** Keys and aliases of threads deleted on Disqus (their posts come in as trash). */
  private readonly deletedThreads = new Set<string>();
  private records = 0;
  private readonly dryRun: boolean;

  constructor(
    private readonly deps: ImportCtx,
    private readonly tally: ImportTally,
    private readonly opts: DisqusOptions,
  ) {
    this.dryRun = opts.dryRun ?? false;
  }

  async handle(db: Kysely<Database>, events: XmlEvent[], now: Date): Promise<void> {
    const batch: IncomingComment[] = [];
    for (const ev of events) {
      this.records++;
      const n = ev.node;
      if (n.name === 'category') this.forum(textOf(n, 'forum'), now);
      else if (n.name === 'thread') await this.importThread(db, readThread(n), now);
      else if (n.name === 'post') {
        const c = this.comment(readPost(n), now);
        if (c) batch.push(c);
      }
    }
    if (batch.length > 0) await this.threader!.addBatch(db, batch, now);
  }

  private forum(name: string, now: Date): void {
    if (this.source || !name) return;
    this.source = `disqus:${name}`;
    this.threader = new CommentThreader(this.source, this.tally, this.dryRun, now);
  }

  private async importThread(db: Kysely<Database>, t: DisqusThread, now: Date): Promise<void> {
    this.forum(t.forum, now);
    if (!this.source || !t.key) throw new AppError('IMPORT_NOT_DISQUS', msg('importers.not_disqus_thread'));
    const ref = await findRef(db, this.source, 'thread', t.key);
    let articleId = ref?.localId ?? null;
    if (articleId !== null && !(await articleExists(db, articleId))) articleId = null;
    if (ref && articleId !== null) {
      this.tally.skipped('threads');
    } else {
      articleId = await this.matchArticle(db, t);
      if (articleId === null) {
        this.tally.skipped('threads', UNMATCHED, t.link || t.identifier);
      } else {
        if (!this.dryRun && !ref)
          await insertRefs(
            db,
            [{ source: this.source, kind: 'thread', externalId: t.key, localId: articleId, url: normalizeUrl(t.link) }],
            now,
          );
        this.tally.created('threads');
      }
    }
    for (const alias of t.aliases) {
      this.threads.set(alias, articleId);
      if (t.isDeleted) this.deletedThreads.add(alias);
    }
    if (t.isDeleted && articleId !== null) this.tally.note(msg('importers.note_deleted_threads'), 1, t.link);
  }

  private async matchArticle(db: Kysely<Database>, t: DisqusThread): Promise<number | null> {
    if ((this.opts.articleMap ?? 'by-url') === 'by-identifier') {
      const wp = /^(\d+)(?:\s|$)/.exec(t.identifier);
      if (wp) return (await findPostRefByWordPressId(db, wp[1]!))?.localId ?? null;
      return t.identifier ? ((await findArticleIdBySlug(db, t.identifier)) ?? null) : null;
    }
    return matchByUrl(db, t.link);
  }

  private comment(p: DisqusPost, now: Date): IncomingComment | null {
    if (!this.source || !this.threader) throw new AppError('IMPORT_NOT_DISQUS', msg('importers.not_disqus_post'));
    if (!p.key) {
      this.tally.skipped('comments', msg('importers.note_posts_without_id'));
      return null;
    }
    const articleId = p.threadKeys.map((k) => this.threads.get(k)).find((id) => id !== undefined) ?? null;
    if (articleId === null) {
      this.tally.skipped('comments', msg('importers.note_comments_of_unmatched'));
      return null;
    }
    return {
      externalId: p.key,
      parentExternalId: p.parentKey,
      articleId,
      authorUserId: null,
      authorName: p.authorName.replace(/\s+/g, ' ').trim().slice(0, 100) || 'Anonymous',
      authorEmail: p.authorEmail.includes('@') ? p.authorEmail : null,
      ipHash: p.ip ? hashIp(this.deps.config.secretKey, p.ip) : null,
      bodyHtml: sanitizeImportedComment(p.message),
      status: disqusStatus(
        p,
        p.threadKeys.some((k) => this.deletedThreads.has(k)),
      ),
      upvotes: 0,
      downvotes: 0,
      createdAt: p.createdAt ?? now.toISOString(),
    };
  }

  async finish(): Promise<void> {
    if (this.records === 0 || !this.threader) {
      throw new AppError('IMPORT_NOT_DISQUS', msg('importers.not_disqus_empty'));
    }
    const threader = this.threader;
    await unitOfWork(this.deps.db.kysely, this.dryRun, (trx) => threader.finish(trx, this.deps.clock.now()));
    if (!this.dryRun) this.tally.touched(await recountMarked(this.deps.db.kysely));
  }
}

/**
 * A thread's link → article: /articles/<slug> of this site, the permalink of a post a WordPress import
 * brought in, or a path whose last segment is a known slug.
 */
export async function matchByUrl(db: Kysely<Database>, link: string): Promise<number | null> {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  if (segments[0] === 'articles' && segments.length === 2) {
    const id = await findArticleIdBySlug(db, segments[1]!);
    if (id !== undefined) return id;
  }
  const key = normalizeUrl(link);
  const withQuery = key && url.search ? [key] : [];
  const candidates = [...withQuery, normalizeUrl(`${url.host}${url.pathname}`)].filter((x): x is string => x !== null);
  const ref = await findPostRefByUrls(db, [...new Set(candidates)]);
  if (ref?.localId != null) return ref.localId;
  const last = segments[segments.length - 1];
  if (!last) return null;
  return (await findArticleIdBySlug(db, last)) ?? (await findArticleIdBySlug(db, slugify(last))) ?? null;
}
