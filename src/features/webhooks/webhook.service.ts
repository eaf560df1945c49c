/**
 * Outgoing webhooks: the publisher's endpoints (add, enable, disable, delete: audit-logged), the events
 * queued for them in the transaction of the change that causes them (enqueueWebhookEvent, called by the
 * hooks in src/hooks.ts), and their delivery through the outbox (the `webhook` channel: same claims,
 * retries and backoff as mail). A redelivery queues the same event (same `webhook-id`, same body) again.
 */
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { msg, type Message } from '../../lib/message.js';
import { iso } from '../../platform/clock.js';
import { recordAudit } from '../../platform/audit.repo.js';
import type { Trx } from '../../platform/hooks.js';
import { enqueueOutboxItem } from '../../platform/outbox.repo.js';
import { findOutboxStates, type OutboxState } from '../../platform/outbox-queue.repo.js';
import { drainChannel, type DrainOptions, type DrainResult, type OutboxPolicy } from '../../platform/outbox.service.js';
import type { Viewer } from '../../platform/roles.js';
import {
  deleteEndpoint,
  findDeliveryById,
  findEndpointById,
  findSubscribedEndpoints,
  insertDelivery,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
  recordAttempt,
  setDeliveryOutbox,
  setEndpointEnabled,
  type WebhookDelivery,
  type WebhookEndpoint,
} from './webhook.repo.js';
import { postWebhook } from './webhook-sender.js';
import { newMessageId, newWebhookSecret, signWebhook } from './webhook-signature.js';
import { refuseTarget } from './webhook-target.js';

export type { WebhookDelivery, WebhookEndpoint };

export const WEBHOOK_EVENTS = [
  'article.published',
  'article.updated',
  'comment.approved',
  'donation.received',
  'campaign.goal_reached',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/**
 * Retries: waits of about 1 min, 2, 4 … 256, then 6 h (the cap); 14 attempts over about 32 hours, so a
 * receiver down for a day still gets everything, before a delivery is dead.
 */
export const WEBHOOK_POLICY: Partial<OutboxPolicy> = {
  maxAttempts: 14,
  baseDelayMs: 60_000,
  maxDelayMs: 6 * 3600_000,
};
/** A receiver has this long to answer; far below the outbox lease. */
const SEND_TIMEOUT_MS = 10_000;

type Ctx = Pick<Deps, 'db' | 'clock'>;

export interface EndpointForm {
  url?: string;
  description?: string;
  events?: string[];
}

function parseEndpointForm(
  form: EndpointForm,
  production: boolean,
): { url: string; description: string; events: WebhookEventType[] } {
  const fields: Record<string, Message> = {};
  const url = (form.url ?? '').trim();
  const refused = refuseTarget(url, production);
  if (refused) fields.url = refused;
  const description = (form.description ?? '').replace(/\s+/g, ' ').trim();
  if (description.length > 200) fields.description = msg('webhooks.description_too_long');
  const events = WEBHOOK_EVENTS.filter((e) => (form.events ?? []).includes(e));
  if (events.length === 0 || events.length !== new Set(form.events).size) fields.events = msg('webhooks.events_choose');
  if (Object.keys(fields).length > 0)
    throw new AppError('WEBHOOK_ENDPOINT_INVALID_FORM', msg('webhooks.invalid_form'), {
      fields,
    });
  return { url, description, events };
}

export async function loadEndpoints(deps: Pick<Deps, 'db'>): Promise<WebhookEndpoint[]> {
  return listEndpoints(deps.db.kysely);
}

/** Adds an endpoint with a new secret. */
export async function addWebhookEndpoint(
  deps: Ctx & Pick<Deps, 'config'>,
  actor: Viewer,
  form: EndpointForm,
): Promise<WebhookEndpoint> {
  const now = deps.clock.now();
  const input = parseEndpointForm(form, deps.config.env === 'production');
  return deps.db.kysely.transaction().execute(async (trx) => {
    const id = await insertEndpoint(trx, { ...input, secret: newWebhookSecret(), createdBy: actor.id, now: iso(now) });
    await recordAudit(
      trx,
      { actorUserId: actor.id, action: 'webhook.create', subjectType: 'webhook_endpoint', subjectId: id, after: input },
      now,
    );
    return (await findEndpointById(trx, id))!;
  });
}

export async function setWebhookEnabled(deps: Ctx, actor: Viewer, id: number, enabled: boolean): Promise<void> {
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const e = await findEndpointById(trx, id);
    if (!e) throw notFound('WEBHOOK_ENDPOINT_NOT_FOUND', 'webhook endpoint');
    if (e.enabled === enabled) return;
    await setEndpointEnabled(trx, id, enabled, iso(now));
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: enabled ? 'webhook.enable' : 'webhook.disable',
        subjectType: 'webhook_endpoint',
        subjectId: id,
        before: { enabled: e.enabled },
        after: { enabled },
      },
      now,
    );
  });
}

export async function removeWebhookEndpoint(deps: Ctx, actor: Viewer, id: number): Promise<void> {
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const e = await findEndpointById(trx, id);
    if (!e) throw notFound('WEBHOOK_ENDPOINT_NOT_FOUND', 'webhook endpoint');
    await deleteEndpoint(trx, id);
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'webhook.delete',
        subjectType: 'webhook_endpoint',
        subjectId: id,
        before: { url: e.url, events: e.events },
      },
      now,
    );
  });
}

