import type { ComponentChildren } from 'preact';
import type { ArticleSummary } from '../../articles/index.js';
import { ArticleCard } from '../../articles/index.js';
import { FEED_FORMATS } from '../../../web/components/page-head.js';
import { Pager } from './Pager.js';
import { useI18n } from '../../../web/i18n-context.js';

export interface ListingPageProps {
  /** The page's h1. */
  heading: string;
  /** A word above the heading saying what kind of list this is ("Section", "Topic"). */
  kicker?: string;
  /** Hide the h1 visually (the home page, whose name is the masthead). */
  headingHidden?: boolean;
  /** Text under the heading (an author's bio, a page number). */
  intro?: ComponentChildren;
  articles: ArticleSummary[];
  /** Show the first article as the lead story (the first page of the home page). */
  lead?: boolean;
  newerHref: string | null;
  olderHref: string | null;
  /** Path prefix of this listing's feeds ('' for the site's). */
  feedBase?: string;
  /** What to say when there is nothing. */
  emptyText: string;
  /** Extra navigation below the list (archive months). */
  footer?: ComponentChildren;
}

/** A list of article cards: home, section, tag, author and archive pages. */
export function ListingPage(props: ListingPageProps) {
  const { heading, articles, lead } = props;
  const [first, ...rest] = articles;
  const cards = lead ? rest : articles;
  const { t, rich } = useI18n();
  const feeds = FEED_FORMATS.map((f, i) => (
    <>
      {i > 0 && ' · '}
      <a href={`${props.feedBase}/${f.file}`} type={f.type}>
        {f.label}
      </a>
    </>
  ));
  return (
    <div class="listing">
      <header class={props.headingHidden ? 'listing-header visually-hidden' : 'listing-header'}>
        {props.kicker && <p class="kicker listing-kind">{props.kicker}</p>}
        <h1>{heading}</h1>
        {props.intro}
      </header>
      {articles.length === 0 && <p class="listing-empty">{props.emptyText}</p>}
      {lead && first && <ArticleCard article={first} lead />}
      {cards.length > 0 && (
        <section aria-labelledby="listing-list-heading" class="latest">
          <h2 id="listing-list-heading">{lead ? t('listings.latest') : t('listings.articles')}</h2>
          <div class="card-grid">
            {cards.map((a) => (
              <ArticleCard article={a} />
            ))}
          </div>
        </section>
      )}
      <Pager newerHref={props.newerHref} olderHref={props.olderHref} />
      {props.footer}
      {props.feedBase !== undefined && (
        <p class="feed-links">
          {rich('listings.follow_feeds', { what: lead ? 'everything' : 'page', feeds: <>{feeds}</> })}
        </p>
      )}
    </div>
  );
}
