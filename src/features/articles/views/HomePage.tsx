import type { ArticleSummary } from '../article.types.js';
import { ArticleCard } from '../../../web/components/ArticleCard.js';

export function HomePage({ articles }: { articles: ArticleSummary[] }) {
  const [lead, ...rest] = articles;
  return (
    <div class="home">
      <h1 class="visually-hidden">Latest news</h1>
      {!lead && <p>Nothing published yet.</p>}
      {lead && <ArticleCard article={lead} lead />}
      {rest.length > 0 && (
        <section aria-labelledby="latest-heading" class="latest">
          <h2 id="latest-heading">Latest</h2>
          <div class="card-grid">{rest.map((a) => <ArticleCard article={a} />)}</div>
        </section>
      )}
    </div>
  );
}