/** A delivery as the log shows it: the outbox row says where it stands. */
export interface DeliveryLogEntry extends WebhookDelivery {
  state: OutboxState | undefined;
}

export async function loadEndpointPage(
  deps: Pick<Deps, 'db'>,
  id: number,
): Promise<{ endpoint: WebhookEndpoint; deliveries: DeliveryLogEntry[] }> {
  const endpoint = await findEndpointById(deps.db.kysely, id);
  if (!endpoint) throw notFound('WEBHOOK_ENDPOINT_NOT_FOUND', 'webhook endpoint');
  const deliveries = await listDeliveries(deps.db.kysely, id, 50);
  const states = await findOutboxStates(
    deps.db.kysely,
    deliveries.flatMap((d) => (d.outboxId === null ? [] : [d.outboxId])),
  );
  return {
    endpoint,
    deliveries: deliveries.map((d) => ({ ...d, state: d.outboxId === null ? undefined : states.get(d.outboxId) })),
  };
}

async function queueDelivery(
  trx: Trx,
  d: { endpoint: WebhookEndpoint; messageId: string; type: string; payload: string; redeliveryOf: number | null },
  now: Date,
): Promise<number> {
  const id = await insertDelivery(trx, {
    endpointId: d.endpoint.id,
    messageId: d.messageId,
    eventType: d.type,
    payload: d.payload,
    redeliveryOf: d.redeliveryOf,
    now: iso(now),
  });
  const outboxId = await enqueueOutboxItem(
    trx,
    { channel: 'webhook', refId: id, to: d.endpoint.url, subject: d.type, kind: 'webhook' },
    now,
  );
  await setDeliveryOutbox(trx, id, outboxId);
  return id;
}

/**
 * Queues `type` for every enabled endpoint that wants it. Call in the transaction of the change the event
 * is about: a rolled-back change sends nothing, a committed one is sent even if the process dies now.
 * `data` must hold nothing private (no e-mail addresses): it leaves the site.
 */
export async function enqueueWebhookEvent(
  trx: Trx,
  event: { type: WebhookEventType; data: Record<string, unknown>; now: Date },
): Promise<number> {
  const endpoints = await findSubscribedEndpoints(trx, event.type);
  if (endpoints.length === 0) return 0;
  const payload = JSON.stringify({ type: event.type, timestamp: iso(event.now), data: event.data });
  for (const endpoint of endpoints)
    await queueDelivery(
      trx,
      { endpoint, messageId: newMessageId(), type: event.type, payload, redeliveryOf: null },
      event.now,
    );
  return endpoints.length;
}

/** Queues the same event (same id and body) to the same endpoint again; returns the new delivery. */
export async function redeliverWebhook(
  deps: Ctx,
  actor: Viewer,
  deliveryId: number,
): Promise<{ id: number; endpointId: number }> {
  const now = deps.clock.now();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const d = await findDeliveryById(trx, deliveryId);
    const endpoint = d ? await findEndpointById(trx, d.endpointId) : undefined;
    if (!d || !endpoint) throw notFound('WEBHOOK_DELIVERY_NOT_FOUND', 'webhook delivery');
    const id = await queueDelivery(
      trx,
      { endpoint, messageId: d.messageId, type: d.eventType, payload: d.payload, redeliveryOf: d.id },
      now,
    );
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'webhook.redeliver',
        subjectType: 'webhook_delivery',
        subjectId: id,
        after: { of: d.id, endpointId: endpoint.id, type: d.eventType },
      },
      now,
    );
    return { id, endpointId: endpoint.id };
  });
}

class DeliveryFailed extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * Sends every webhook that is due, through the shared outbox worker. The endpoint is read at send time: a
 * disabled or deleted endpoint gets nothing (the delivery is dead at once), a changed URL is honoured.
 */
export async function drainWebhooks(deps: Deps, opts: DrainOptions = {}): Promise<DrainResult> {
  const db = deps.db.kysely;
  const production = deps.config.env === 'production';
  return drainChannel(
    deps,
    {
      channel: 'webhook',
      noun: 'webhook',
      isPermanent: (err) => err instanceof DeliveryFailed && err.permanent,
      async send(row) {
        const delivery = row.refId === null ? undefined : await findDeliveryById(db, row.refId);
        const endpoint = delivery ? await findEndpointById(db, delivery.endpointId) : undefined;
        if (!delivery || !endpoint) throw new DeliveryFailed('the endpoint was deleted', true);
        if (!endpoint.enabled) throw new DeliveryFailed('the endpoint is disabled', true);
        const headers = signWebhook(endpoint.secret, delivery.messageId, deps.clock.now(), delivery.payload);
        const out = await postWebhook(endpoint.url, { ...headers }, delivery.payload, {
          production,
          timeoutMs: SEND_TIMEOUT_MS,
        });
        await recordAttempt(db, delivery.id, out.status, out.excerpt);
        if (!out.ok) throw new DeliveryFailed(out.status === null ? out.excerpt : `HTTP ${out.status}`, out.permanent);
      },
    },
    { ...opts, policy: { ...WEBHOOK_POLICY, ...opts.policy } },
  );
}
