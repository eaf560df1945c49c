import { slugPath } from '../../../lib/slug.js';
import { DateTime } from '../../../web/components/Meta.js';
import { FEED_FORMATS } from '../../../web/components/page-head.js';
import type { PublicCorrection } from '../listing.repo.js';
import { Pager } from './Pager.js';
import { useI18n } from '../../../web/i18n-context.js';

/** Every correction we have published, newest first, each linking to its note under the article. */
export function CorrectionsPage({
  corrections,
  newerHref,
  olderHref,
}: {
  corrections: PublicCorrection[];
  newerHref: string | null;
  olderHref: string | null;
}) {
  const { t, rich } = useI18n();
  const feeds = FEED_FORMATS.map((f, i) => (
    <>
      {i > 0 && ' · '}
      <a href={`/corrections/${f.file}`} type={f.type}>
        {f.label}
      </a>
    </>
  ));
  return (
    <div class="listing corrections-page">
      <header class="listing-header">
        <h1>{t('listings.corrections_heading')}</h1>
        <p class="listing-intro">{t('listings.corrections_intro')}</p>
      </header>
      {corrections.length === 0 && <p class="listing-empty">{t('listings.corrections_empty')}</p>}
      {corrections.length > 0 && (
        <ol class="correction-list">
          {corrections.map((c) => (
            <li class="correction-item">
              <p class="correction-meta">
                <DateTime iso={c.createdAt} withTime />
              </p>
              <p class="correction-headline">
                <a href={`${slugPath('articles', c.article.slug)}#correction-${c.id}`}>{c.article.headline}</a>
              </p>
              <p class="correction-body">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <Pager
        newerHref={newerHref}
        olderHref={olderHref}
        newerLabel={t('listings.newer_corrections')}
        olderLabel={t('listings.older_corrections')}
        label={t('listings.more_corrections')}
      />
      <p class="feed-links">{rich('listings.follow_corrections', { feeds: <>{feeds}</> })}</p>
    </div>
  );
}
