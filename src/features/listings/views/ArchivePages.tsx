import type { ArchiveMonth } from '../listing.service.js';
import { useI18n } from '../../../web/i18n-context.js';

/** The archive index: every month with published articles, grouped by year. */
export function ArchiveIndexPage({ years }: { years: Array<{ year: string; months: ArchiveMonth[] }> }) {
  const i18n = useI18n();
  return (
    <div class="listing archive-index">
      <header class="listing-header">
        <h1>{i18n.t('listings.archive_heading')}</h1>
      </header>
      {years.length === 0 && <p class="listing-empty">{i18n.t('listings.nothing_yet')}</p>}
      {years.map((y) => (
        <section aria-labelledby={`year-${y.year}`} class="archive-year">
          <h2 id={`year-${y.year}`}>{y.year}</h2>
          <ul class="archive-months">
            {y.months.map((m) => (
              <li>
                <a href={m.path}>{i18n.month(m.key)}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** Links from one archive month to the nearest months that have articles. */
export function MonthNav({ older, newer }: { older: ArchiveMonth | null; newer: ArchiveMonth | null }) {
  const i18n = useI18n();
  return (
    <nav class="pager month-nav" aria-label={i18n.t('listings.other_months')}>
      <ul>
        {newer && (
          <li class="pager-newer">
            <a href={newer.path}>
              <span aria-hidden="true">← </span>
              {i18n.month(newer.key)}
            </a>
          </li>
        )}
        <li>
          <a href="/archive">{i18n.t('listings.all_months')}</a>
        </li>
        {older && (
          <li class="pager-older">
            <a href={older.path}>
              {i18n.month(older.key)}
              <span aria-hidden="true"> →</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
