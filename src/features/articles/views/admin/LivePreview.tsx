import type { Image } from '../../../images/index.js';
import { Picture } from '../../../images/index.js';
import type { SharePreview } from '../../article.preview.js';
import { BodyWithInserts } from '../ArticlePage.js';

/** The body as readers will see it, for the editor's side-by-side preview (no call to action, no discussion). */
export function LiveBodyPreview({ bodyHtml, images }: { bodyHtml: string; images: Map<number, Image> }) {
  if (bodyHtml.trim() === '') return <p class="hint">The preview shows the body here as you type.</p>;
  return (
    <BodyWithInserts
      article={{ bodyHtml }}
      images={images}
      siteName=""
      appeal=""
      cta={{ above: false, below: false, afterParagraph: null }}
      firstIndex={0}
    />
  );
}

/** A search result and a social card for the article, from the fields its page's meta tags use. */
export function SharePreviewCard({
  card,
  siteName,
  siteUrl,
}: {
  card: SharePreview;
  siteName: string;
  siteUrl: string;
}) {
  const host = siteUrl.replace(/^https?:\/\//, '');
  const title = card.title || 'Untitled';
  const description = card.description.length > 160 ? `${card.description.slice(0, 157)}…` : card.description;
  return (
    <>
      <h3>In search results</h3>
      <div class="search-result-preview">
        <p class="search-result-site">{host}</p>
        <p class="search-result-title">
          {title} · {siteName}
        </p>
        <p class="search-result-text">{description || 'No description yet: write an excerpt or a first paragraph.'}</p>
      </div>
      <h3>When shared</h3>
      <div class="social-card-preview">
        {card.image ? (
          <Picture image={card.image} sizes="20rem" class="social-card-image" />
        ) : (
          <p class="hint">No picture: choose a lead image or place one in the body.</p>
        )}
        <p class="social-card-host">{host}</p>
        <p class="social-card-title">{title}</p>
        <p class="social-card-text">{description}</p>
      </div>
    </>
  );
}
