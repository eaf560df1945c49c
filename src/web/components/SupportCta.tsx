/** Where a call to action sits; named in its label so the landmarks of one page stay distinct. */
const WHERE: Record<string, string> = { above: '', inline: ' (in the article)', below: ' (after the article)' };

/** "Support <site>" call to action; placed by configuration around and inside articles. `appeal`: plain text. */
export function SupportCta({
  siteName,
  appeal,
  position,
}: {
  siteName: string;
  appeal: string;
  position: 'above' | 'inline' | 'below';
}) {
  return (
    <aside class={`support-cta support-cta-${position}`} aria-label={`Support ${siteName}${WHERE[position] ?? ''}`}>
      <p>{appeal}</p>
      <a class="button button-support" href="/donate">
        Support {siteName}
      </a>
    </aside>
  );
}
