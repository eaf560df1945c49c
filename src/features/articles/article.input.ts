/**
 * The edit form's fields, checked and normalized. Shape and length are checked here, with a message per
 * field; whether the section, bylines and images exist is checked by the service inside its transaction.
 */
import { parseLocalInput, toLocalInput as zonedInput } from '../../lib/time-zone.js';
import { msg, type Text } from '../../lib/message.js';
import { AppError } from '../../errors.js';
import { isSlug, normalizeSlug, slugify } from '../../lib/slug.js';
import type { SaveCommand, SaveIntent } from './article.service.js';

/** The form as the browser sends it (every value a string; unticked boxes absent). */
export interface ArticleForm {
  headline?: string;
  slug?: string;
  excerpt?: string;
  dateline?: string;
  body?: string;
  section?: string;
  tags?: string;
  bylines?: string[];
  lead_image?: string;
  publish_at?: string;
  revision?: string;
}

/** What the service writes. */
export interface ArticleInput {
  headline: string;
  /** Empty: derive from the headline. */
  slug: string;
  excerpt: string;
  dateline: string | null;
  bodyMd: string;
  sectionId: number | null;
  tags: Array<{ slug: string; name: string }>;
  /** Byline order as given. */
  bylineIds: number[];
  leadImageId: number | null;
}

export const LIMITS = {
  headline: 200,
  slug: 120,
  excerpt: 400,
  dateline: 60,
  body: 200_000,
  tags: 12,
  tag: 40,
  bylines: 6,
} as const;

/**
 * The largest request the editor's forms accept. The browser posts the whole article URL-encoded:
 * 200,000 characters of Cyrillic or CJK text take up to nine bytes each there, far above the site-wide
 * 1 MB request limit.
 */
export const EDITOR_BODY_LIMIT = 4 * 1024 * 1024;

/** Whole-number id from a form value; null for '' and for anything that is not a positive integer. */
export const formId = (v: string | undefined): number | null =>
  v && /^\d{1,12}$/.test(v) && Number(v) > 0 ? Number(v) : null;

export function parseArticleForm(form: ArticleForm): { input: ArticleInput; errors: Record<string, Text> } {
  const errors: Record<string, Text> = {};
  const headline = (form.headline ?? '').replace(/\s+/g, ' ').trim();
  if (headline === '') errors.headline = msg('editor.headline_required');
  else if (headline.length > LIMITS.headline)
    errors.headline = msg('editor.headline_too_long', { max: LIMITS.headline, length: headline.length });

  const slug = normalizeSlug(form.slug ?? '');
  if (slug !== '' && (!isSlug(slug) || slug.length > LIMITS.slug)) {
    errors.slug = msg('editor.slug_invalid', { max: LIMITS.slug, example: slugify(headline || 'night-buses-return') });
  }

  const excerpt = (form.excerpt ?? '').replace(/\s+/g, ' ').trim();
  if (excerpt.length > LIMITS.excerpt)
    errors.excerpt = msg('editor.excerpt_too_long', { max: LIMITS.excerpt, length: excerpt.length });
  const dateline = (form.dateline ?? '').trim();
  if (dateline.length > LIMITS.dateline) errors.dateline = msg('editor.dateline_too_long', { max: LIMITS.dateline });
  const bodyMd = (form.body ?? '').replace(/\r\n?/g, '\n');
  if (bodyMd.length > LIMITS.body)
    errors.body = msg('editor.body_too_long', { length: bodyMd.length, max: LIMITS.body });

  const { tags, problem } = parseTags(form.tags ?? '');
  if (tags.length > LIMITS.tags) errors.tags = msg('editor.too_many_tags', { max: LIMITS.tags });
  else if (tags.some((t) => t.name.length > LIMITS.tag)) errors.tags = msg('editor.tag_too_long', { max: LIMITS.tag });
  else if (problem) errors.tags = problem;

  const bylineIds = [...new Set((form.bylines ?? []).map(formId).filter((x): x is number => x !== null))];
  if (bylineIds.length === 0) errors.bylines = msg('editor.bylines_required');
  else if (bylineIds.length > LIMITS.bylines) errors.bylines = msg('editor.too_many_bylines', { max: LIMITS.bylines });

  return {
    input: {
      headline,
      slug,
      excerpt,
      dateline: dateline === '' ? null : dateline,
      bodyMd,
      sectionId: formId(form.section),
      tags,
      bylineIds,
      leadImageId: formId(form.lead_image),
    },
    errors,
  };
}

/**
 * "Transport, city hall ,transport" → two tags; a tag is identified by its slug (its page's address).
 * The same name twice (ignoring case) counts once. Two different names with one slug ("C plus plus,
 * C++") and a name with no letter or digit to make a slug from ("🎉") are a `problem` for the form to
 * show, rather than one tag silently dropped or merged into another.
 */
export function parseTags(raw: string): { tags: Array<{ slug: string; name: string }>; problem: Text | null } {
  const seen = new Map<string, string>();
  let problem: Text | null = null;
  for (const part of raw.split(',')) {
    const name = part.replace(/\s+/g, ' ').trim().normalize('NFC');
    if (name === '') continue;
    if (!/[\p{L}\p{N}]/u.test(name)) {
      problem ??= msg('editor.tag_no_letter', { name });
      continue;
    }
    const slug = slugify(name, 60);
    const first = seen.get(slug);
    if (first === undefined) seen.set(slug, name);
    else if (first.toLowerCase() !== name.toLowerCase())
      problem ??= msg('editor.tags_share_page', { first, name, slug });
  }
  return { tags: [...seen].map(([slug, name]) => ({ slug, name })), problem };
}

/**
 * A `datetime-local` value ("2026-06-14T09:30"), read as a wall-clock time in the site's time zone. A time in
 * the hour skipped when clocks go forward is moved forward by the gap; one in the hour repeated when they go
 * back is the first of the two (src/lib/time-zone.ts). Returns the ISO string (UTC), or throws a field error.
 */
export function parsePublishAt(raw: string | undefined, timeZone: string): string {
  const d = parseLocalInput(raw ?? '', timeZone);
  if (!d) {
    throw new AppError('ARTICLE_PUBLISH_AT_INVALID', msg('editor.publish_at_required'), {
      fields: { publish_at: msg('editor.publish_at_invalid_field', { zone: timeZone }) },
    });
  }
  return d.toISOString();
}

/** The `datetime-local` form value of an ISO time, in the site's time zone. */
export const toLocalInput = (isoTime: string | null, timeZone: string): string =>
  isoTime ? zonedInput(isoTime, timeZone) : '';

/** The service command for a form post; a bad schedule time becomes a field error. */
export function saveCommandOf(
  body: ArticleForm & { intent?: SaveIntent },
  id: number | undefined,
  timeZone: string,
): SaveCommand {
  const { input, errors } = parseArticleForm(body);
  const intent: SaveIntent = body.intent ?? 'save';
  let publishAt: string | null = null;
  if (intent === 'schedule') {
    try {
      publishAt = parsePublishAt(body.publish_at, timeZone);
    } catch (err) {
      Object.assign(errors, (err as AppError).options.fields);
    }
  }
  if (Object.keys(errors).length > 0)
    throw new AppError('ARTICLE_INVALID', msg('editor.fields_need_attention'), { fields: errors });
  const revision = body.revision !== undefined && /^\d+$/.test(body.revision) ? Number(body.revision) : undefined;
  if (id !== undefined && revision === undefined)
    throw new AppError('ARTICLE_FORM_INCOMPLETE', msg('editor.form_incomplete'));
  return { id, revision, input, intent, publishAt };
}
