/**
 * The "Notify of" choice under the comment form: a checkbox to ask for e-mail, and what to be told of.
 * The comment form includes it; its route adds `NotifyOfBody` to its body schema and, when
 * `notifyChoice(body)` is not null, calls `requestSubscription` in the transaction that stores the comment.
 */
import { Type } from 'typebox';
import { useI18n } from '../../../web/i18n-context.js';
import type { SubscriptionKind } from '../subscription.repo.js';

/** The kinds a reader may ask for, each with its label's key in the catalogue. */
export const NOTIFY_OPTIONS: Array<{ value: SubscriptionKind; label: string }> = [
  { value: 'all', label: 'subscriptions.kind_all' },
  { value: 'replies', label: 'subscriptions.kind_replies' },
];

/** Body fields the comment form posts for this component (spread into the route's TypeBox schema). */
export const NotifyOfBody = {
  notify: Type.Optional(Type.Literal('1')),
  notifyKind: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('replies')])),
};

/** What the reader asked for: a kind, or null when the box was not ticked. */
export function notifyChoice(body: { notify?: string; notifyKind?: SubscriptionKind }): SubscriptionKind | null {
  return body.notify === '1' ? (body.notifyKind ?? 'replies') : null;
}

export interface NotifyOfFieldsProps {
  /** Prefix for element ids, unique on the page (several comment forms may be open). */
  idPrefix?: string;
  /** Re-rendering after an error keeps the reader's choice. */
  checked?: boolean;
  kind?: SubscriptionKind;
}

export function NotifyOfFields({ idPrefix = 'notify', checked = false, kind = 'replies' }: NotifyOfFieldsProps) {
  const { t } = useI18n();
  return (
    <fieldset class="notify-of">
      <legend>{t('subscriptions.notify_legend')}</legend>
      <div class="notify-of-row">
        <span class="notify-of-check">
          <input
            type="checkbox"
            id={`${idPrefix}-on`}
            name="notify"
            value="1"
            checked={checked}
            aria-describedby={`${idPrefix}-hint`}
          />
          <label for={`${idPrefix}-on`}>{t('subscriptions.notify_check')}</label>
        </span>
        <label for={`${idPrefix}-kind`} class="visually-hidden">
          {t('subscriptions.notify_kind_label')}
        </label>
        <select id={`${idPrefix}-kind`} name="notifyKind">
          {NOTIFY_OPTIONS.map((o) => (
            <option value={o.value} selected={o.value === kind}>
              {t(o.label)}
            </option>
          ))}
        </select>
      </div>
      <p class="hint" id={`${idPrefix}-hint`}>
        {t('subscriptions.notify_hint')}
      </p>
    </fieldset>
  );
}
