import { DateTime } from '../../../../web/components/Meta.js';
import { useI18n } from '../../../../web/i18n-context.js';

/** What the edit form knows of the pending autosave (src/features/articles/article.revision.service.ts). */
export interface AutosaveState {
  /** Where the editor's script posts the typing. */
  url: string;
  /** The autosave counter the form starts from (0: none yet). */
  draft: number;
  /** The form shows an autosave made at this time (not saved yet). */
  shownAt?: string;
  /** An autosave typed on an older revision: the form does not show it, the history does. */
  stale?: { id: number; at: string };
}

/** Above the form: says when the form shows autosaved text, with a way back to the saved version. */
export function AutosaveNotice({ articleId, state, csrf }: { articleId: number; state: AutosaveState; csrf: string }) {
  const { t, rich } = useI18n();
  if (state.shownAt)
    return (
      <div class="notice notice-warn autosave-notice">
        <p>{rich('editor.autosave_shown', { time: <DateTime iso={state.shownAt} withTime /> })}</p>
        <form method="post" action={`/admin/articles/${articleId}/autosave/discard`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit" class="button-secondary button-small">
            {t('editor.autosave_discard')}
          </button>
        </form>
      </div>
    );
  if (state.stale)
    return (
      <p class="notice notice-warn">
        {rich('editor.autosave_stale', {
          time: <DateTime iso={state.stale.at} withTime />,
          link: (chunks: string[]) => <a href={`/admin/articles/${articleId}/history/${state.stale!.id}`}>{chunks}</a>,
        })}
      </p>
    );
  return null;
}

/** Under the body: where the script says "Saved at 14:05" (it stays empty without JavaScript). */
export function AutosaveStatus() {
  return <p id="autosave-status" class="autosave-status" aria-live="polite" aria-atomic="true"></p>;
}
