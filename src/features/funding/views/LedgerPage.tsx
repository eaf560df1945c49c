import { useI18n } from '../../../web/i18n-context.js';
import type { WallEntry } from '../donation.repo.js';
import type { Ledger, LedgerMonth } from '../ledger.service.js';

export function LedgerPage({ siteName, ledger }: { siteName: string; ledger: Ledger }) {
  const { t } = useI18n();
  return (
    <div class="ledger">
      <h1>{t('funding.ledger_heading')}</h1>
      <p class="standfirst">{t('funding.ledger_standfirst', { site: siteName })}</p>
      <p>
        {ledger.activePledges > 0 && `${t('funding.ledger_active_pledges', { count: ledger.activePledges })} `}
        <a class="button button-support" href="/donate">
          {t('funding.ledger_support')}
        </a>
      </p>
      <h2 id="months-heading">{t('funding.ledger_months_heading')}</h2>
      {ledger.months.length === 0 ? (
        <p>{t('funding.ledger_empty')}</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="months-heading" tabIndex={0}>
          <table class="ledger-table">
            <thead>
              <tr>
                <th scope="col">{t('funding.col_month')}</th>
                <th scope="col">{t('funding.col_goal')}</th>
                <th scope="col">{t('funding.col_raised')}</th>
                <th scope="col">{t('funding.col_gifts')}</th>
                <th scope="col">{t('funding.col_online')}</th>
                <th scope="col">{t('funding.col_offline')}</th>
              </tr>
            </thead>
            <tbody>
              {ledger.months.map((m) => (
                <MonthRow m={m} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Wall wall={ledger.wall} />
    </div>
  );
}

function MonthRow({ m }: { m: LedgerMonth }) {
  const i18n = useI18n();
  const money = (minor: number) => i18n.money(minor, m.currency);
  return (
    <tr>
      <th scope="row">{i18n.month(m.month)}</th>
      <td>
        {m.goalMinor === null ? <span class="muted">{i18n.t('funding.ledger_no_goal')}</span> : money(m.goalMinor)}
      </td>
      <td>
        <strong>{money(m.raisedMinor)}</strong>
        {m.goalMinor ? (
          <span class="muted">
            {' '}
            ({i18n.number(Math.round((m.raisedMinor / m.goalMinor) * 100) / 100, { style: 'percent' })})
          </span>
        ) : null}
        {m.other.map((o) => (
          <span class="ledger-other">
            <br />
            {i18n.t('funding.ledger_other_currency', {
              amount: i18n.money(o.raisedMinor, o.currency),
              count: o.gifts,
              currency: o.currency,
            })}
          </span>
        ))}
      </td>
      <td>{i18n.number(m.gifts)}</td>
      <td>{money(m.onlineMinor)}</td>
      <td>{money(m.offlineMinor)}</td>
    </tr>
  );
}

function Wall({ wall }: { wall: WallEntry[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section class="donor-wall" aria-labelledby="wall-heading">
      <h2 id="wall-heading">{t('funding.thanks_heading')}</h2>
      {wall.length === 0 ? (
        <p>{t('funding.wall_empty')}</p>
      ) : (
        <ul>
          {wall.map((w) => (
            <li>
              <span class="wall-name">{w.name ?? t('funding.wall_anonymous')}</span>
              <span class="wall-meta">
                {' '}
                · {i18n.month(w.month)}
                {w.frequency === 'monthly' ? ` · ${t('funding.wall_monthly')}` : ''}
              </span>
              {w.message && <blockquote>{w.message}</blockquote>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
