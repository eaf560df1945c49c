import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { MAX_PAGE, RESULTS_PER_PAGE, searchArticles } from './search.service.js';
import { SearchPage } from './views/SearchPage.js';

const SearchQuery = Type.Object({
  // Generous here so an over-long query gets the friendly message from the service, not a schema error.
  q: Type.Optional(Type.String({ maxLength: 4000 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
  sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('newest')])),
});

/** GET /search?q=…&page=…&sort=…: reads only, so it needs no CSRF token; results are never indexed. */
export async function searchRoutes(app: AppInstance): Promise<void> {
  const { db } = app.deps;

  app.get('/search', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const { q = '', page = 1, sort = 'relevance' } = request.query;
    const outcome = await searchArticles(db, { q, page, sort });
    const href = (p: number) =>
      `/search?${new URLSearchParams({ q: outcome.q, ...(sort !== 'relevance' ? { sort } : {}), ...(p > 1 ? { page: String(p) } : {}) }).toString()}`;
    const newerHref = outcome.searched && page > 1 ? href(page - 1) : null;
    const olderHref = outcome.hasMore ? href(page + 1) : null;
    const siteUrl = app.deps.config.siteUrl;
    const head = (
      <>
        <meta name="robots" content="noindex, follow" />
        {newerHref && <link rel="prev" href={siteUrl + newerHref} />}
        {olderHref && <link rel="next" href={siteUrl + olderHref} />}
      </>
    );
    const title = outcome.searched
      ? request.i18n.t('search.title_query', { q: outcome.q })
      : request.i18n.t('search.heading');
    return reply.page(
      { title, head, bodyClass: 'search' },
      <SearchPage
        outcome={outcome}
        start={(page - 1) * RESULTS_PER_PAGE + 1}
        newerHref={newerHref}
        olderHref={olderHref}
      />,
      outcome.problem ? 400 : 200,
    );
  });
}
