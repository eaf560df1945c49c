/** The database as Kysely sees it, assembled from each feature's tables. */
import type { SessionTable, UserTable } from '../features/accounts/index.js';
import type { ApiTokenTable } from '../features/admin-api/index.js';
import type { LiveEventTable } from '../features/live/index.js';
import type {
  ArticleAuthorTable,
  ArticleImageTable,
  ArticleRevisionTable,
  ArticleSlugTable,
  ArticleTable,
  ArticleTagTable,
  CorrectionTable,
  SectionTable,
  TagTable,
} from '../features/articles/index.js';
import type { CommentTable, VoteTable } from '../features/comments/index.js';
import type { BanTable, ReportTable } from '../features/comments/index.js';
import type {
  CampaignTable,
  DonationTable,
  PledgeTable,
  StripeEventTable,
  StripeRefundTable,
  StripeWebhookFailureTable,
  SupporterTable,
} from '../features/funding/index.js';
import type { InlineQuestionTable } from '../features/comments/index.js';
import type { WebhookDeliveryTable, WebhookEndpointTable } from '../features/webhooks/index.js';
import type { ImageTable } from '../features/images/index.js';
import type { MailQuotaTable } from '../platform/mail-quota.table.js';
import type {
  ImportJobTable,
  ImportRecountTable,
  ImportRefTable,
  LegacyRedirectTable,
} from '../features/importers/index.js';
import type { AuditLogTable, OutboxTable, SettingTable } from '../platform/platform.table.js';
import type { ArticleFtsTable, ArticleSearchTable } from '../features/search/index.js';
import type { NotificationQueueTable, SubscriptionTable } from '../features/subscriptions/index.js';

export interface Database {
  users: UserTable;
  sessions: SessionTable;
  sections: SectionTable;
  articles: ArticleTable;
  article_slugs: ArticleSlugTable;
  article_authors: ArticleAuthorTable;
  tags: TagTable;
  article_tags: ArticleTagTable;
  article_images: ArticleImageTable;
  corrections: CorrectionTable;
  article_revisions: ArticleRevisionTable;
  images: ImageTable;
  comments: CommentTable;
  inline_questions: InlineQuestionTable;
  votes: VoteTable;
  subscriptions: SubscriptionTable;
  bans: BanTable;
  reports: ReportTable;
  campaigns: CampaignTable;
  donations: DonationTable;
  stripe_events: StripeEventTable;
  pledges: PledgeTable;
  stripe_refunds: StripeRefundTable;
  stripe_webhook_failures: StripeWebhookFailureTable;
  supporters: SupporterTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
  /** SQLite only. */
  article_fts: ArticleFtsTable;
  /** PostgreSQL only. */
  article_search: ArticleSearchTable;
  notification_queue: NotificationQueueTable;
  mail_quota: MailQuotaTable;
  import_refs: ImportRefTable;
  import_recounts: ImportRecountTable;
  import_jobs: ImportJobTable;
  legacy_redirects: LegacyRedirectTable;
  api_tokens: ApiTokenTable;
  live_events: LiveEventTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
}
