/** The Content API's pages (About, Contact …): the published ones by title, and one with its body. */
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { slugPath } from '../../lib/slug.js';
import { findPublicArticle, listPages } from '../articles/index.js';

type Ctx = Pick<Deps, 'db' | 'config'>;

const pageNotFound = () => new AppError('PAGE_NOT_FOUND', msg('api.page_not_found'));

export interface PageItemJson {
  slug: string;
  url: string;
  title: string;
  updated_at: string;
}

/** Every published page, by title (a site has a handful: one answer, no cursor). */
export async function listPagesJson(ctx: Ctx): Promise<{ items: PageItemJson[] }> {
  const pages = await listPages(ctx.db.kysely, { publishedOnly: true });
  return {
    items: pages.map((p) => ({
      slug: p.slug,
      url: ctx.config.siteUrl + slugPath('pages', p.slug),
      title: p.headline,
      updated_at: p.updatedAt,
    })),
  };
}

/** One published page with its body, or `{ moved }` (its address in this API) for a former slug. */
export async function getPageJson(
  ctx: Ctx,
  slug: string,
): Promise<(PageItemJson & { excerpt: string; body_html: string }) | { moved: string }> {
  const found = await findPublicArticle(ctx.db.kysely, slug, 'page');
  if (found && 'moved' in found) {
    if (found.moved.startsWith('/pages/')) return { moved: `/api/v1${found.moved}` };
    throw pageNotFound();
  }
  if (!found) throw pageNotFound();
  const { article: p, bodyHtml } = found;
  return {
    slug: p.slug,
    url: ctx.config.siteUrl + slugPath('pages', p.slug),
    title: p.headline,
    excerpt: p.excerpt,
    updated_at: p.updatedAt,
    body_html: bodyHtml,
  };
}
