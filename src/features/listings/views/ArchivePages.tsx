import type { ArchiveMonth } from '../listing.service.js';

/** The archive index: every month with published articles, grouped by year. */
export function ArchiveIndexPage({ years }: { years: Array<{ year: string; months: ArchiveMonth[] }> }) {
  return (
    <div class="listing archive-index">
      <header class="listing-header">
        <h1>Archive</h1>
      </header>
      {years.length === 0 && <p class="listing-empty">Nothing published yet.</p>}
      {years.map((y) => (
        <section aria-labelledby={`year-${y.year}`} class="archive-year">
          <h2 id={`year-${y.year}`}>{y.year}</h2>
          <ul class="archive-months">
            {y.months.map((m) => (
              <li>
                <a href={m.path}>{m.label}</a>
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
  return (
    <nav class="pager month-nav" aria-label="Other months">
      <ul>
        {newer && (
          <li class="pager-newer">
            <a href={newer.path}>
              <span aria-hidden="true">← </span>
              {newer.label}
            </a>
          </li>
        )}
        <li>
          <a href="/archive">All months</a>
        </li>
        {older && (
          <li class="pager-older">
            <a href={older.path}>
              {older.label}
              <span aria-hidden="true"> →</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
