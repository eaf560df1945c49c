/**
 * Public listings: home, section, tag, author, the archive (index and months) and corrections. Each
 * is keyset-paginated (`?before=` / `?after=`), with rel=prev/next and a self-referencing canonical URL.
 */
import { readSiteIdentity } from '../../platform/site-identity.js';
import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import type { ArticleSummary } from '../articles/index.js';
import { ListingHead, type SiteInfo } from '../../web/components/page-head.js';
import {
  CORRECTIONS_PAGE_SIZE,
  getArchiveIndex,
  getCorrectionsPage,
  getLatestPage,
  getMonthPage,
  getSubjectPage,
  LISTING_PAGE_SIZE,
} from './listing.service.js';
import { pageHref, pageRequest, type KeysetPage } from './paging.js';
import { ArchiveIndexPage, MonthNav } from './views/ArchivePages.js';
import { CorrectionsPage } from './views/CorrectionsPage.js';
import { ListingPage, type ListingPageProps } from './views/ListingPage.js';

export const PageQuery = Type.Object(
  {
    before: Type.Optional(Type.String({ maxLength: 200 })),
    after: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const MonthParams = Type.Object({ year: Type.String({ maxLength: 8 }), month: Type.String({ maxLength: 4 }) });

interface Listing {
  path: string;
  title: string;
  description: string;
  page: KeysetPage<unknown>;
  /** The query of the requested page, for its canonical URL. */
  query: { before?: string; after?: string };
  feedBase?: string;
  feedTitle?: string;
}

/** Links and head shared by every paginated listing. */
function paging(site: SiteInfo, l: Listing) {
  const newerHref = pageHref(l.path, 'after', l.page.newer);
  const olderHref = pageHref(l.path, 'before', l.page.older);
  const firstPage = l.page.newer === null;
  const search = firstPage ? '' : `?${new URLSearchParams(l.query as Record<string, string>).toString()}`;
  const canonical = `${site.siteUrl}${l.path}${search}`;
  const head = (
    <ListingHead
      site={site}
      title={l.title}
      description={l.description}
      url={canonical}
      feed={l.feedBase !== undefined ? { base: l.feedBase, title: l.feedTitle ?? l.title } : undefined}
      prevUrl={newerHref && site.siteUrl + newerHref}
      nextUrl={olderHref && site.siteUrl + olderHref}
    />
  );
  return { newerHref, olderHref, firstPage, canonical, head };
}

export async function listingRoutes(app: AppInstance): Promise<void> {
  const { db, config } = app.deps;
  // Read per request: SITE_URL may be settled after start (a server on a random port in tests).
  // The name as the publisher set it (/admin/site), from this process's cache.
  const siteName = async (): Promise<string> => (await readSiteIdentity(app.deps)).name;
  const siteNow = async (): Promise<SiteInfo> => ({ siteUrl: config.siteUrl, siteName: await siteName() });

  async function renderArticles(
    reply: FastifyReply,
    l: Listing & { page: KeysetPage<ArticleSummary>; olderTitle?: string },
    view: Omit<ListingPageProps, 'articles' | 'newerHref' | 'olderHref'>,
  ) {
    const p = paging(await siteNow(), l);
    const title = p.firstPage
      ? l.title
      : (l.olderTitle ?? reply.request.i18n.t('listings.title_older', { title: l.title }));
    return reply.page(
      { title, description: l.description, canonical: p.canonical, head: p.head },
      <ListingPage {...view} articles={l.page.items} newerHref={p.newerHref} olderHref={p.olderHref} />,
    );
  }

  app.get('/', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const { t } = request.i18n;
    // No feed in the listing's head: the layout links the site-wide feeds on every page already.
    const page = await getLatestPage(db.kysely, pageRequest(request.query, LISTING_PAGE_SIZE));
    const first = page.newer === null;
    return renderArticles(
      reply,
      {
        path: '/',
        title: await siteName(),
        olderTitle: t('listings.older_articles'),
        description: t('listings.latest_news'),
        page,
        query: request.query,
      },
      {
        heading: first ? t('listings.latest_news') : t('listings.older_articles'),
        headingHidden: first,
        lead: first,
        feedBase: '',
        emptyText: t('listings.nothing_yet'),
      },
    );
  });

  for (const kind of ['section', 'tag', 'author'] as const) {
    app.get(`/${kind}/:slug`, { schema: { params: SlugParams, querystring: PageQuery } }, async (request, reply) => {
      const { subject, page } = await getSubjectPage(
        db.kysely,
        kind,
        request.params.slug,
        pageRequest(request.query, LISTING_PAGE_SIZE),
      );
      const { t } = request.i18n;
      const bio = subject.author?.bio;
      const description =
        kind === 'author'
          ? bio || t('listings.articles_by', { name: subject.name })
          : t(`listings.latest_${kind}`, { name: subject.name });
      return renderArticles(
        reply,
        {
          path: subject.path,
          title: subject.name,
          description,
          page,
          query: request.query,
          feedBase: subject.path,
          feedTitle: t('listings.feed_title', { name: subject.name, site: await siteName() }),
        },
        {
          heading: subject.name,
          feedBase: subject.path,
          emptyText: t('listings.nothing_here_yet'),
          kicker: t(`listings.kind_${kind}`),
          intro: bio ? <p class="listing-intro">{bio}</p> : undefined,
        },
      );
    });
  }

  app.get('/archive', async (request, reply) => {
    const { t } = request.i18n;
    const years = await getArchiveIndex(db.kysely, (await readSiteIdentity(app.deps)).timeZone);
    const s = await siteNow();
    return reply.page(
      {
        title: t('listings.archive_heading'),
        description: t('listings.archive_description_site', { site: await siteName() }),
        canonical: `${s.siteUrl}/archive`,
        head: (
          <ListingHead
            site={s}
            title={t('listings.archive_heading')}
            description={t('listings.archive_description')}
            url={`${s.siteUrl}/archive`}
          />
        ),
      },
      <ArchiveIndexPage years={years} />,
    );
  });

  app.get(
    '/archive/:year/:month',
    { schema: { params: MonthParams, querystring: PageQuery } },
    async (request, reply) => {
      const { year, month } = request.params;
      const zone = (await readSiteIdentity(app.deps)).timeZone;
      const i18n = request.i18n;
      const m = await getMonthPage(db.kysely, year, month, zone, pageRequest(request.query, LISTING_PAGE_SIZE));
      return renderArticles(
        reply,
        {
          path: m.month.path,
          title: i18n.t('listings.archive_month_title', { month: i18n.month(m.month.key) }),
          description: i18n.t('listings.archive_month_description', { month: i18n.month(m.month.key) }),
          page: m.page,
          query: request.query,
        },
        {
          heading: i18n.month(m.month.key),
          kicker: i18n.t('listings.archive_heading'),
          emptyText: i18n.t('listings.archive_month_no_more'),
          footer: <MonthNav older={m.olderMonth} newer={m.newerMonth} />,
        },
      );
    },
  );

  app.get('/corrections', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const { t } = request.i18n;
    const page = await getCorrectionsPage(db.kysely, pageRequest(request.query, CORRECTIONS_PAGE_SIZE));
    const p = paging(await siteNow(), {
      path: '/corrections',
      title: t('listings.corrections_heading'),
      description: t('listings.corrections_description'),
      page,
      query: request.query,
      feedBase: '/corrections',
      feedTitle: t('listings.corrections_feed_title', { site: await siteName() }),
    });
    return reply.page(
      {
        title: t('listings.corrections_heading'),
        description: t('listings.corrections_description'),
        canonical: p.canonical,
        head: p.head,
      },
      <CorrectionsPage corrections={page.items} newerHref={p.newerHref} olderHref={p.olderHref} />,
    );
  });
}
