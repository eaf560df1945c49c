/** What the image library's pages show: a page of the library, and one image with where it is used. */
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { canDeleteImage, canDescribeImage, type LibraryActor } from './image.library.service.js';
import { findImageById, findImageUploader, findImageUsage, listLibraryImages } from './image.repo.js';
import type { Image } from './image.types.js';

export const LIBRARY_PAGE_SIZE = 24;

export interface ImageLibrary {
  images: Image[];
  /** The cursor of the next (older) page, if there is one. */
  nextBefore: number | null;
}

/** One page of the library, newest first, optionally searched. */
export async function loadImageLibrary(
  deps: Pick<Deps, 'db'>,
  o: { q?: string; before?: number },
): Promise<ImageLibrary> {
  const rows = await listLibraryImages(deps.db.kysely, deps.db.dialect, {
    limit: LIBRARY_PAGE_SIZE + 1,
    beforeId: o.before,
    q: o.q?.trim() || undefined,
  });
  const images = rows.slice(0, LIBRARY_PAGE_SIZE);
  return { images, nextBefore: rows.length > LIBRARY_PAGE_SIZE ? images[images.length - 1]!.id : null };
}

export interface ImageEditor {
  image: Image;
  usage: Array<{ id: number; headline: string; status: string }>;
  canDescribe: boolean;
  canDelete: boolean;
}

/** One image's page: the image, the articles that show it, and what the viewer may do with it. */
export async function loadImageEditor(deps: Pick<Deps, 'db'>, viewer: LibraryActor, id: number): Promise<ImageEditor> {
  const db = deps.db.kysely;
  const image = await findImageById(db, id);
  if (!image) throw notFound('IMAGE_NOT_FOUND', 'image');
  const [usage, uploader] = await Promise.all([findImageUsage(db, id), findImageUploader(db, id)]);
  return {
    image,
    usage,
    canDescribe: canDescribeImage(viewer, uploader ?? null),
    canDelete: canDeleteImage(viewer),
  };
}
