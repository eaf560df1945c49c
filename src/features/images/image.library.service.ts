/**
 * The image library's verbs beyond upload: describe an image again, delete one. Authors may describe the
 * images they uploaded; editors any image. Only editors delete, and only images no article shows (a
 * deleted image would leave a hole in a published page).
 */
import { AppError, notFound } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { hasRole } from '../../platform/roles.js';
import { recordAudit } from '../../platform/audit.repo.js';
import {
  checkImageText,
  removeImageFiles,
  storeImageIn,
  tooLarge,
  type ImageCtx,
  type ImageInput,
} from './image.service.js';
import type { Upload } from './image.upload.js';
import { deleteImageRow, findImageById, findImageUploader, findImageUsage, updateImageText } from './image.repo.js';

export interface LibraryActor {
  id: number;
  role: string;
}

/** The upload form's file and fields: refuses an empty or oversized file, then uploads. */
export async function uploadFromForm(
  ctx: ImageCtx,
  actor: LibraryActor,
  upload: Upload,
  fields: Record<string, string | undefined>,
): Promise<number> {
  if (upload.tooLarge) throw tooLarge();
  if (upload.buffer.length === 0)
    throw new AppError('IMAGE_FILE_REQUIRED', msg('images.file_required'), {
      fields: { file: msg('images.file_required_field') },
    });
  return uploadImage(ctx, actor, {
    buffer: upload.buffer,
    alt: fields.alt ?? '',
    decorative: fields.decorative === '1',
    caption: fields.caption ?? null,
    credit: fields.credit ?? null,
  });
}

/** Upload by a staff member: stores the image and notes it in the audit log. */
export async function uploadImage(
  ctx: ImageCtx,
  actor: LibraryActor,
  input: Omit<ImageInput, 'uploadedBy'>,
): Promise<number> {
  if (!hasRole(actor.role, 'author')) throw new AppError('IMAGE_UPLOAD_FORBIDDEN', msg('images.upload_forbidden'));
  const now = ctx.clock.now();
  const id = await storeImageIn(ctx.db.kysely, ctx.media, now, { ...input, uploadedBy: actor.id });
  await recordAudit(
    ctx.db.kysely,
    {
      actorUserId: actor.id,
      action: 'image.upload',
      subjectType: 'image',
      subjectId: id,
      after: { alt: input.alt, decorative: input.decorative },
    },
    now,
  );
  return id;
}

export const canDescribeImage = (actor: LibraryActor, uploadedBy: number | null): boolean =>
  hasRole(actor.role, 'editor') || (hasRole(actor.role, 'author') && uploadedBy === actor.id);
export const canDeleteImage = (actor: LibraryActor): boolean => hasRole(actor.role, 'editor');

export async function describeImage(
  ctx: ImageCtx,
  actor: LibraryActor,
  id: number,
  input: { alt: string; decorative: boolean; caption: string | null; credit: string | null },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const uploadedBy = await findImageUploader(trx, id);
    if (uploadedBy === undefined) throw notFound('IMAGE_NOT_FOUND', 'image');
    if (!canDescribeImage(actor, uploadedBy))
      throw new AppError('IMAGE_DESCRIBE_FORBIDDEN', msg('images.describe_forbidden'));
    const text = checkImageText(input);
    await updateImageText(trx, id, { ...text, decorative: input.decorative });
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'image.describe',
        subjectType: 'image',
        subjectId: id,
        after: { ...text, decorative: input.decorative },
      },
      now,
    );
  });
}

/** Deletes an unused image, then its files (after the row is gone, so a page never points at missing files). */
export async function deleteImage(ctx: ImageCtx, actor: LibraryActor, id: number): Promise<void> {
  if (!canDeleteImage(actor)) throw new AppError('IMAGE_DELETE_FORBIDDEN', msg('images.delete_forbidden'));
  const now = ctx.clock.now();
  const storageKey = await ctx.db.kysely.transaction().execute(async (trx) => {
    const image = await findImageById(trx, id);
    if (!image) throw notFound('IMAGE_NOT_FOUND', 'image');
    const usage = await findImageUsage(trx, id);
    if (usage.length > 0) {
      throw new AppError(
        'IMAGE_IN_USE',
        msg('images.in_use', { count: usage.length, headlines: usage.map((u) => `“${u.headline}”`).join(', ') }),
      );
    }
    await deleteImageRow(trx, id);
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'image.delete',
        subjectType: 'image',
        subjectId: id,
        before: { storageKey: image.storageKey, alt: image.alt },
      },
      now,
    );
    return image.storageKey;
  });
  await removeImageFiles(ctx.media, storageKey);
}
