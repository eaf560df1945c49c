import { DateTime } from '../../../../web/components/Meta.js';
import { Raw } from '../../../../web/render.js';
import type { Ban } from '../ban.repo.js';
import { BAN_DAYS, type BanDays } from '../ban.service.js';
import type { QueueItem } from '../queue.service.js';
import { ModerationShell } from './ModerationShell.js';
import type { AppError } from '../../../../errors.js';

const DAY_LABELS = new Map<BanDays, string>([
  [1, '1 day'],
  [7, '1 week'],
  [30, '30 days'],
  [365, '1 year'],
  [null, 'Permanent'],
]);
export const daysValue = (d: BanDays): string => (d === null ? 'permanent' : String(d));

function Duration({ idPrefix, selected }: { idPrefix: string; selected: BanDays }) {
  return (
    <fieldset class="field">
      <legend>For how long</legend>
      {BAN_DAYS.map((d) => (
        <label class="choice" for={`${idPrefix}-${daysValue(d)}`}>
          <input
            type="radio"
            id={`${idPrefix}-${daysValue(d)}`}
            name="days"
            value={daysValue(d)}
            checked={d === selected}
          />{' '}
          {DAY_LABELS.get(d)}
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
  const { item: c, values: v } = p;
  return (
    <ModerationShell role={p.role} current="/admin/moderation" title={`Ban ${c.authorName}`} error={p.error}>
      <blockquote class="mod-ban-quote">
        <p class="mod-article">
          On <a href={c.articlePath}>{c.articleHeadline}</a>, <DateTime iso={c.createdAt} withTime />
        </p>
        <Raw html={c.bodyHtml} class="mod-text" />
      </blockquote>
      <form class="form" method="post" action={`/admin/moderation/comments/${c.id}/ban`}>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <input type="hidden" name="return" value={p.returnTo} />
        <fieldset class="field" aria-describedby={p.fields?.scope ? 'ban-scope-error' : undefined}>
          <legend>Ban by</legend>
          {p.fields?.scope && (
            <p class="field-error" id="ban-scope-error">
              {p.fields.scope}
            </p>
          )}
          {c.accountId !== null && (
            <label class="choice">
              <input type="checkbox" name="account" value="1" checked={v.account} /> The account (#{c.accountId})
            </label>
          )}
          {c.emailFingerprint && (
            <label class="choice">
              <input type="checkbox" name="email" value="1" checked={v.email} /> The e-mail address (fingerprint #
              {c.emailFingerprint})
            </label>
          )}
          {c.ipFingerprint && (
            <label class="choice">
              <input type="checkbox" name="ip" value="1" checked={v.ip} /> The IP address (fingerprint #
              {c.ipFingerprint})
            </label>
          )}
          <p class="hint">
            An IP address can be shared by many readers (an office, a mobile network): prefer short IP bans.
          </p>
        </fieldset>
        <Duration idPrefix="ban-days" selected={v.days} />
        <div class="field">
          <label for="ban-reason">Reason (seen by staff only)</label>
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
          <input type="checkbox" name="spamPending" value="1" checked={v.spamPending} /> Also mark this commenter’s
          pending comments as spam
        </label>
        <div class="form-actions">
          <button type="submit">Ban commenter</button> <a href={p.returnTo}>Cancel</a>
        </div>
      </form>
    </ModerationShell>
  );
}

function BanRows({ bans, csrfToken, active }: { bans: Ban[]; csrfToken: string; active: boolean }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Banned</th>
            <th scope="col">Reason</th>
            <th scope="col">By</th>
            <th scope="col">{active ? 'Until' : 'Ended'}</th>
            {active && (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {bans.map((b) => (
            <tr id={`ban-${b.id}`}>
              <td>
                {b.kind === 'user' ? (
                  <>
                    Account {b.accountName ?? ''} ({b.fingerprint})
                  </>
                ) : (
                  <>
                    {b.kind === 'email' ? 'E-mail' : 'IP'} #{b.fingerprint}
                  </>
                )}
              </td>
              <td>{b.reason}</td>
              <td>
                {b.createdByName ?? 'someone'}, <DateTime iso={b.createdAt} />
              </td>
              <td>
                {active ? (
                  b.expiresAt ? (
                    <DateTime iso={b.expiresAt} withTime />
                  ) : (
                    'Permanent'
                  )
                ) : b.liftedAt ? (
                  <>
                    lifted <DateTime iso={b.liftedAt} />
                  </>
                ) : (
                  <>
                    expired <DateTime iso={b.expiresAt!} />
                  </>
                )}
              </td>
              {active && (
                <td>
                  <form method="post" action={`/admin/moderation/bans/${b.id}/lift`}>
                    <input type="hidden" name="_csrf" value={csrfToken} />
                    <button type="submit">
                      Lift<span class="visually-hidden"> ban #{b.id}</span>
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
  return (
    <ModerationShell role={p.role} current="/admin/moderation/bans" title="Bans" notice={p.notice} error={p.error}>
      <section aria-labelledby="bans-active">
        <h2 id="bans-active">In force</h2>
        {p.active.length === 0 ? <p>No bans in force.</p> : <BanRows bans={p.active} csrfToken={p.csrfToken} active />}
      </section>
      <section aria-labelledby="bans-new">
        <h2 id="bans-new">Ban an e-mail address or IP address</h2>
        <p class="hint">
          To ban a commenter you can see, use “Ban commenter” in the queue. Here you can ban an address you know from
          elsewhere; only a keyed hash of it is stored.
        </p>
        <form class="form" method="post" action="/admin/moderation/bans">
          <input type="hidden" name="_csrf" value={p.csrfToken} />
          <div class="field">
            <label for="ban-kind">Kind</label>
            <select id="ban-kind" name="kind">
              <option value="email" selected={p.values.kind === 'email'}>
                E-mail address
              </option>
              <option value="ip" selected={p.values.kind === 'ip'}>
                IP address
              </option>
            </select>
          </div>
          <div class="field">
            <label for="ban-value">Address</label>
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
            <label for="manual-reason">Reason (seen by staff only)</label>
            <textarea id="manual-reason" name="reason" rows={2} maxLength={500} required>
              {p.values.reason}
            </textarea>
          </div>
          <div class="form-actions">
            <button type="submit">Ban</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="bans-ended">
        <h2 id="bans-ended">Ended recently</h2>
        {p.ended.length === 0 ? <p>None.</p> : <BanRows bans={p.ended} csrfToken={p.csrfToken} active={false} />}
      </section>
    </ModerationShell>
  );
}
