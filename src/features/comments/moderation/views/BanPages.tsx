import { DateTime } from '../../../../web/components/Meta.js';
import { Raw } from '../../../../web/render.js';
import type { Ban } from '../ban.repo.js';
import { BAN_DAYS, type BanDays } from '../ban.service.js';
import type { QueueItem } from '../queue.service.js';
import { ModerationShell } from './ModerationShell.js';
import type { AppError } from '../../../../errors.js';
import { useI18n } from '../../../../web/i18n-context.js';
import type { ComponentChildren } from 'preact';

/** Each length a ban may have, by its label's key. */
const DAY_LABELS = new Map<BanDays, string>([
  [1, 'moderation.ban_days_1'],
  [7, 'moderation.ban_days_7'],
  [30, 'moderation.ban_days_30'],
  [365, 'moderation.ban_days_365'],
  [null, 'moderation.ban_permanent'],
]);
export const daysValue = (d: BanDays): string => (d === null ? 'permanent' : String(d));

function Duration({ idPrefix, selected }: { idPrefix: string; selected: BanDays }) {
  const { t } = useI18n();
  return (
    <fieldset class="field">
      <legend>{t('moderation.ban_duration')}</legend>
      {BAN_DAYS.map((d) => (
        <label class="choice" for={`${idPrefix}-${daysValue(d)}`}>
          <input
            type="radio"
            id={`${idPrefix}-${daysValue(d)}`}
            name="days"
            value={daysValue(d)}
            checked={d === selected}
          />{' '}
          {t(DAY_LABELS.get(d)!)}
        </label>
      ))}
    </fieldset>
  );
}

export interface BanCommenterValues {
  account: boolean;
  email: boolean;
  ip: boolean;
  days: BanDays;
  reason: string;
  spamPending: boolean;
}

