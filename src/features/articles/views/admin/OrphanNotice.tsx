import { useI18n } from '../../../../web/i18n-context.js';

/** The editor's summary of how anchors fare; shown on the edit form and the passages page. */
export function OrphanNotice({ orphaned }: { orphaned: number }) {
  const { t } = useI18n();
  if (orphaned === 0) return null;
  return (
    <p class="notice notice-warning" role="status">
      {t('editor.orphaned_comments', { count: orphaned })}
    </p>
  );
}
