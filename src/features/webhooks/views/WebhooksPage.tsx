import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { useI18n } from '../../../web/i18n-context.js';
import { isoWithOffset } from '../../../lib/time-zone.js';
import { ErrorSummary, TextField, fieldErrors } from '../../../web/forms.js';
import type { DeliveryLogEntry, WebhookEndpoint } from '../webhook.service.js';
import { WEBHOOK_EVENTS } from '../webhook.service.js';

export interface EndpointValues {
  url?: string;
  description?: string;
  events?: string[];
}

/** /admin/webhooks: add an endpoint, the list with enable/disable/delete. */
export function WebhooksPage(p: {
  role: string;
  csrf: string;
  endpoints: WebhookEndpoint[];
  values: EndpointValues;
  error?: AppError;
  notice?: string;
}) {
  const errors = fieldErrors(p.error);
  const { t } = useI18n();
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/webhooks" />
      <h1>{t('webhooks.title')}</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <ErrorSummary
        error={p.error}
        labels={{
          url: t('webhooks.field_url'),
          description: t('webhooks.field_description'),
          events: t('webhooks.field_events'),
        }}
      />
      <p>{t('webhooks.intro')}</p>
      <section aria-labelledby="add-heading" class="admin-section">
        <h2 id="add-heading">{t('webhooks.add_heading')}</h2>
        <form class="form" method="post" action="/admin/webhooks">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <TextField
            name="url"
            label={t('webhooks.field_url')}
            value={p.values.url}
            required
            maxLength={2000}
            error={errors.url}
            hint={t('webhooks.url_hint')}
            autocomplete="off"
          />
          <TextField
            name="description"
            label={t('webhooks.field_description')}
            value={p.values.description}
            maxLength={200}
            error={errors.description}
            autocomplete="off"
          />
          <fieldset class={errors.events ? 'field field-invalid' : 'field'}>
            <legend>{t('webhooks.field_events')}</legend>
            {errors.events && <p class="field-error">{errors.events}</p>}
            {WEBHOOK_EVENTS.map((e) => (
              <label class="choice" for={`event-${e}`}>
                <input
                  type="checkbox"
                  id={`event-${e}`}
                  name="events"
                  value={e}
                  checked={p.values.events?.includes(e)}
                />{' '}
                <code>{e}</code>
              </label>
            ))}
          </fieldset>
          <button type="submit">{t('webhooks.add_submit')}</button>
        </form>
      </section>
      <section aria-labelledby="endpoints-heading" class="admin-section">
        <h2 id="endpoints-heading">{t('webhooks.endpoints_heading')}</h2>
        {p.endpoints.length === 0 ? (
          <p>{t('webhooks.endpoints_none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('webhooks.field_url')}</th>
                  <th scope="col">{t('webhooks.field_events')}</th>
                  <th scope="col">{t('webhooks.col_state')}</th>
                </tr>
              </thead>
              <tbody>
                {p.endpoints.map((e) => (
                  <tr>
                    <td>
                      <a href={`/admin/webhooks/${e.id}`}>{e.url}</a>
                      {e.description && <div>{e.description}</div>}
                    </td>
                    <td>{e.events.join(', ')}</td>
                    <td>{t('webhooks.enabled_state', { enabled: e.enabled ? 'yes' : 'no' })}</td>
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

function stateOf(d: DeliveryLogEntry): string {
  if (!d.state) return 'purged';
  if (d.state.status === 'sent') return 'delivered';
  if (d.state.status === 'dead') return 'failed';
  if (d.state.status === 'sending') return 'sending';
  return d.state.attempts === 0 ? 'queued' : 'retrying';
}

/** /admin/webhooks/:id: the endpoint, its secret, enable/disable/delete, the delivery log with redelivery. */
export function WebhookEndpointPage(p: {
  role: string;
  csrf: string;
  endpoint: WebhookEndpoint;
  deliveries: DeliveryLogEntry[];
  notice?: string;
}) {
  const e = p.endpoint;
  const i18n = useI18n();
  const { t } = i18n;
  const when = (iso: string) => <time datetime={isoWithOffset(iso, i18n.timeZone)}>{i18n.dateTime(iso)}</time>;
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/webhooks" />
      <h1>{t('webhooks.endpoint_title')}</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <p>
        <a href="/admin/webhooks">{t('webhooks.all_endpoints')}</a>
      </p>
      <dl>
        <dt>{t('webhooks.field_url')}</dt>
        <dd>
          <code>{e.url}</code>
        </dd>
        {e.description && (
          <>
            <dt>{t('webhooks.field_description')}</dt>
            <dd>{e.description}</dd>
          </>
        )}
        <dt>{t('webhooks.field_events')}</dt>
        <dd>{e.events.join(', ')}</dd>
        <dt>{t('webhooks.col_state')}</dt>
        <dd>{e.enabled ? t('webhooks.enabled_state', { enabled: 'yes' }) : t('webhooks.state_disabled_long')}</dd>
      </dl>
      <details>
        <summary>{t('webhooks.secret_heading')}</summary>
        <p>{t('webhooks.secret_intro')}</p>
        <label for="endpoint-secret">{t('webhooks.secret_label')}</label>
        <input id="endpoint-secret" class="snippet" type="text" readOnly value={e.secret} />
      </details>
      <div class="actions">
        <form method="post" action={`/admin/webhooks/${e.id}/${e.enabled ? 'disable' : 'enable'}`}>
          <input type="hidden" name="_csrf" value={p.csrf} />
          <button type="submit">{t('webhooks.toggle', { enabled: e.enabled ? 'yes' : 'no' })}</button>
        </form>
        <form method="post" action={`/admin/webhooks/${e.id}/delete`}>
          <input type="hidden" name="_csrf" value={p.csrf} />
          <button type="submit" class="button-danger">
            {t('webhooks.delete')}
          </button>
        </form>
      </div>
      <section aria-labelledby="log-heading" class="admin-section">
        <h2 id="log-heading">{t('webhooks.deliveries_heading')}</h2>
        {p.deliveries.length === 0 ? (
          <p>{t('webhooks.deliveries_none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('webhooks.col_event')}</th>
                  <th scope="col">{t('webhooks.col_queued')}</th>
                  <th scope="col">{t('webhooks.col_state')}</th>
                  <th scope="col">{t('webhooks.col_attempts')}</th>
                  <th scope="col">{t('webhooks.col_last_answer')}</th>
                  <th scope="col">{t('webhooks.col_next_retry')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('webhooks.col_actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.deliveries.map((d) => (
                  <tr>
                    <td>
                      <code>{d.eventType}</code>
                      <div>
                        <code>{d.messageId}</code>
                        {d.redeliveryOf !== null && ` ${t('webhooks.redelivery')}`}
                      </div>
                    </td>
                    <td>{when(d.createdAt)}</td>
                    <td>{t('webhooks.delivery_state', { state: stateOf(d) })}</td>
                    <td>{d.state?.attempts ?? '–'}</td>
                    <td>
                      {d.lastStatus !== null ? `HTTP ${d.lastStatus}` : d.lastResponse ? t('webhooks.no_answer') : '–'}
                      {d.lastResponse && <pre class="snippet">{d.lastResponse}</pre>}
                    </td>
                    <td>{d.state?.status === 'pending' && d.state.attempts > 0 ? when(d.state.nextAttemptAt) : '–'}</td>
                    <td>
                      <form method="post" action={`/admin/webhooks/deliveries/${d.id}/redeliver`}>
                        <input type="hidden" name="_csrf" value={p.csrf} />
                        <button type="submit">
                          {i18n.rich('webhooks.redeliver', {
                            id: d.messageId,
                            hidden: (chunks: string[]) => <span class="visually-hidden">{chunks}</span>,
                          })}
                        </button>
                      </form>
                    </td>
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
