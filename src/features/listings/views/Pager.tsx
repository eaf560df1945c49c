import { useI18n } from '../../../web/i18n-context.js';

/** Newer/older links under a listing; also what rel=prev/next in the head point to. */
export function Pager({
  newerHref,
  olderHref,
  newerLabel,
  olderLabel,
  label,
}: {
  newerHref: string | null;
  olderHref: string | null;
  newerLabel?: string;
  olderLabel?: string;
  /** Accessible name of the navigation landmark (unique per page). */
  label?: string;
}) {
  const { t } = useI18n();
  if (!newerHref && !olderHref) return null;
  return (
    <nav class="pager" aria-label={label ?? t('listings.more_articles')}>
      <ul>
        {newerHref && (
          <li class="pager-newer">
            <a href={newerHref} rel="prev">
              <span aria-hidden="true">← </span>
              {newerLabel ?? t('listings.newer_articles')}
            </a>
          </li>
        )}
        {olderHref && (
          <li class="pager-older">
            <a href={olderHref} rel="next">
              {olderLabel ?? t('listings.older_articles')}
              <span aria-hidden="true"> →</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
