/** The public entry of the articles feature: the only module other features and the composition root may import. */
export { articleAdminRoutes, articleReviewRoutes } from './article.admin.routes.js';
export { cardImageOf, imageIdsInBody, plainText, renderArticleBody } from './article.markdown.js';
export { assertCan, canView } from './article.policy.js';
export { SUMMARY_COLUMNS, findSectionBySlug, hydrateSummaries, listSections, type SummaryRow } from './article.repo.js';
export { articleRoutes } from './article.routes.js';
export { pageRoutes } from './page.routes.js';
export { pageAdminRoutes } from './page.admin.routes.js';
export { listPages, type PageItem } from './page.repo.js';
export { savePage } from './page.service.js';
export { sharedImage, summaryText } from './article.seo.js';
export { publishDueArticles } from './article.publishing.service.js';
export { findPublicArticle } from './article.public.js';
export {
  type ArticleAuthorTable,
  type ArticleImageTable,
  type ArticleRevisionTable,
  type ArticleSlugTable,
  type ArticleStatus,
  type ArticleTable,
  type ArticleTagTable,
  type CorrectionTable,
  type SectionTable,
  type TagTable,
} from './article.table.js';
export { type ArticleSummary, type Correction, type Section, type Tag } from './article.types.js';
export { findEditableArticle } from './article.write.repo.js';
export { getCtaPlacement, loadCtaForm, saveCtaForm, saveCtaPlacement } from './cta.settings.js';
export { ArticleCard } from './views/ArticleCard.js';
export {
  createArticleHooks,
  type ArticleBodyChanged,
  type ArticleHooks,
  type ArticleReadingParts,
} from './article.hooks.js';
export { OrphanNotice } from './views/admin/OrphanNotice.js';
export { recordDiscussionChange, recordDiscussionChanges } from './article.discussion.repo.js';
export {
  addArticleTag,
  addByline,
  addFormerSlug,
  articleExists,
  findArticleBody,
  findArticleIdBySlug,
  findSectionIdBySlug,
  findTagIdBySlug,
  findUserIdByEmail,
  freeArticleSlug,
  insertImportedArticle,
  insertImportedAuthor,
  insertSection,
  insertTag,
  setArticleBody,
  setLeadImageIfNone,
  updateImportedArticle,
  type ArticleChange,
  type ImportedArticle,
} from './article.import.repo.js';
export { loadArticleList } from './article.admin.service.js';
export { saveCommandOf, type ArticleForm } from './article.input.js';
export { publishArticle, unpublishArticle } from './article.publishing.service.js';
export { saveArticle, type SavedArticle } from './article.service.js';
export { type EditableArticle } from './article.write.repo.js';
export { formValuesOf } from './views/admin/ArticleEditPage.js';
