/** The public entry of the images feature: the only module other features and the composition root may import. */
export { findImagesByIds, listLibraryImages } from './image.repo.js';
export { imageRoutes } from './image.routes.js';
export {
  completeVariants,
  completeVariantsIn,
  processPendingImages,
  storeImage,
  storeImageIn,
} from './image.service.js';
export { type ImageTable } from './image.table.js';
export { type Image } from './image.types.js';
export { snippetOf } from './views/ImageLibraryPage.js';
export { ArticleFigure, Picture, fullSize, mediaUrl } from './views/Picture.js';
export { uploadFromForm } from './image.library.service.js';
export { readImageUpload } from './image.upload.js';
export {
  makeDefaultFaviconFiles,
  makeFaviconFiles,
  makeFaviconFilesFromLogo,
  makeLogoFiles,
  type FaviconFiles,
  type LogoFiles,
} from './brand-image.service.js';
