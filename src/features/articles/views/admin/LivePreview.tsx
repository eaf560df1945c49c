import type { Image } from '../../../images/index.js';
import { Picture } from '../../../images/index.js';
import type { SharePreview } from '../../article.preview.js';
import { BodyWithInserts } from '../ArticlePage.js';
import { useI18n } from '../../../../web/i18n-context.js';

/** The body as readers will see it, for the editor's side-by-side preview (no call to action, no discussion). */
export function LiveBodyPreview({ bodyHtml, images }: { bodyHtml: string; images: Map<number, Image> }) {
  const { t } = useI18n();
  if (bodyHtml.trim() === '') return <p class="hint">{t('editor.preview_empty')}</p>;
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
  const { t } = useI18n();
  const host = siteUrl.replace(/^https?:\/\//, '');
  const title = card.title || t('editor.untitled');
  const description = card.description.length > 160 ? `${card.description.slice(0, 157)}…` : card.description;
  return (
    <>
      <h3>{t('editor.share_in_search')}</h3>
      <div class="search-result-preview">
        <p class="search-result-site">{host}</p>
        <p class="search-result-title">
          {title} · {siteName}
        </p>
        <p class="search-result-text">{description || t('editor.share_no_description')}</p>
      </div>
      <h3>{t('editor.share_when_shared')}</h3>
      <div class="social-card-preview">
        {card.image ? (
          <Picture image={card.image} sizes="20rem" class="social-card-image" />
        ) : (
          <p class="hint">{t('editor.share_no_picture')}</p>
        )}
        <p class="social-card-host">{host}</p>
        <p class="social-card-title">{title}</p>
        <p class="social-card-text">{description}</p>
      </div>
    </>
  );
}
