/** Newer/older links under a listing; also what rel=prev/next in the head point to. */
export function Pager({
  newerHref,
  olderHref,
  newerLabel = 'Newer articles',
  olderLabel = 'Older articles',
  label = 'More articles',
}: {
  newerHref: string | null;
  olderHref: string | null;
  newerLabel?: string;
  olderLabel?: string;
  /** Accessible name of the navigation landmark (unique per page). */
  label?: string;
}) {
  if (!newerHref && !olderHref) return null;
  return (
    <nav class="pager" aria-label={label}>
      <ul>
        {newerHref && (
          <li class="pager-newer">
            <a href={newerHref} rel="prev">
              <span aria-hidden="true">← </span>
              {newerLabel}
            </a>
          </li>
        )}
        {olderHref && (
          <li class="pager-older">
            <a href={olderHref} rel="next">
              {olderLabel}
              <span aria-hidden="true"> →</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
