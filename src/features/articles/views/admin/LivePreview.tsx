import type { Image } from '../../../images/index.js';
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
