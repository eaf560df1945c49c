/**
 * Reads for the site export, one page at a time in id order (keyset pagination), so the export of a
 * large site never holds more than a page in memory. Rows are mapped to the export's camelCase shape
 * here. Left out on purpose: password hashes, session and edit-token hashes, hashed IPs (useless without
 * the key, and dangerous with it), the mail outbox and Stripe's event log.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

type DB = Kysely<Database>;
type Row = Record<string, unknown>;

const json = (s: string | null): unknown => {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

export async function exportSettings(db: DB): Promise<Row[]> {
  const rows = await db.selectFrom('settings').selectAll().orderBy('key').execute();
  return rows.map((r) => ({ key: r.key, value: json(r.value), updatedAt: r.updated_at }));
}

export async function exportSections(db: DB, after: number, limit: number): Promise<Row[]> {
  return db
    .selectFrom('sections')
    .select(['id', 'slug', 'name', 'position'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function exportTags(db: DB, after: number, limit: number): Promise<Row[]> {
  return db
    .selectFrom('tags')
    .select(['id', 'slug', 'name'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function exportUsers(db: DB, after: number, limit: number): Promise<Row[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'slug', 'bio', 'role', 'created_at', 'disabled_at'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    slug: r.slug,
    bio: r.bio,
    role: r.role,
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
  }));
}

export async function exportImages(db: DB, after: number, limit: number): Promise<Row[]> {
  const rows = await db.selectFrom('images').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    storageKey: r.storage_key,
    mime: r.mime,
    width: r.width,
    height: r.height,
    bytes: r.bytes,
    alt: r.alt,
    decorative: r.decorative === 1,
    caption: r.caption,
    credit: r.credit,
    variants: json(r.variants),
    status: r.status,
    uploadedBy: r.uploaded_by,
    createdAt: r.created_at,
  }));
}

/** Articles with bylines, tags, images, former slugs and corrections: five queries per page. */
export async function exportArticles(db: DB, after: number, limit: number): Promise<Row[]> {
  const rows = await db.selectFrom('articles').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [authors, tags, images, slugs, corrections] = await Promise.all([
    db
      .selectFrom('article_authors')
      .innerJoin('users', 'users.id', 'article_authors.user_id')
      .select(['article_authors.article_id', 'users.id', 'users.display_name', 'article_authors.position'])
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.position')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.slug'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('tags.slug')
      .execute(),
    db
      .selectFrom('article_images')
      .select(['article_id', 'image_id'])
      .where('article_id', 'in', ids)
      .orderBy('image_id')
      .execute(),
    db
      .selectFrom('article_slugs')
      .select(['article_id', 'slug'])
      .where('article_id', 'in', ids)
      .orderBy('slug')
      .execute(),
    db
      .selectFrom('corrections')
      .select(['id', 'article_id', 'body', 'created_by', 'created_at'])
      .where('article_id', 'in', ids)
      .orderBy('created_at')
      .execute(),
  ]);
  const group = <T extends { article_id: number }>(xs: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of xs) m.set(x.article_id, [...(m.get(x.article_id) ?? []), x]);
    return (id: number) => m.get(id) ?? [];
  };
  const [byAuthors, byTags, byImages, bySlugs, byCorrections] = [
    group(authors),
    group(tags),
    group(images),
    group(slugs),
    group(corrections),
  ];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    slug: r.slug,
    headline: r.headline,
    excerpt: r.excerpt,
    bodyMd: r.body_md,
    bodyHtml: r.body_html,
    dateline: r.dateline,
    sectionId: r.section_id,
    leadImageId: r.lead_image_id,
    status: r.status,
    publishAt: r.publish_at,
    publishedAt: r.published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    commentsOpen: r.comments_open === 1,
    commentCount: r.comment_count,
    bylines: byAuthors(r.id).map((a) => ({ userId: a.id, name: a.display_name, position: a.position })),
    tags: byTags(r.id).map((t) => t.slug),
    imageIds: byImages(r.id).map((i) => i.image_id),
    formerSlugs: bySlugs(r.id).map((s) => s.slug),
    corrections: byCorrections(r.id).map((c) => ({
      id: c.id,
      body: c.body,
      createdBy: c.created_by,
      createdAt: c.created_at,
    })),
  }));
}

export async function exportComments(db: DB, after: number, limit: number): Promise<Row[]> {
  const rows = await db.selectFrom('comments').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    parentId: r.parent_id,
    threadId: r.thread_id,
    depth: r.depth,
    replyToName: r.reply_to_name,
    authorUserId: r.author_user_id,
    authorName: r.author_name,
    authorEmail: r.author_email,
    bodyHtml: r.body_html,
    status: r.status,
    votes: {
      score: r.score,
      upvotes: r.upvotes,
      downvotes: r.downvotes,
      importedUpvotes: r.imported_upvotes,
      importedDownvotes: r.imported_downvotes,
    },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    editedAt: r.edited_at,
  }));
}

export async function exportCampaigns(db: DB, after: number, limit: number): Promise<Row[]> {
  const rows = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    month: r.month,
    goalMinor: r.goal_minor,
    currency: r.currency,
    ticks: json(r.ticks),
    message: r.message,
    raisedMinor: r.raised_minor,
    giftCount: r.gift_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function exportDonations(db: DB, after: number, limit: number): Promise<Row[]> {
  const rows = await db
    .selectFrom('donations')
    .selectAll()
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    month: r.month,
    donatedAt: r.donated_at,
    amountMinor: r.amount_minor,
    refundedMinor: r.refunded_minor,
    currency: r.currency,
    frequency: r.frequency,
    source: r.source,
    method: r.method,
    status: r.status,
    donorEmail: r.donor_email,
    publicName: r.public_name,
    publicMessage: r.public_message,
    wallConsent: r.wall_consent === 1,
    note: r.note,
    stripeSessionId: r.stripe_session_id,
    stripePaymentIntentId: r.stripe_payment_intent_id,
    stripeSubscriptionId: r.stripe_subscription_id,
    stripeInvoiceId: r.stripe_invoice_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function exportSubscriptions(db: DB, after: number, limit: number): Promise<Row[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .select([
      'id',
      'article_id',
      'email',
      'user_id',
      'kind',
      'status',
      'created_at',
      'confirmed_at',
      'last_notified_at',
    ])
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    email: r.email,
    userId: r.user_id,
    kind: r.kind,
    status: r.status,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
    lastNotifiedAt: r.last_notified_at,
  }));
}

export async function exportAudit(db: DB, after: number, limit: number): Promise<Row[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    actorUserId: r.actor_user_id,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    before: json(r.before),
    after: json(r.after),
    createdAt: r.created_at,
  }));
}

export async function exportImportRefs(db: DB, after: number, limit: number): Promise<Row[]> {
  const rows = await db
    .selectFrom('import_refs')
    .select(['id', 'source', 'kind', 'external_id', 'local_id', 'url', 'created_at'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    kind: r.kind,
    externalId: r.external_id,
    localId: r.local_id,
    url: r.url,
    createdAt: r.created_at,
  }));
}
