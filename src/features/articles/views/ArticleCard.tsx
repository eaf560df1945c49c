import type { ArticleSummary } from '../article.types.js';
import { Picture } from '../../images/index.js';
import { Bylines, DateTime } from '../../../web/components/Meta.js';
import { slugPath } from '../../../lib/slug.js';
import { useI18n } from '../../../web/i18n-context.js';

export function ArticleCard({ article, lead = false }: { article: ArticleSummary; lead?: boolean }) {
  const { t } = useI18n();
  return (
    <article class={lead ? 'card card-lead' : 'card'}>
      {article.cardImage && (
        <a href={slugPath('articles', article.slug)} tabIndex={-1} aria-hidden="true" class="card-image">
          <Picture
            image={article.cardImage}
            sizes={lead ? '(min-width: 48rem) 48rem, 100vw' : '(min-width: 48rem) 20rem, 100vw'}
            lazy={!lead}
          />
        </a>
      )}
      {article.section && (
        <p class="kicker">
          <a href={slugPath('section', article.section.slug)}>{article.section.name}</a>
        </p>
      )}
      <h2 class="card-headline">
        <a href={slugPath('articles', article.slug)}>{article.headline}</a>
      </h2>
      {article.excerpt && <p class="card-excerpt">{article.excerpt}</p>}
      <p class="card-meta">
        <Bylines bylines={article.bylines} />
        {article.publishedAt && (
          <>
            {article.bylines.length > 0 && ' · '}
            <DateTime iso={article.publishedAt} />
          </>
        )}
        {article.commentCount > 0 && (
          <>
            {' '}
            ·{' '}
            <a href={`${slugPath('articles', article.slug)}#comments`}>
              {t('articles.comment_count', { count: article.commentCount })}
            </a>
          </>
        )}
      </p>
    </article>
  );
}
