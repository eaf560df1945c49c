import type { ComponentChildren } from 'preact';
import type { Article } from '../article.types.js';
import { Bylines, DateTime } from '../../../web/components/Meta.js';
import { Raw } from '../../../web/render.js';
import { useI18n } from '../../../web/i18n-context.js';

/**
 * A page of the site (About, Contact, Ethics policy …): its title, summary, text and when it last changed. No
 * section, tags, call to action or comment count; the discussion only while its comments are open.
 */
export function PageView({
  page,
  bodyHtml,
  discussion,
}: {
  page: Article;
  bodyHtml: string;
  discussion?: ComponentChildren;
}) {
  const { rich } = useI18n();
  return (
    <article class="article site-page" data-page-id={page.id}>
      <header class="article-header">
        <h1 class="headline">{page.headline}</h1>
        {page.excerpt && <p class="standfirst">{page.excerpt}</p>}
        <p class="article-meta">
          {page.bylines.length > 0 && (
            <>
              <Bylines bylines={page.bylines} />
              {' · '}
            </>
          )}
          <span class="updated">{rich('articles.updated', { date: <DateTime iso={page.updatedAt} /> })}</span>
        </p>
      </header>
      <div class="article-body">
        <Raw html={bodyHtml} class="prose" />
      </div>
      {discussion}
    </article>
  );
}
