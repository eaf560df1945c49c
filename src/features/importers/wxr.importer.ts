/**
 * Imports a WordPress export (WXR): authors, categories and tags, posts and pages with their threaded
 * comments and wpDiscuz votes, and attachments. Streams the file; idempotent through import_refs (the
 * source is `wxr:<blog URL>`), so a second run of the same file changes nothing and a run of a grown
 * export adds only what is new.
 */
import { msg } from '../../lib/message.js';
import { english } from '../../platform/i18n.js';
import { hashIp } from '../../lib/ip-address.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { completeVariantsIn } from '../images/index.js';
import { CommentThreader, type IncomingComment } from './comment-threader.js';
import { sanitizeImportedComment } from './import-html.js';
import { streamRecords, unitOfWork, type ImportCtx, type ImportInput, type RunOptions } from './import-runner.js';
import { recountAfterFailure, recountMarked } from './recount.js';
import { findRefs } from './import-refs.repo.js';
import { ImportTally, type ImportProgress } from './import.types.js';
import { DRY_RUN_ID, importAuthor, importPost, importTerm, type WxrContext } from './wxr-content.js';
import {
  DISCUSSION_TYPES,
  commentStatus,
  isWxrRecord,
  readAuthor,
  readComment,
  readPost,
  readTerm,
  type WxrComment,
  type WxrPost,
} from './wxr-map.js';
import { applyFeaturedImages, importAttachment } from './wxr-media.js';
import { pointBodyImagesHome, SiteImageIndex } from './wxr-body-images.js';
import type { XmlEvent } from './xml-records.js';
import { LegacyAddresses, type AttachmentPage } from './wxr-addresses.js';

export interface WxrOptions extends RunOptions {
  /** Local copy of the old site's wp-content/uploads (see wxr-media.ts). */
  uploadsDir?: string;
  /** AVIF encoding effort (0–9) for imported images; lower is faster. */
  avifEffort?: number;
}

/** https://gazette.example/2020/01/x/ → https://gazette.example ('' when it is not a URL). */
function originOf(link: string): string {
  try {
    return new URL(link).origin;
  } catch {
    return '';
  }
}

export async function importWxr(ctx: ImportCtx, input: ImportInput, opts: WxrOptions = {}): Promise<ImportProgress> {
  const tally = new ImportTally(input.totalBytes, opts.dryRun ?? false);
  const run = new WxrRun(ctx, tally, opts);
  try {
    await streamRecords(
      ctx,
      input,
      isWxrRecord,
      tally,
      opts,
      (db, events, now) => run.handle(db, events, now),
      () => run.importAttachments(),
    );
    await run.finish();
  } catch (err) {
    await recountAfterFailure(ctx, opts);
    throw err;
  }
  const result = tally.snapshot();
  opts.onProgress?.(result);
  return result;
}

/** The summary's notes on images in bodies, counted per `<img>` (see wxr-body-images.ts). */
export const BODY_IMAGES_KEPT = english(msg('importers.note_body_images_kept'));
export const BODY_IMAGES_MISSING = english(msg('importers.note_body_images_missing'));
export const BODY_IMAGES_REMOVED = english(msg('importers.note_body_images_removed'));

/** The state of one WXR import between chunks: where we are in the file, and what the end must fix up. */
class WxrRun {
  private readonly channel = { blogUrl: '', siteUrl: '', link: '', version: '' };
  /** Whether anything only a WordPress export has was seen (a version, a site URL, an author, a post id …). */
  private wxrSeen = false;
  /** WordPress post id → how many items of the file had it so far (real exports repeat some). */
  private readonly postIds = new Map<string, number>();
  private ctx: WxrContext | null = null;
  private threader: CommentThreader | null = null;
  /** Old addresses → their new homes (null in a dry run: nothing is recorded). */
  private addresses: LegacyAddresses | null = null;
  /** The item whose comments are being read: its article (null: its comments are not imported). */
  private current: { articleId: number | null; date: string | null } | null = null;
  private comments: IncomingComment[] = [];
  /** Articles whose body has images (or links to uploads) to point at their library copies. */
  private readonly bodiesWithImages = new Set<number>();
  /** The old site's hosts and its attachments' URLs and guids, to recognise its images in bodies. */
  private readonly siteImages = new SiteImageIndex();
  private readonly thumbnails = new Map<number, string>();
  private readonly storedImages: number[] = [];
  /** Attachments that belong to a post: their pages redirect to its article once all posts are in. */
  private readonly attachmentPages: AttachmentPage[] = [];
  /** Attachments of the last batch: images are encoded outside its transaction, one small transaction each. */
  private attachments: WxrPost[] = [];
  private records = 0;
  private readonly dryRun: boolean;

