/** The public entry of the comments feature: the only module other features and the composition root may import. */
export { type CommentStatus, type CommentTable, type VoteTable } from './comment.table.js';
export { forgetCommentAuthor, insertComment, touchDiscussion } from './comment.write.repo.js';
export { commentRoutes } from './comments.plugin.js';
export { inlineAdminRoutes } from './inline/inline.admin.routes.js';
export { reanchorArticle } from './inline/inline.service.js';
export { extractParagraphs, makeAnchor, type PassageAnchor } from './inline/anchor.js';
export { insertReport } from './moderation/report.repo.js';
export { type InlineQuestionTable } from './inline/inline.table.js';
export { moderationRoutes } from './moderation/moderation.plugin.js';
export { type BanTable, type ReportTable } from './moderation/moderation.table.js';
export { createCommentHooks, type CommentApproved, type CommentHooks, type NotifyRequested } from './comment.hooks.js';
export { articleReadingParts } from './article-parts.js';
export { type DiscussionPageCache } from './comment.service.js';
export { type PassageCountCache } from './inline/inline.service.js';
export { defaultPhases, type Phase } from './moderation/pipeline.js';
export { type WordListCache } from './moderation/word-list.js';
export {
  findParentInfos,
  insertImportedComment,
  markThreadRoots,
  updateImportedComment,
  type CommentChange,
  type ParentInfo,
} from './comment.import.repo.js';
export { refreshSupporterDiscussions } from './supporter-badge.service.js';
export { loadQueue, type QueueStatus } from './moderation/queue.service.js';
export { moderateComments, type ModerationAction } from './moderation/moderation.service.js';
export { BAN_DAYS, banCommenter, createBan, liftBan, loadBanPage, type BanDays } from './moderation/ban.service.js';
export { type Ban } from './moderation/ban.repo.js';
