import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { DateTime } from '../../../web/components/Meta.js';
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
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/webhooks" />
      <h1>Webhooks</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <ErrorSummary error={p.error} labels={{ url: 'Address', description: 'Description', events: 'Events' }} />
      <p>
        The site posts a signed JSON message (Standard Webhooks) to each endpoint when one of its events happens; failed
        deliveries are retried for about 32 hours. See docs/api.md for how to verify them.
      </p>
      <section aria-labelledby="add-heading" class="admin-section">
        <h2 id="add-heading">Add an endpoint</h2>
        <form class="form" method="post" action="/admin/webhooks">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <TextField
            name="url"
            label="Address"
            value={p.values.url}
            required
            maxLength={2000}
            error={errors.url}
            hint="https://… (private and internal addresses are refused)."
            autocomplete="off"
          />
          <TextField
            name="description"
            label="Description"
            value={p.values.description}
            maxLength={200}
            error={errors.description}
            autocomplete="off"
          />
          <fieldset class={errors.events ? 'field field-invalid' : 'field'}>
            <legend>Events</legend>
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
          <button type="submit">Add endpoint</button>
        </form>
      </section>
      <section aria-labelledby="endpoints-heading" class="admin-section">
        <h2 id="endpoints-heading">Endpoints</h2>
        {p.endpoints.length === 0 ? (
          <p>No endpoint yet.</p>
        ) : (
          <div class="table-wrap">
            <table class="admin-table">
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Events</th>
                  <th scope="col">State</th>
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
                    <td>{e.enabled ? 'Enabled' : 'Disabled'}</td>
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
  if (!d.state) return 'Purged';
  if (d.state.status === 'sent') return 'Delivered';
  if (d.state.status === 'dead') return 'Failed';
  if (d.state.status === 'sending') return 'Sending';
  return d.state.attempts === 0 ? 'Queued' : 'Retrying';
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
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/webhooks" />
      <h1>Webhook endpoint</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <p>
        <a href="/admin/webhooks">All endpoints</a>
      </p>
      <dl>
        <dt>Address</dt>
        <dd>
          <code>{e.url}</code>
        </dd>
        {e.description && (
          <>
            <dt>Description</dt>
            <dd>{e.description}</dd>
          </>
        )}
        <dt>Events</dt>
        <dd>{e.events.join(', ')}</dd>
        <dt>State</dt>
        <dd>{e.enabled ? 'Enabled' : 'Disabled: nothing is sent to it'}</dd>
      </dl>
      <details>
        <summary>Signing secret</summary>
        <p>The receiver verifies each message with it (Standard Webhooks). Keep it out of public code.</p>
        <label for="endpoint-secret">Secret</label>
        <input id="endpoint-secret" class="snippet" type="text" readOnly value={e.secret} />
      </details>
      <div class="actions">
        <form method="post" action={`/admin/webhooks/${e.id}/${e.enabled ? 'disable' : 'enable'}`}>
          <input type="hidden" name="_csrf" value={p.csrf} />
          <button type="submit">{e.enabled ? 'Disable' : 'Enable'}</button>
        </form>
        <form method="post" action={`/admin/webhooks/${e.id}/delete`}>
          <input type="hidden" name="_csrf" value={p.csrf} />
          <button type="submit" class="button-danger">
            Delete endpoint
          </button>
        </form>
      </div>
      <section aria-labelledby="log-heading" class="admin-section">
        <h2 id="log-heading">Deliveries</h2>
        {p.deliveries.length === 0 ? (
          <p>Nothing sent yet.</p>
        ) : (
          <div class="table-wrap">
            <table class="admin-table">
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Queued</th>
                  <th scope="col">State</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last answer</th>
                  <th scope="col">Next retry</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
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
                        {d.redeliveryOf !== null && ' (redelivery)'}
                      </div>
                    </td>
                    <td>
                      <DateTime iso={d.createdAt} withTime />
                    </td>
                    <td>{stateOf(d)}</td>
                    <td>{d.state?.attempts ?? '–'}</td>
                    <td>
                      {d.lastStatus !== null ? `HTTP ${d.lastStatus}` : d.lastResponse ? 'No answer' : '–'}
                      {d.lastResponse && <pre class="snippet">{d.lastResponse}</pre>}
                    </td>
                    <td>
                      {d.state?.status === 'pending' && d.state.attempts > 0 ? (
                        <DateTime iso={d.state.nextAttemptAt} withTime />
                      ) : (
                        '–'
                      )}
                    </td>
                    <td>
                      <form method="post" action={`/admin/webhooks/deliveries/${d.id}/redeliver`}>
                        <input type="hidden" name="_csrf" value={p.csrf} />
                        <button type="submit">
                          Redeliver<span class="visually-hidden"> {d.messageId}</span>
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
