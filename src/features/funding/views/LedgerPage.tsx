import { formatMoney } from '../../../lib/money.js';
import type { WallEntry } from '../donation.repo.js';
import { monthLabel } from '../goal.js';
import type { Ledger, LedgerMonth } from '../ledger.service.js';

export function LedgerPage({ siteName, ledger }: { siteName: string; ledger: Ledger }) {
  return (
    <div class="ledger">
      <h1>Where the money comes from</h1>
      <p class="standfirst">
        {siteName} is funded by its readers. Each month we set a goal; this ledger shows what readers gave: confirmed
        gifts, minus refunds.
      </p>
      <p>
        {ledger.activePledges > 0 &&
          `${ledger.activePledges} ${ledger.activePledges === 1 ? 'reader gives' : 'readers give'} every month. `}
        <a class="button button-support" href="/donate">
          Support us
        </a>
      </p>
      <h2 id="months-heading">Month by month</h2>
      {ledger.months.length === 0 ? (
        <p>No gifts yet.</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="months-heading" tabIndex={0}>
          <table class="ledger-table">
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Goal</th>
                <th scope="col">Raised</th>
                <th scope="col">Gifts</th>
                <th scope="col">Online</th>
                <th scope="col">Offline</th>
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
  const money = (minor: number) => formatMoney(minor, m.currency);
  return (
    <tr>
      <th scope="row">{monthLabel(m.month)}</th>
      <td>{m.goalMinor === null ? <span class="muted">No goal</span> : money(m.goalMinor)}</td>
      <td>
        <strong>{money(m.raisedMinor)}</strong>
        {m.goalMinor ? <span class="muted"> ({Math.round((m.raisedMinor / m.goalMinor) * 100)}%)</span> : null}
        {m.other.map((o) => (
          <span class="ledger-other">
            <br />
            and {formatMoney(o.raisedMinor, o.currency)} in {o.gifts} {o.gifts === 1 ? 'gift' : 'gifts'} in {o.currency}
          </span>
        ))}
      </td>
      <td>{m.gifts}</td>
      <td>{money(m.onlineMinor)}</td>
      <td>{money(m.offlineMinor)}</td>
    </tr>
  );
}

function Wall({ wall }: { wall: WallEntry[] }) {
  return (
    <section class="donor-wall" aria-labelledby="wall-heading">
      <h2 id="wall-heading">Thank you</h2>
      {wall.length === 0 ? (
        <p>Donors who agree to be named appear here.</p>
      ) : (
        <ul>
          {wall.map((w) => (
            <li>
              <span class="wall-name">{w.name ?? 'A reader'}</span>
              <span class="wall-meta">
                {' '}
                · {monthLabel(w.month)}
                {w.frequency === 'monthly' ? ' · gives monthly' : ''}
              </span>
              {w.message && <blockquote>{w.message}</blockquote>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
