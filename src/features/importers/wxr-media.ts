/**
 * WordPress attachments. Nothing is ever downloaded (an import must not reach out to the old site, and
 * the server may have no network): an attachment becomes a library image only when its file is found in
 * a local copy of wp-content/uploads (`--media-dir`). Either way it is recorded in import_refs, so a later
 * run with the folder picks up what an earlier run could not.
 *
 * After the posts are in, image URLs of the old site in their bodies are pointed at the local copies
 * (including WordPress's resized `-1024x768` and `-scaled` names), and featured images become lead images.
 */
import { reanchorArticle } from '../comments/index.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { renderArticleBody } from '../articles/index.js';
import { findImagesByIds } from '../images/index.js';
import { storeImageIn } from '../images/index.js';
import type { Image } from '../images/index.js';
import { findArticleBody, setArticleBody, setLeadImageIfNone } from '../articles/index.js';
import { findRef, findRefs, insertRefs, listImportedAttachments, updateRef } from './import-refs.repo.js';
import type { WxrContext } from './wxr-content.js';
import type { WxrPost } from './wxr-map.js';

export interface MediaOptions {
  /** Local copy of the old site's wp-content/uploads; without it no attachment file is read. */
  uploadsDir?: string;
  /** DATA_DIR/media, where library images live. */
  mediaDir: string;
}

const UPLOADS = '/wp-content/uploads/';

/** The file under `uploadsDir` an attachment URL names, or null (outside the folder, or absent). */
export async function localFileFor(url: string, uploadsDir: string): Promise<string | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(url).pathname);
  } catch {
    rel = url;
  }
  const at = rel.indexOf(UPLOADS);
  rel = at >= 0 ? rel.slice(at + UPLOADS.length) : rel.replace(/^\/+/, '');
  const root = path.resolve(uploadsDir);
  const full = path.resolve(root, rel);
  if (!full.startsWith(root + path.sep)) return null;
  try {
    return (await fs.stat(full)).isFile() ? full : null;
  } catch {
    return null;
  }
}

const NOT_COPIED =
  'attachments not copied (files are never downloaded; pass --media-dir with a copy of wp-content/uploads)';
const MISSING = 'attachment files missing from the media folder';
const NOT_IMAGE = 'attachments that are not images (recorded, not copied)';

