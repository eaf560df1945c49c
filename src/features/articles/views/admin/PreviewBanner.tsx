import { useI18n } from '../../../../web/i18n-context.js';

/** Says plainly that a preview is not the live page. */
export function PreviewBanner({ editHref, unsaved }: { editHref: string | null; unsaved: boolean }) {
  const { t, rich } = useI18n();
  return (
    <div class="preview-banner" role="note" aria-label={t('editor.preview_label')}>
      <p>
        {rich(unsaved ? 'editor.preview_banner_unsaved' : 'editor.preview_banner_saved', {
          strong: (chunks: string[]) => <strong>{chunks}</strong>,
        })}
        {editHref && (
          <>
            {' '}
            <a href={editHref}>{t('editor.back_to_editor')}</a>
          </>
        )}
      </p>
    </div>
  );
}
