import { Fragment } from 'preact';
import type { Image } from '../../images/index.js';
import type { Article } from '../article.types.js';
import { ArticleFigure } from '../../images/index.js';
import { Bylines, DateTime } from '../../../web/components/Meta.js';
import { SupportCta } from '../../../web/components/SupportCta.js';
import { Raw } from '../../../web/render.js';
import { topLevelBlocks } from '../../../lib/html-blocks.js';
import { slugPath } from '../../../lib/slug.js';
import type { ComponentChildren } from 'preact';
import { useI18n } from '../../../web/i18n-context.js';

export interface CtaPlacement {
  above: boolean;
  below: boolean;
  /** Insert after this paragraph number (1-based); null for none. */
  afterParagraph: number | null;
}

export interface ArticlePageProps {
  article: Article;
  /** Images placed in the body, by id. */
  images: Map<number, Image>;
  siteName: string;
  /** The paragraph of the "Support" appeal (the publisher's, /admin/site), plain text. */
  appeal: string;
  cta: CtaPlacement;
  /** The discussion section, rendered by the discussion feature. */
  discussion: ComponentChildren;
}

/**
 * Splits the sanitized body at image placeholders and the call-to-action paragraph, so figures and the
 * CTA are Preact components while the body stays the sanitizer's HTML.
 */
export function BodyWithInserts({
  article,
  images,
  siteName,
  appeal,
  cta,
  firstIndex,
}: Omit<ArticlePageProps, 'discussion' | 'article'> & { article: Pick<Article, 'bodyHtml'>; firstIndex: number }) {
  const parts: ComponentChildren[] = [];
  let index = firstIndex;
  let html = article.bodyHtml;
  if (cta.afterParagraph !== null) {
    // After the top-level block holding paragraph N: a paragraph inside a quote or list keeps its block whole.
    const id = `<p id="p${cta.afterParagraph}">`;
    const blocks = topLevelBlocks(html);
    let at = blocks.findIndex((b) => b.includes(id));
    // What the discussion adds after a paragraph (its inline-feedback tools) stays with it, before the CTA.
    while (at >= 0 && blocks[at + 1]?.includes('data-passage-tools=')) at++;
    if (at >= 0) html = [...blocks.slice(0, at + 1), '<!--cta-->', ...blocks.slice(at + 1)].join('');
  }
  for (const chunk of html.split(/(<figure data-image-id="\d+"><\/figure>|<!--cta-->)/)) {
    const m = /^<figure data-image-id="(\d+)"><\/figure>$/.exec(chunk);
    if (m) {
      const image = images.get(Number(m[1]));
      if (image) parts.push(<ArticleFigure image={image} index={index++} />);
    } else if (chunk === '<!--cta-->') {
      parts.push(<SupportCta siteName={siteName} appeal={appeal} position="inline" />);
    } else if (chunk.trim() !== '') {
      parts.push(<Raw html={chunk} class="prose" />);
    }
  }
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>{p}</Fragment>
      ))}
    </>
  );
}

export function ArticlePage(props: ArticlePageProps) {
  const { t, rich } = useI18n();
  const { article, siteName, appeal, cta } = props;
  const updated =
    article.publishedAt && article.corrections.length > 0
      ? article.corrections[article.corrections.length - 1]!.createdAt
      : null;
  // The lead image opens the article unless the body places it itself (then it would show twice).
  const lead = article.leadImage && !props.images.has(article.leadImage.id) ? article.leadImage : null;
  return (
    <article class="article" data-article-id={article.id}>
      <header class="article-header">
        {article.section && (
          <p class="kicker">
            <a href={slugPath('section', article.section.slug)}>{article.section.name}</a>
          </p>
        )}
        <h1 class="headline">{article.headline}</h1>
        {article.excerpt && <p class="standfirst">{article.excerpt}</p>}
        <p class="article-meta">
          <Bylines bylines={article.bylines} />
          {article.publishedAt && (
            <>
              {article.bylines.length > 0 && ' · '}
              <DateTime iso={article.publishedAt} withTime />
            </>
          )}
          {updated && (
            <>
              {' '}
              · <span class="updated">{rich('articles.updated', { date: <DateTime iso={updated} withTime /> })}</span>
            </>
          )}
          {' · '}
          <a href="#comments">{t('articles.comment_count', { count: article.commentCount })}</a>
        </p>
      </header>
      {lead && <ArticleFigure image={lead} index={0} lazy={false} />}
      {cta.above && <SupportCta siteName={siteName} appeal={appeal} position="above" />}
      <div class="article-body">
        {article.dateline && <p class="dateline">{article.dateline} —</p>}
        <BodyWithInserts {...props} firstIndex={lead ? 1 : 0} />
      </div>
      {/* After the story, not above it: on a phone the first screen is for the headline and the first paragraph. */}
      {article.tags.length > 0 && (
        <ul class="tags" aria-label={t('articles.tags_label')}>
          {article.tags.map((t) => (
            <li>
              <a href={slugPath('tag', t.slug)}>{t.name}</a>
            </li>
          ))}
        </ul>
      )}
      {article.corrections.length > 0 && (
        <section class="corrections" aria-labelledby="corrections-heading">
          <h2 id="corrections-heading">{t('articles.corrections_heading')}</h2>
          <ul>
            {article.corrections.map((c) => (
              <li id={`correction-${c.id}`}>
                {rich('articles.correction_item', { date: <DateTime iso={c.createdAt} />, note: c.body })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {cta.below && <SupportCta siteName={siteName} appeal={appeal} position="below" />}
      {props.discussion}
    </article>
  );
}
