/**
 * WordPress attachments. Nothing is ever downloaded (an import must not reach out to the old site, and
 * the server may have no network): an attachment becomes a library image only when its file is found in
 * a local copy of wp-content/uploads (`--media-dir`). Either way it is recorded in import_refs, so a later
 * run with the folder picks up what an earlier run could not.
 *
 * After the posts are in, image URLs of the old site in their bodies are pointed at the local copies
 * (wxr-body-images.ts), and featured images become lead images.
 */
import { msg, type Message } from '../../lib/message.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { storeImageIn } from '../images/index.js';
import type { MediaStore } from '../../platform/media-store.js';
import { setLeadImageIfNone } from '../articles/index.js';
import { findRef, findRefs, insertRefs, updateRef } from './import-refs.repo.js';
import type { WxrContext } from './wxr-content.js';
import type { WxrPost } from './wxr-map.js';

export interface MediaOptions {
  /** Local copy of the old site's wp-content/uploads; without it no attachment file is read. */
  uploadsDir?: string;
  /** Where library images live (deps.media: DATA_DIR or the bucket). */
  store: MediaStore;
}

const UPLOADS = '/wp-content/uploads/';

/**
 * The file under `uploadsDir` an attachment URL names, or null (outside the folder, or absent). Under
 * `/wp-content/uploads/` the path after it; otherwise (a custom upload path such as `/media/2020/01/x.jpg`,
 * or `/files/…` of a multisite) the longest tail of the path that is a file in the folder.
 */
export async function localFileFor(url: string, uploadsDir: string): Promise<string | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(url).pathname);
  } catch {
    rel = url;
  }
  const at = rel.indexOf(UPLOADS);
  const parts = (at >= 0 ? rel.slice(at + UPLOADS.length) : rel).split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p.includes('\\'))) return null;
  const root = path.resolve(uploadsDir);
  for (let i = 0; i < (at >= 0 ? 1 : parts.length); i++) {
    const full = path.resolve(root, ...parts.slice(i));
    if (!full.startsWith(root + path.sep)) continue;
    try {
      if ((await fs.stat(full)).isFile()) return full;
    } catch {
      /* not this tail */
    }
  }
  return null;
}

const NOT_COPIED = msg('importers.note_attachments_not_copied');
const MISSING = msg('importers.note_attachments_missing');
const NOT_IMAGE = msg('importers.note_attachments_not_images');

/** Imports one attachment item; returns the new image id when one was stored. */
export async function importAttachment(
  db: Kysely<Database>,
  ctx: WxrContext,
  p: WxrPost,
  media: MediaOptions,
): Promise<number | null> {
  if (!p.attachmentUrl) {
    ctx.tally.skipped('attachments', msg('importers.note_attachments_without_url'));
    return null;
  }
  const ref = await findRef(db, ctx.source, 'attachment', p.wpId);
  if (ref?.localId != null) {
    ctx.tally.skipped('attachments');
    return null;
  }
  // The guid is often the file's first address (before a move to https or another domain).
  let file: string | null = null;
  for (const url of [p.attachmentUrl, p.guid])
    if (!file && media.uploadsDir && /^https?:\/\//i.test(url)) file = await localFileFor(url, media.uploadsDir);
  const recordUnstored = async (note: Message) => {
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
    imageId = await storeImageIn(db, media.store, ctx.now, {
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
  if (!alt) ctx.tally.note(msg('importers.note_images_without_alt'), 1, p.attachmentUrl);
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

export { uploadKey } from './wxr-body-images.js';
