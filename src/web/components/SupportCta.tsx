import { useI18n } from '../i18n-context.js';

/**
 * "Support <site>" call to action; placed by configuration around and inside articles. `appeal`: plain text, the
 * publisher's (/admin/site), or empty for the language's standard appeal. Its label names where it sits, so the
 * landmarks of one page stay distinct.
 */
export function SupportCta({
  siteName,
  appeal,
  position,
}: {
  siteName: string;
  appeal: string;
  position: 'above' | 'inline' | 'below';
}) {
  const { t } = useI18n();
  return (
    <aside
      class={`support-cta support-cta-${position}`}
      aria-label={t('common.support_cta_label', { site: siteName, position })}
    >
      <p>{appeal || t('common.appeal_default')}</p>
      <a class="button button-support" href="/donate">
        {t('common.support_site', { site: siteName })}
      </a>
    </aside>
  );
}
