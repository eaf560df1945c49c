/** "Support <site>" call to action; placed by configuration around and inside articles. */
export function SupportCta({ siteName, position }: { siteName: string; position: string }) {
  return (
    <aside class={`support-cta support-cta-${position}`} aria-label={`Support ${siteName}`}>
      <p>Independent journalism costs money. If you value this reporting, help keep it free for everyone.</p>
      <a class="button button-support" href="/donate">Support {siteName}</a>
    </aside>
  );
}
