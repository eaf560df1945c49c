/** The public entry of the listings feature: the only module other features and the composition root may import. */
export { listArchiveMonths, listArticlePage, listCorrectionsPage } from './listing.repo.js';
export { listingRoutes } from './listing.routes.js';
export { archiveMonth, resolveSubject, type ListingSubject } from './listing.service.js';
export { Pager } from './views/Pager.js';
export { decodeCursor, encodeCursor, type Cursor } from './paging.js';
