/** The public entry of the search feature: the only module other features and the composition root may import. */
export { searchRoutes } from './search.routes.js';
export { type ArticleFtsTable, type ArticleSearchTable } from './search.table.js';
export { MAX_PAGE, searchArticles } from './search.service.js';
