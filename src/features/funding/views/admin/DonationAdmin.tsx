import { DateTime } from '../../../../web/components/Meta.js';
import { AdminNav } from '../../../../web/components/AdminNav.js';
import { formatMoney } from '../../../../lib/money.js';
import type { OfflineForm } from '../../donation.service.js';
import type { DonationFilter } from '../../donation.repo.js';
import { METHOD_LABELS, OFFLINE_METHODS, type Donation } from '../../donation.types.js';
import { NAME_MAX, PUBLIC_MESSAGE_MAX } from '../../donation.service.js';
import { WEBHOOK_EVENTS } from '../../payment-provider.js';
import type { WebhookHealth } from '../../stripe-event.repo.js';
import { ErrorSummary, FieldError, TextField, errorProps, type FieldErrors } from '../form-bits.js';

export function DonationListPage(p: {
  role: string;
  donations: Donation[];
  filter: DonationFilter;
  nextBefore: number | null;
  csrfToken: string;
  notice: string | null;
}) {
  const f = p.filter;
  const query = (before: number) =>
    new URLSearchParams({
      ...Object.fromEntries(Object.entries(f).filter(([, v]) => v)),
      before: String(before),
    }).toString();
  return (
    <div class="admin-page">
      <h1>Donations</h1>
      <AdminNav role={p.role} current="/admin/donations" />
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <p class="admin-actions">
        <a class="button" href="/admin/donations/new">
          Add an offline gift
        </a>{' '}
        <a href="/admin/donations/ledger.csv" download>
          Download the ledger (CSV)
        </a>{' '}
        · <a href="/admin/donations/webhooks">Stripe webhook health</a>
      </p>
      <form class="filters" method="get" action="/admin/donations" aria-label="Filter donations">
        <div class="field">
          <label for="q-month">Month</label>
          <input id="q-month" type="month" name="month" value={f.month ?? ''} />
        </div>
        <div class="field">
          <label for="q-source">Source</label>
          <select id="q-source" name="source">
            <option value="">All</option>
            <option value="stripe" selected={f.source === 'stripe'}>
              Online (Stripe)
            </option>
            <option value="offline" selected={f.source === 'offline'}>
              Offline
            </option>
          </select>
        </div>
        <div class="field">
          <label for="q-status">Status</label>
          <select id="q-status" name="status">
            <option value="">All</option>
            {(['confirmed', 'refunded', 'pending', 'cancelled'] as const).map((s) => (
              <option value={s} selected={f.status === s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="q-email">Donor e-mail</label>
          <input id="q-email" type="email" name="email" value={f.email ?? ''} />
        </div>
        <div>
          <button type="submit">Filter</button>
        </div>
      </form>
      {p.donations.length === 0 ? (
        <p>No gifts match.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Gifts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Amount</th>
                <th scope="col">How</th>
                <th scope="col">Status</th>
                <th scope="col">Donor</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {p.donations.map((d) => (
                <DonationRow d={d} csrfToken={p.csrfToken} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.nextBefore && (
        <p>
          <a href={`/admin/donations?${query(p.nextBefore)}`}>Older gifts</a>
        </p>
      )}
    </div>
  );
}

function DonationRow({ d, csrfToken }: { d: Donation; csrfToken: string }) {
  return (
    <tr>
      <td>
        <DateTime iso={d.donatedAt} />
      </td>
      <td>
        {formatMoney(d.amountMinor, d.currency)}
        {d.refundedMinor > 0 && (
          <>
            <br />
            <span class="muted">refunded {formatMoney(d.refundedMinor, d.currency)}</span>
          </>
        )}
      </td>
      <td>
        {METHOD_LABELS[d.method] ?? d.method}
        {d.frequency === 'monthly' ? ', monthly' : ''}
      </td>
      <td>{d.status}</td>
      <td>
        {d.donorEmail ?? <span class="muted">no e-mail</span>}
        {d.publicName && (
          <>
            <br />“{d.publicName}”{d.wallConsent ? ' (on the wall)' : ''}
          </>
        )}
        {d.note && (
          <>
            <br />
            <span class="muted">{d.note}</span>
          </>
        )}
      </td>
      <td class="actions">
        {d.wallConsent && (
          <form method="post" action={`/admin/donations/${d.id}/unwall`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <button type="submit" class="link-button">
              Remove from wall<span class="visually-hidden"> gift {d.id}</span>
            </button>
          </form>
        )}
        {d.source === 'offline' && (
          <>
            <a href={`/admin/donations/${d.id}/edit`}>
              Edit<span class="visually-hidden"> gift {d.id}</span>
            </a>
            <form method="post" action={`/admin/donations/${d.id}/delete`} class="inline-form">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <button type="submit" class="link-button">
                Delete<span class="visually-hidden"> gift {d.id}</span>
              </button>
            </form>
          </>
        )}
      </td>
    </tr>
  );
}

export function OfflineGiftPage(p: {
  role: string;
  csrfToken: string;
  values: OfflineForm;
  errors: FieldErrors;
  /** The code of the error the form came back with (marked on its summary). */
  errorCode?: string;
  giftId: number | null;
  campaignCurrency: string | null;
}) {
  const { values: v, errors } = p;
  return (
    <div class="admin-page">
      <h1>{p.giftId ? 'Edit offline gift' : 'Add an offline gift'}</h1>
      <AdminNav role={p.role} current="/admin/donations" />
      <p>
        Bank transfers, crypto, cash and cheques count in the month's bar like online gifts. Every change is recorded in
        the audit log.
      </p>
      <form class="form" method="post" action={p.giftId ? `/admin/donations/${p.giftId}` : '/admin/donations'}>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <ErrorSummary
          errors={errors}
          code={p.errorCode}
          labels={{
            date: 'Date',
            amount: 'Amount',
            currency: 'Currency',
            method: 'Method',
            note: 'Note',
            publicName: 'Name',
            publicMessage: 'Message',
          }}
        />
        <TextField name="date" label="Date received" type="date" value={v.date} errors={errors} required />
        <TextField
          name="amount"
          label="Amount"
          value={v.amount}
          errors={errors}
          required
          inputMode="decimal"
          hint="In major units, e.g. 250 or 99.50."
        />
        <TextField
          name="currency"
          label="Currency"
          value={v.currency}
          errors={errors}
          required
          maxLength={3}
          hint={
            p.campaignCurrency
              ? `This month's campaign counts ${p.campaignCurrency}; gifts in another currency appear in the ledger but not in the bar.`
              : 'ISO code: USD, EUR, JPY…'
          }
        />
        <div class="field">
          <label for="f-method">Method</label>
          <select id="f-method" name="method" {...errorProps(errors, 'method')}>
            {OFFLINE_METHODS.map((m) => (
              <option value={m} selected={v.method === m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="method" />
        </div>
        <div class="field">
          <label for="f-note">Private note</label>
          <textarea id="f-note" name="note" rows={2} maxLength={1000} {...errorProps(errors, 'note')}>
            {v.note ?? ''}
          </textarea>
          <FieldError errors={errors} name="note" />
        </div>
        <TextField
          name="publicName"
          label="Name for the donor wall (optional)"
          value={v.publicName ?? ''}
          errors={errors}
          maxLength={NAME_MAX}
        />
        <TextField
          name="publicMessage"
          label="Message for the donor wall (optional)"
          value={v.publicMessage ?? ''}
          errors={errors}
          maxLength={PUBLIC_MESSAGE_MAX}
        />
        <label class="check">
          <input type="checkbox" name="wallConsent" value="yes" checked={v.wallConsent === 'yes'} /> The donor agreed to
          appear on the public donor wall.
        </label>
        <div>
          <button type="submit">{p.giftId ? 'Save gift' : 'Add gift'}</button> <a href="/admin/donations">Cancel</a>
        </div>
      </form>
    </div>
  );
}

const utc = (isoTime: string) => <DateTime iso={isoTime} withTime />;

export function WebhookHealthPage(p: {
  role: string;
  health: WebhookHealth;
  endpoint: string;
  configured: { key: boolean; secret: boolean };
}) {
  const h = p.health;
  return (
    <div class="admin-page">
      <h1>Stripe webhook health</h1>
      <AdminNav role={p.role} current="/admin/donations" />
      <section aria-labelledby="setup-heading">
        <h2 id="setup-heading">Setup</h2>
        <p>In the Stripe dashboard (Developers → Webhooks), add an endpoint with this URL:</p>
        <p>
          <code class="copyable">{p.endpoint}</code>
        </p>
        <p>and select these events:</p>
        <ul>
          {WEBHOOK_EVENTS.map((e) => (
            <li>
              <code>{e}</code>
            </li>
          ))}
        </ul>
        <p>
          Then set its signing secret as <code>STRIPE_WEBHOOK_SECRET</code>. Current configuration:{' '}
          <code>STRIPE_SECRET_KEY</code> {p.configured.key ? 'is set' : <strong>is missing</strong>},{' '}
          <code>STRIPE_WEBHOOK_SECRET</code> {p.configured.secret ? 'is set' : <strong>is missing</strong>}.
        </p>
      </section>
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">Status</h2>
        <p>
          {h.lastEvent ? (
            <>
              Last event received: <code>{h.lastEvent.type}</code> (<code>{h.lastEvent.id}</code>) at{' '}
              <DateTime iso={h.lastEvent.receivedAt} withTime />.
            </>
          ) : (
            'No event received yet.'
          )}
        </p>
        <p>
          In the last 24 hours: {h.eventsLast24h} {h.eventsLast24h === 1 ? 'event' : 'events'} received and verified,{' '}
          {h.failuresLast24h} {h.failuresLast24h === 1 ? 'failure' : 'failures'}.
        </p>
        <h3>Recent failures</h3>
        {h.recentFailures.length === 0 ? (
          <p>None.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {h.recentFailures.map((f) => (
                  <tr>
                    <td>
                      {f.repeats > 1 ? (
                        <>
                          {utc(f.receivedAt)} to {utc(f.lastReceivedAt)}
                          <br />
                          {f.repeats.toLocaleString('en-US')} times
                        </>
                      ) : (
                        utc(f.receivedAt)
                      )}
                    </td>
                    <td>
                      {f.eventType ? (
                        <>
                          <code>{f.eventType}</code>
                          <br />
                          <code>{f.eventId}</code>
                        </>
                      ) : (
                        <span class="muted">unverified</span>
                      )}
                    </td>
                    <td>{f.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