  constructor(
    private readonly deps: ImportCtx,
    private readonly tally: ImportTally,
    private readonly opts: WxrOptions,
  ) {
    this.dryRun = opts.dryRun ?? false;
  }

  async handle(db: Kysely<Database>, events: XmlEvent[], now: Date): Promise<void> {
    for (const ev of events) {
      this.records++;
      await this.handleEvent(db, ev, now);
    }
    if (this.threader && this.comments.length > 0) {
      await this.threader.addBatch(db, this.comments, now);
      this.comments = [];
    }
  }

  private async handleEvent(db: Kysely<Database>, ev: XmlEvent, now: Date): Promise<void> {
    const n = ev.node;
    switch (n.name) {
      case 'link':
        this.channel.link ||= n.text.trim();
        return;
      case 'wp:base_site_url':
        this.wxrSeen = true;
        this.channel.siteUrl = n.text.trim();
        return;
      case 'wp:base_blog_url':
        this.wxrSeen = true;
        this.channel.blogUrl = n.text.trim();
        return;
      case 'wp:wxr_version':
        this.wxrSeen = true;
        this.channel.version = n.text.trim();
        return;
      case 'wp:author': {
        this.wxrSeen = true;
        const author = readAuthor(n);
        await importAuthor(db, this.context(now), author);
        return this.recordAuthor(db, author.login, now);
      }
      case 'wp:category':
      case 'wp:tag':
      case 'wp:term': {
        this.wxrSeen = true;
        const term = readTerm(n);
        const id = await importTerm(db, this.context(now), term);
        if (id !== null && (term.taxonomy === 'category' || term.taxonomy === 'post_tag'))
          await this.recordTerm(db, term.taxonomy, term.slug, now);
        return;
      }
      case 'wp:comment':
        return this.addComment(readComment(n), now);
      case 'item':
        if (ev.type === 'open' || !ev.opened) await this.startItem(db, readPost(n), now);
        if (ev.type === 'close') this.current = null;
        return;
    }
  }

  /**
   * The run's context, made when the first record that needs the source arrives. WXR names its site in
   * wp:base_blog_url (per blog of a multisite) and wp:base_site_url; older exports and other tools' files
   * may have neither (nor a wp:wxr_version): the channel's <link>, else the first item's site, names it then.
   */
  private context(now: Date, itemLink = ''): WxrContext {
    if (!this.ctx) {
      if (!this.channel.version) this.tally.note(msg('importers.note_warning_no_wxr_version'));
      let site = this.channel.blogUrl || this.channel.siteUrl;
      if (!site) {
        site = this.channel.link || originOf(itemLink) || 'unknown-site';
        this.tally.note(msg('importers.note_warning_no_base_url'), 1, site);
      }
      const source = `wxr:${site.replace(/\/+$/, '')}`;
      this.siteImages.addSite(site);
      this.siteImages.addSite(this.channel.siteUrl);
      this.ctx = {
        source,
        tally: this.tally,
        dryRun: this.dryRun,
        now,
        authorsByLogin: new Map(),
        authorsByWpId: new Map(),
        terms: new Map(),
      };
      this.threader = new CommentThreader(source, this.tally, this.dryRun, now);
      if (!this.dryRun) this.addresses = new LegacyAddresses(source, this.tally, this.channel);
    }
    this.ctx.now = now;
    return this.ctx;
  }

