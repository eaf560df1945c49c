/** The only module that reads and writes webhook_endpoints and webhook_deliveries. */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { WebhookDeliveryTable, WebhookEndpointTable } from './webhook.table.js';

type DB = Kysely<Database>;

export interface WebhookEndpoint {
  id: number;
  url: string;
  description: string;
  /** Event types it receives. */
  events: string[];
  /** `whsec_…`: the publisher may view it on the endpoint's page (receivers need it to verify). */
  secret: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
  id: number;
  endpointId: number;
  messageId: string;
  eventType: string;
  payload: string;
  outboxId: number | null;
  redeliveryOf: number | null;
  lastStatus: number | null;
  lastResponse: string | null;
  createdAt: string;
}

const toEndpoint = (r: Selectable<WebhookEndpointTable>): WebhookEndpoint => ({
  id: r.id,
  url: r.url,
  description: r.description,
  events: r.events.split(' ').filter(Boolean),
  secret: r.secret,
  enabled: r.enabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toDelivery = (r: Selectable<WebhookDeliveryTable>): WebhookDelivery => ({
  id: r.id,
  endpointId: r.endpoint_id,
  messageId: r.message_id,
  eventType: r.event_type,
  payload: r.payload,
  outboxId: r.outbox_id,
  redeliveryOf: r.redelivery_of,
  lastStatus: r.last_status,
  lastResponse: r.last_response,
  createdAt: r.created_at,
});

export async function insertEndpoint(
  db: DB,
  e: { url: string; description: string; events: string[]; secret: string; createdBy: number; now: string },
): Promise<number> {
  const row = await db
    .insertInto('webhook_endpoints')
    .values({
      url: e.url,
      description: e.description,
      events: e.events.join(' '),
      secret: e.secret,
      enabled: 1,
      created_by: e.createdBy,
      created_at: e.now,
      updated_at: e.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findEndpointById(db: DB, id: number): Promise<WebhookEndpoint | undefined> {
  const row = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toEndpoint(row) : undefined;
}

export async function listEndpoints(db: DB): Promise<WebhookEndpoint[]> {
  const rows = await db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();
  return rows.map(toEndpoint);
}

/** Enabled endpoints subscribed to `type`. */
export async function findSubscribedEndpoints(db: DB, type: string): Promise<WebhookEndpoint[]> {
  const rows = await db.selectFrom('webhook_endpoints').selectAll().where('enabled', '=', 1).orderBy('id').execute();
  return rows.map(toEndpoint).filter((e) => e.events.includes(type));
}

export async function setEndpointEnabled(db: DB, id: number, enabled: boolean, now: string): Promise<boolean> {
  const res = await db
    .updateTable('webhook_endpoints')
    .set({ enabled: enabled ? 1 : 0, updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Deletes an endpoint and (cascade) its delivery log. */
export async function deleteEndpoint(db: DB, id: number): Promise<boolean> {
  const res = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function insertDelivery(
  db: DB,
  d: {
    endpointId: number;
    messageId: string;
    eventType: string;
    payload: string;
    redeliveryOf: number | null;
    now: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('webhook_deliveries')
    .values({
      endpoint_id: d.endpointId,
      message_id: d.messageId,
      event_type: d.eventType,
      payload: d.payload,
      redelivery_of: d.redeliveryOf,
      created_at: d.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setDeliveryOutbox(db: DB, id: number, outboxId: number): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ outbox_id: outboxId }).where('id', '=', id).execute();
}

export async function findDeliveryById(db: DB, id: number): Promise<WebhookDelivery | undefined> {
  const row = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDelivery(row) : undefined;
}

/** The newest deliveries to one endpoint. */
export async function listDeliveries(db: DB, endpointId: number, limit: number): Promise<WebhookDelivery[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toDelivery);
}

/** What the last attempt got back. */
export async function recordAttempt(db: DB, id: number, status: number | null, response: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ last_status: status, last_response: response })
    .where('id', '=', id)
    .execute();
}
