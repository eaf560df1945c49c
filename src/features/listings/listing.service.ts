/**
 * Newsroom verbs for the public listings: which page of which list a reader asked for. Unknown
 * sections, tags, authors and empty archive months are 404s; malformed months and cursors are 400s.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { isSlug, normalizeSlug, slugPath } from '../../lib/slug.js';
import { monthBounds } from '../../lib/time-zone.js';
import { findSectionBySlug } from '../articles/index.js';
import type { ArticleSummary, Section, Tag } from '../articles/index.js';
import {
  findAdjacentMonths,
  findAuthorBySlug,
  findTagBySlug,
  listArchiveMonths,
  listArticlePage,
  listCorrectionsPage,
  type AuthorProfile,
  type ListingScope,
  type PublicCorrection,
} from './listing.repo.js';
import type { KeysetPage, PageRequest } from './paging.js';

type DB = Kysely<Database>;

/** Articles per listing page (the home page shows one lead story and the rest as cards). */
export const LISTING_PAGE_SIZE = 20;
export const CORRECTIONS_PAGE_SIZE = 30;

/** A month of the archive. */
export interface ArchiveMonth {
  /** `YYYY-MM` */
  key: string;
  year: string;
  /** `01`–`12` */
  month: string;
  /** "June 2026" */
  label: string;
  /** `/archive/2026/06` */
  path: string;
}

/** A named list of articles with its own page and feeds: a section, a tag or an author. */
export interface ListingSubject {
  kind: 'section' | 'tag' | 'author';
  scope: ListingScope;
  name: string;
  /** `/section/news`: the page, and the prefix of its feeds. */
  path: string;
  section?: Section;
  tag?: Tag;
  author?: AuthorProfile;
}

const monthFmt = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function archiveMonth(key: string): ArchiveMonth {
  const [year, month] = key.split('-') as [string, string];
  return {
    key,
    year,
    month,
    label: monthFmt.format(new Date(`${key}-01T00:00:00Z`)),
    path: `/archive/${year}/${month}`,
  };
}

/** Finds the section, tag or author named by a slug, or throws a 404. */
export async function resolveSubject(db: DB, kind: ListingSubject['kind'], typed: string): Promise<ListingSubject> {
  // Slugs are stored in NFC and lower case; an address typed or decomposed otherwise finds them too.
  const slug = normalizeSlug(typed);
  if (!isSlug(slug)) throw notFound(`${kind.toUpperCase() as Uppercase<typeof kind>}_NOT_FOUND`, kind);
  if (kind === 'section') {
    const section = await findSectionBySlug(db, slug);
    if (!section) throw notFound('SECTION_NOT_FOUND', 'section');
    return {
      kind,
      scope: { kind, sectionId: section.id },
      name: section.name,
      path: slugPath('section', section.slug),
      section,
    };
  }
  if (kind === 'tag') {
    const tag = await findTagBySlug(db, slug);
    if (!tag) throw notFound('TAG_NOT_FOUND', 'tag');
    return { kind, scope: { kind, tagId: tag.id }, name: tag.name, path: slugPath('tag', tag.slug), tag };
  }
  const author = await findAuthorBySlug(db, slug);
  if (!author) throw notFound('AUTHOR_NOT_FOUND', 'author');
  return { kind, scope: { kind, userId: author.id }, name: author.name, path: slugPath('author', author.slug), author };
}

export async function getLatestPage(db: DB, req: PageRequest): Promise<KeysetPage<ArticleSummary>> {
  return listArticlePage(db, { kind: 'all' }, req);
}

export async function getSubjectPage(
  db: DB,
  kind: ListingSubject['kind'],
  slug: string,
  req: PageRequest,
): Promise<{ subject: ListingSubject; page: KeysetPage<ArticleSummary> }> {
  const subject = await resolveSubject(db, kind, slug);
  return { subject, page: await listArticlePage(db, subject.scope, req) };
}

/** The archive index: months with articles, grouped by year, newest first. */
export async function getArchiveIndex(db: DB, zone: string): Promise<Array<{ year: string; months: ArchiveMonth[] }>> {
  const years: Array<{ year: string; months: ArchiveMonth[] }> = [];
  for (const key of await listArchiveMonths(db, zone)) {
    const m = archiveMonth(key);
    const last = years[years.length - 1];
    if (last && last.year === m.year) last.months.push(m);
    else years.push({ year: m.year, months: [m] });
  }
  return years;
}

export interface MonthPage {
  month: ArchiveMonth;
  page: KeysetPage<ArticleSummary>;
  olderMonth: ArchiveMonth | null;
  newerMonth: ArchiveMonth | null;
}

/**
 * One archive month of the site's time zone (from local midnight of its first day to that of the next
 * month's). `year`/`month` come from the URL as strings and are checked here.
 */
export async function getMonthPage(
  db: DB,
  year: string,
  month: string,
  zone: string,
  req: PageRequest,
): Promise<MonthPage> {
  if (!/^\d{4}$/.test(year) || !/^(0[1-9]|1[0-2])$/.test(month)) {
    throw new AppError('ARCHIVE_ADDRESS_INVALID', msg('listings.archive_address_invalid'));
  }
  const key = `${year}-${month}`;
  const bounds = monthBounds(key, zone);
  const [from, to] = [bounds.start.toISOString(), bounds.end.toISOString()];
  const [page, adjacent] = await Promise.all([
    listArticlePage(db, { kind: 'month', from, to }, req),
    findAdjacentMonths(db, from, to, zone),
  ]);
  if (page.items.length === 0 && !req.before && !req.after)
    throw new AppError('ARCHIVE_MONTH_EMPTY', msg('listings.archive_month_empty'));
  return {
    month: archiveMonth(key),
    page,
    olderMonth: adjacent.older ? archiveMonth(adjacent.older) : null,
    newerMonth: adjacent.newer ? archiveMonth(adjacent.newer) : null,
  };
}

export async function getCorrectionsPage(db: DB, req: PageRequest): Promise<KeysetPage<PublicCorrection>> {
  return listCorrectionsPage(db, req);
}