  private async startItem(db: Kysely<Database>, p: WxrPost, now: Date): Promise<void> {
    this.current = null;
    if (!p.wpId) {
      // Every WordPress item has a post id; a file whose items have none, and nothing else of WordPress, is a feed.
      if (!this.wxrSeen) throw new AppError('IMPORT_NOT_WXR', msg('importers.not_wxr_feed'));
      this.tally.skipped('other items', msg('importers.note_items_without_id'), p.link || p.title);
      return;
    }
    this.wxrSeen = true;
    const ctx = this.context(now, p.link);
    if (p.type === 'attachment') {
      this.siteImages.addAttachment(p.wpId, [p.attachmentUrl, p.guid]);
      if (/^[1-9]\d*$/.test(p.parentId))
        this.attachmentPages.push({ wpId: p.wpId, link: p.link, parentId: p.parentId });
      this.attachments.push(p);
      return;
    }
    if (p.type !== 'post' && p.type !== 'page') {
      this.tally.skipped('other items', msg('importers.note_items_other_types'), p.type);
      this.addresses?.notImported(p, msg('importers.unmapped_type_not_imported', { type: p.type }));
      return;
    }
    const { articleId } = await importPost(db, ctx, p, this.postKey(p.wpId));
    this.current = { articleId, date: p.date };
    await this.recordPost(db, p, articleId, now);
    if (articleId !== null && articleId !== DRY_RUN_ID) {
      if (/<img\b|\/wp-content\/uploads\//i.test(p.content)) this.bodiesWithImages.add(articleId);
      const thumb = p.meta.get('_thumbnail_id')?.trim();
      if (thumb) this.thumbnails.set(articleId, thumb);
    }
  }

  /**
   * The import_refs key of a post or page: its WordPress id, and for the second, third … item of the file
   * with the same id, `<id>#2`, `<id>#3` …, so both become articles and a re-run finds each again.
   */
  private postKey(wpId: string): string {
    const n = (this.postIds.get(wpId) ?? 0) + 1;
    this.postIds.set(wpId, n);
    if (n === 1) return wpId;
    this.tally.note(msg('importers.note_items_shared_id'), 1, wpId);
    return `${wpId}#${n}`;
  }

  /** The post's old addresses, and those of its sections, tags and author (made on demand by importPost). */
  private async recordPost(db: Kysely<Database>, p: WxrPost, articleId: number | null, now: Date): Promise<void> {
    if (!this.addresses || !this.ctx) return;
    // A published post without an article here was deleted here since an earlier import (or refused by it).
    if (articleId === null) return this.addresses.notImported(p, msg('importers.unmapped_gone'));
    if (articleId === DRY_RUN_ID) return;
    await this.addresses.recordPost(db, p, articleId, now);
    for (const t of p.terms) {
      if (t.domain === 'category') await this.recordTerm(db, 'category', t.slug, now);
      else if (t.domain === 'post_tag') await this.recordTerm(db, 'post_tag', t.slug, now);
    }
    await this.recordAuthor(db, p.creator, now);
  }

  private async recordAttachmentPages(db: Kysely<Database>): Promise<void> {
    if (!this.addresses || !this.ctx || this.attachmentPages.length === 0) return;
    const now = this.deps.clock.now();
    const parents = await findRefs(db, this.ctx.source, 'post', [
      ...new Set(this.attachmentPages.map((p) => p.parentId)),
    ]);
    for (const p of this.attachmentPages) {
      const articleId = parents.get(p.parentId)?.localId;
      if (articleId != null) await this.addresses.recordAttachmentPage(db, p, articleId, now);
    }
  }

  /** `/category/<slug>/` → its section, or the tag a further category became; `/tag/<slug>/` → the tag. */
  private async recordTerm(db: Kysely<Database>, taxonomy: 'category' | 'post_tag', slug: string, now: Date) {
    const terms = this.ctx?.terms;
    if (!this.addresses || !terms || !slug) return;
    const asTag = terms.get(`post_tag:${slug}`);
    const asSection = taxonomy === 'category' ? terms.get(`category:${slug}`) : undefined;
    if (asSection != null && asSection !== DRY_RUN_ID)
      await this.addresses.recordTerm(db, taxonomy, slug, { sectionId: asSection }, now);
    else if (asTag != null && asTag !== DRY_RUN_ID)
      await this.addresses.recordTerm(db, taxonomy, slug, { tagId: asTag }, now);
  }

  private async recordAuthor(db: Kysely<Database>, login: string, now: Date): Promise<void> {
    const userId = login ? this.ctx?.authorsByLogin.get(login.toLowerCase()) : null;
    if (this.addresses && userId != null) await this.addresses.recordAuthor(db, login, userId, now);
  }

  /** Encoding an image takes a while; holding a batch's write lock that long would stall a live site on SQLite. */
  async importAttachments(): Promise<void> {
    const list = this.attachments;
    this.attachments = [];
    for (const p of list) {
      const ctx = this.context(this.deps.clock.now());
      const media = { uploadsDir: this.opts.uploadsDir, store: this.deps.media };
      const imageId = await unitOfWork(this.deps.db.kysely, this.dryRun, (db) => importAttachment(db, ctx, p, media));
      if (imageId !== null) this.storedImages.push(imageId);
    }
  }

  private addComment(c: WxrComment, now: Date): void {
    if (!this.current || this.current.articleId === null) {
      this.tally.skipped('comments', msg('importers.note_comments_of_skipped_items'));
      return;
    }
    if (!DISCUSSION_TYPES.has(c.type)) {
      this.tally.skipped('comments', msg('importers.note_non_comments'), c.type);
      return;
    }
    const ctx = this.context(now);
    this.comments.push({
      externalId: c.wpId,
      parentExternalId: c.parentWpId,
      articleId: this.current.articleId,
      authorUserId: ctx.authorsByWpId.get(c.wpUserId) ?? null,
      authorName: c.author.replace(/\s+/g, ' ').trim().slice(0, 100) || 'Anonymous',
      authorEmail: c.email.includes('@') ? c.email : null,
      ipHash: c.ip ? hashIp(this.deps.config.secretKey, c.ip) : null,
      bodyHtml: sanitizeImportedComment(c.content),
      status: commentStatus(c.approved),
      upvotes: c.votes?.up ?? 0,
      downvotes: c.votes?.down ?? 0,
      createdAt: c.date ?? this.current.date ?? now.toISOString(),
    });
  }

  /** Orphaned replies, image URLs in bodies, featured images, discussion counts, AVIF variants. */
  async finish(): Promise<void> {
    if (this.records === 0 || !this.ctx || !this.threader) {
      throw new AppError('IMPORT_NOT_WXR', msg('importers.not_wxr_empty'));
    }
    const { clock } = this.deps;
    const db = this.deps.db.kysely;
    const { source } = this.ctx;
    const threader = this.threader;
    await unitOfWork(db, this.dryRun, (trx) => threader.finish(trx, clock.now()));
    if (this.dryRun) return;
    await db.transaction().execute(async (trx) => {
      const images = await pointBodyImagesHome(trx, source, this.siteImages, [...this.bodiesWithImages]);
      if (images.articles > 0) this.tally.note(msg('importers.note_bodies_pointed'), images.articles);
      if (images.kept > 0) this.tally.note(msg('importers.note_body_images_kept'), images.kept);
      if (images.missing > 0) this.tally.note(msg('importers.note_body_images_missing'), images.missing);
      if (images.removed > 0) this.tally.note(msg('importers.note_body_images_removed'), images.removed);
      await this.recordAttachmentPages(trx);
      const leads = await applyFeaturedImages(trx, source, this.thumbnails);
      if (leads > 0) this.tally.note(msg('importers.note_featured_images'), leads);
    });
    this.tally.touched(await recountMarked(db));
    for (const id of this.storedImages) await completeVariantsIn(db, this.deps.media, id, this.opts.avifEffort);
  }
}