/** "Ban this commenter": choose what to ban (account, e-mail, IP: shown as fingerprints), for how long, and why. */
export function BanCommenterPage(p: {
  role: string;
  item: QueueItem;
  csrfToken: string;
  values: BanCommenterValues;
  error?: AppError;
  fields?: Record<string, string>;
  returnTo: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { item: c, values: v } = p;
  return (
    <ModerationShell
      role={p.role}
      current="/admin/moderation"
      title={t('moderation.ban_title', { name: c.authorName })}
      error={p.error}
    >
      <blockquote class="mod-ban-quote">
        <p class="mod-article">
          {i18n.rich('moderation.ban_quote_on', {
            headline: c.articleHeadline,
            link: (chunks: ComponentChildren) => <a href={c.articlePath}>{chunks}</a>,
            when: <DateTime iso={c.createdAt} withTime />,
          })}
        </p>
        <Raw html={c.bodyHtml} class="mod-text" />
      </blockquote>
      <form class="form" method="post" action={`/admin/moderation/comments/${c.id}/ban`}>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <input type="hidden" name="return" value={p.returnTo} />
        <fieldset class="field" aria-describedby={p.fields?.scope ? 'ban-scope-error' : undefined}>
          <legend>{t('moderation.ban_by')}</legend>
          {p.fields?.scope && (
            <p class="field-error" id="ban-scope-error">
              {p.fields.scope}
            </p>
          )}
          {c.accountId !== null && (
            <label class="choice">
              <input type="checkbox" name="account" value="1" checked={v.account} />{' '}
              {t('moderation.ban_scope_account', { id: c.accountId })}
            </label>
          )}
          {c.emailFingerprint && (
            <label class="choice">
              <input type="checkbox" name="email" value="1" checked={v.email} />{' '}
              {t('moderation.ban_scope_email', { fp: c.emailFingerprint })}
            </label>
          )}
          {c.ipFingerprint && (
            <label class="choice">
              <input type="checkbox" name="ip" value="1" checked={v.ip} />{' '}
              {t('moderation.ban_scope_ip', { fp: c.ipFingerprint })}
            </label>
          )}
          <p class="hint">{t('moderation.ban_ip_hint')}</p>
        </fieldset>
        <Duration idPrefix="ban-days" selected={v.days} />
        <div class="field">
          <label for="ban-reason">{t('moderation.ban_reason')}</label>
          <textarea
            id="ban-reason"
            name="reason"
            rows={3}
            maxLength={500}
            required
            aria-invalid={p.fields?.reason ? 'true' : undefined}
            aria-describedby={p.fields?.reason ? 'ban-reason-error' : undefined}
          >
            {v.reason}
          </textarea>
          {p.fields?.reason && (
            <p class="field-error" id="ban-reason-error">
              {p.fields.reason}
            </p>
          )}
        </div>
        <label class="choice">
          <input type="checkbox" name="spamPending" value="1" checked={v.spamPending} />{' '}
          {t('moderation.ban_spam_pending')}
        </label>
        <div class="form-actions">
          <button type="submit">{t('moderation.item_ban')}</button> <a href={p.returnTo}>{t('moderation.cancel')}</a>
        </div>
      </form>
    </ModerationShell>
  );
}

function BanRows({ bans, csrfToken, active }: { bans: Ban[]; csrfToken: string; active: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('moderation.bans_col_banned')}</th>
            <th scope="col">{t('moderation.bans_col_reason')}</th>
            <th scope="col">{t('moderation.bans_col_by')}</th>
            <th scope="col">{t(active ? 'moderation.bans_col_until' : 'moderation.bans_col_ended')}</th>
            {active && (
              <th scope="col">
                <span class="visually-hidden">{t('moderation.bans_col_actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {bans.map((b) => (
            <tr id={`ban-${b.id}`}>
              <td>{t('moderation.bans_key', { kind: b.kind, name: b.accountName ?? '', fp: b.fingerprint })}</td>
              <td>{b.reason}</td>
              <td>
                {i18n.rich('moderation.bans_by', {
                  name: b.createdByName ?? t('moderation.bans_someone'),
                  when: <DateTime iso={b.createdAt} />,
                })}
              </td>
              <td>
                {active ? (
                  b.expiresAt ? (
                    <DateTime iso={b.expiresAt} withTime />
                  ) : (
                    t('moderation.ban_permanent')
                  )
                ) : b.liftedAt ? (
                  i18n.rich('moderation.bans_lifted', { when: <DateTime iso={b.liftedAt} /> })
                ) : (
                  i18n.rich('moderation.bans_expired', { when: <DateTime iso={b.expiresAt!} /> })
                )}
              </td>
              {active && (
                <td>
                  <form method="post" action={`/admin/moderation/bans/${b.id}/lift`}>
                    <input type="hidden" name="_csrf" value={csrfToken} />
                    <button type="submit">
                      {t('moderation.bans_lift')}
                      <span class="visually-hidden"> {t('moderation.bans_lift_target', { id: b.id })}</span>
                    </button>
                  </form>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface ManualBanValues {
  kind: 'email' | 'ip';
  value: string;
  days: BanDays;
  reason: string;
}

export function BansPage(p: {
  role: string;
  active: Ban[];
  ended: Ban[];
  csrfToken: string;
  notice: string | null;
  error?: AppError;
  values: ManualBanValues;
}) {
  const { t } = useI18n();
  return (
    <ModerationShell
      role={p.role}
      current="/admin/moderation/bans"
      title={t('moderation.bans_title')}
      notice={p.notice}
      error={p.error}
    >
      <section aria-labelledby="bans-active">
        <h2 id="bans-active">{t('moderation.bans_active')}</h2>
        {p.active.length === 0 ? (
          <p>{t('moderation.bans_active_none')}</p>
        ) : (
          <BanRows bans={p.active} csrfToken={p.csrfToken} active />
        )}
      </section>
      <section aria-labelledby="bans-new">
        <h2 id="bans-new">{t('moderation.bans_new')}</h2>
        <p class="hint">{t('moderation.bans_new_hint')}</p>
        <form class="form" method="post" action="/admin/moderation/bans">
          <input type="hidden" name="_csrf" value={p.csrfToken} />
          <div class="field">
            <label for="ban-kind">{t('moderation.bans_kind')}</label>
            <select id="ban-kind" name="kind">
              <option value="email" selected={p.values.kind === 'email'}>
                {t('moderation.bans_kind_email')}
              </option>
              <option value="ip" selected={p.values.kind === 'ip'}>
                {t('moderation.bans_kind_ip')}
              </option>
            </select>
          </div>
          <div class="field">
            <label for="ban-value">{t('moderation.bans_address')}</label>
            <input
              id="ban-value"
              type="text"
              name="value"
              required
              maxLength={320}
              value={p.values.value}
              autocomplete="off"
            />
          </div>
          <Duration idPrefix="manual-days" selected={p.values.days} />
          <div class="field">
            <label for="manual-reason">{t('moderation.ban_reason')}</label>
            <textarea id="manual-reason" name="reason" rows={2} maxLength={500} required>
              {p.values.reason}
            </textarea>
          </div>
          <div class="form-actions">
            <button type="submit">{t('moderation.bans_submit')}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="bans-ended">
        <h2 id="bans-ended">{t('moderation.bans_ended')}</h2>
        {p.ended.length === 0 ? (
          <p>{t('moderation.bans_ended_none')}</p>
        ) : (
          <BanRows bans={p.ended} csrfToken={p.csrfToken} active={false} />
        )}
      </section>
    </ModerationShell>
  );
}
