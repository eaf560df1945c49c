/** The public entry of the comments feature: the only module other features and the composition root may import. */
export { type CommentStatus, type CommentTable, type SubscriptionTable, type VoteTable } from './comment.table.js';
export { forgetCommentAuthor, insertComment, touchDiscussion } from './comment.write.repo.js';
export { commentRoutes } from './comments.plugin.js';
export { DISCUSSION_QUERY, discussionSection } from './discussion-section.js';
export { articleInline } from './inline/inline-form.js';
export { inlineAdminRoutes } from './inline/inline.admin.routes.js';
export { countOrphanedComments } from './inline/inline.repo.js';
export { reanchorArticle } from './inline/inline.service.js';
export { type InlineQuestionTable } from './inline/inline.table.js';
export { OrphanNotice } from './inline/views/PassagesPage.js';
export { inlineParts } from './inline/views/inline-parts.js';
export { moderationRoutes } from './moderation/moderation.plugin.js';
export { type BanTable, type ReportTable } from './moderation/moderation.table.js';
