import { useI18n } from '../i18n-context.js';

/** `code`: the error's code (src/errors.ts), on the page for scripts and tests. */
export function ErrorPage({ status, message, code }: { status: number; message: string; code?: string }) {
  const { t } = useI18n();
  const title =
    status === 404
      ? t('errors.heading_not_found')
      : status === 429
        ? t('errors.heading_slow_down')
        : status === 503
          ? t('errors.heading_unavailable')
          : status >= 500
            ? t('errors.heading_internal')
            : t('errors.heading_failed');
  return (
    <div class="error-page" data-error-code={code}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{t('errors.front_page_link')}</a>
      </p>
    </div>
  );
}