/** Imports one attachment item; returns the new image id when one was stored. */
export async function importAttachment(
  db: Kysely<Database>,
  ctx: WxrContext,
  p: WxrPost,
  media: MediaOptions,
): Promise<number | null> {
  if (!p.attachmentUrl) {
    ctx.tally.skipped('attachments', 'attachments without a URL');
    return null;
  }
  const ref = await findRef(db, ctx.source, 'attachment', p.wpId);
  if (ref?.localId != null) {
    ctx.tally.skipped('attachments');
    return null;
  }
  const file = media.uploadsDir ? await localFileFor(p.attachmentUrl, media.uploadsDir) : null;
  const recordUnstored = async (note: string) => {
    if (!ref && !ctx.dryRun)
      await insertRefs(
        db,
        [{ source: ctx.source, kind: 'attachment', externalId: p.wpId, localId: null, url: p.attachmentUrl }],
        ctx.now,
      );
    ctx.tally.skipped('attachments', note, p.attachmentUrl);
    return null;
  };
  if (!file) return recordUnstored(media.uploadsDir ? MISSING : NOT_COPIED);
  if (ctx.dryRun) {
    ctx.tally.created('attachments');
    return null;
  }
  const alt = p.meta.get('_wp_attachment_image_alt')?.trim() ?? '';
  let imageId: number;
  try {
    imageId = await storeImageIn(db, { mediaDir: media.mediaDir }, ctx.now, {
      buffer: await fs.readFile(file),
      alt: alt || p.title || path.basename(file),
      decorative: false,
      caption: p.excerpt || null,
      credit: null,
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'IMAGE_UNREADABLE') return recordUnstored(NOT_IMAGE);
    throw err;
  }
  if (!alt) ctx.tally.note('images without alt text in WordPress (title used: please review)', 1, p.attachmentUrl);
  if (ref) await updateRef(db, ref.id, { localId: imageId, url: p.attachmentUrl }, ctx.now);
  else
    await insertRefs(
      db,
      [{ source: ctx.source, kind: 'attachment', externalId: p.wpId, localId: imageId, url: p.attachmentUrl }],
      ctx.now,
    );
  ctx.tally.created('attachments');
  return imageId;
}

/** `2020/01/photo.jpg` for any size WordPress made of it (`photo-1024x768.jpg`, `photo-scaled.jpg`). */
export function uploadKey(url: string): string | null {
  const at = url.indexOf(UPLOADS);
  if (at < 0) return null;
  const rel = url.slice(at + UPLOADS.length).replace(/[?#].*$/, '');
  return rel.replace(/(?:-\d+x\d+|-scaled)(?=\.[a-z0-9]+$)/i, '').toLowerCase();
}

/**
 * A library reference (`image:42`), as the editor writes it: the article page renders it as the
 * responsive figure with the full-size viewer. Remote URLs of the old site never reach a reader's page
 * (the sanitizer drops them: they would be third-party requests) but stay in the Markdown source, so a
 * later run with the uploads folder can still point them here.
 */
function localUrl(img: Image): string {
  return `image:${img.id}`;
}

const UPLOAD_URL = /(?:https?:)?\/\/[^\s"'()<>]+\/wp-content\/uploads\/[^\s"'()<>]+/gi;

/** Points image URLs of the old site at their local copies in these articles' bodies; returns how many changed. */
export async function rewriteAttachmentUrls(
  db: Kysely<Database>,
  source: string,
  articleIds: number[],
): Promise<number> {
  if (articleIds.length === 0) return 0;
  const attachments = await listImportedAttachments(db, source);
  if (attachments.length === 0) return 0;
  const imageByKey = new Map<string, number>();
  for (const a of attachments) {
    const key = uploadKey(a.url);
    if (key) imageByKey.set(key, a.imageId);
  }
  const images = await findImagesByIds(db, [...new Set(imageByKey.values())]);
  let changed = 0;
  for (const id of articleIds) {
    const article = await findArticleBody(db, id);
    if (!article) continue;
    const used = new Set<number>();
    const body = article.bodyMd.replace(UPLOAD_URL, (url) => {
      const imageId = imageByKey.get(uploadKey(url) ?? '');
      const img = imageId !== undefined ? images.get(imageId) : undefined;
      if (!img) return url;
      used.add(img.id);
      return localUrl(img);
    });
    if (body === article.bodyMd) continue;
    const html = renderArticleBody(body);
    await setArticleBody(db, id, body, html, [...used]);
    await reanchorArticle(db, id, html);
    changed++;
  }
  return changed;
}

/** An <img> whose source is on another host: a third-party request from a reader's page. */
export const REMOTE_IMG = /<img\b[^>]*\bsrc=["']?(?:https?:)?\/\//i;

/** How many of these articles still show images from another site. */
export async function countRemoteImages(db: Kysely<Database>, articleIds: number[]): Promise<number> {
  let n = 0;
  for (const id of articleIds) {
    const a = await findArticleBody(db, id);
    if (a && REMOTE_IMG.test(a.bodyMd)) n++;
  }
  return n;
}

/** Featured images (`_thumbnail_id`) whose attachment became a library image become lead images of articles without one. */
export async function applyFeaturedImages(
  db: Kysely<Database>,
  source: string,
  pending: Map<number, string>,
): Promise<number> {
  if (pending.size === 0) return 0;
  const refs = await findRefs(db, source, 'attachment', [...pending.values()]);
  let n = 0;
  for (const [articleId, attachmentId] of pending) {
    const imageId = refs.get(attachmentId)?.localId;
    if (imageId == null) continue;
    if (await setLeadImageIfNone(db, articleId, imageId)) n++;
  }
  return n;
}
