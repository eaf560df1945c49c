/**
 * Outgoing webhooks end to end: the publisher adds endpoints in the admin, real changes (publishing,
 * saving, approving, gifts, a goal) queue events in their transactions, the outbox's webhook channel posts
 * them to a real HTTP receiver on loopback, which checks the Standard Webhooks signature with its own code.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publishArticle, publishDueArticles } from '../../src/features/articles/index.js';
import { scheduleArticle } from '../../src/features/articles/article.publishing.service.js';
import { drainWebhooks } from '../../src/features/webhooks/index.js';
import { fixedClock } from '../../src/platform/clock.js';
import type { TestApp } from '../helpers/build-test-app.js';
import { makeArticle } from '../helpers/factories.js';
import { errorCodeOf, type FormSession } from '../helpers/forms.js';
import { startFakeStripe, type FakeStripe } from '../helpers/fake-stripe.js';
import { createFundingApp, makeCampaign } from '../helpers/funding.js';
import { checkoutCompleted, deliver } from '../helpers/stripe-events.js';
import { addComment, signedIn } from '../helpers/moderation.js';
import { DIALECTS } from '../helpers/test-db.js';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver on loopback: records every request, answers the queued statuses, then 200. */
async function startReceiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : `broken ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    answer: (...s: number[]) => statuses.push(...s),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Standard Webhooks verification, written here from the spec independently of the app's signer. */
function verify(secret: string, r: Received, toleranceS = 300): boolean {
  const id = String(r.headers['webhook-id']);
  const ts = String(r.headers['webhook-timestamp']);
  if (!/^\d+$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > toleranceS) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${ts}.${r.body}`).digest();
  return String(r.headers['webhook-signature'])
    .split(' ')
    .some((sig) => {
      const [version, value] = sig.split(',');
      const got = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && got.length === expected.length && timingSafeEqual(got, expected);
    });
}

for (const dialect of DIALECTS) {
  describe(`outgoing webhooks on ${dialect}`, () => {
    let t: TestApp;
    let pub: FormSession;
    let pubId: number;
    let rx: Awaited<ReturnType<typeof startReceiver>>;
    let fake: FakeStripe;
    const clock = fixedClock(new Date());
    const db = () => t.deps.db.kysely;

    async function addEndpoint(path: string, events: string[]): Promise<{ id: number; secret: string }> {
      await pub.get('/admin/webhooks');
      const res = await pub.post('/admin/webhooks', { url: rx.url(path), description: path, events });
      expect(res.statusCode).toBe(303);
      const id = Number(/\/admin\/webhooks\/(\d+)/.exec(String(res.headers.location))![1]);
      const row = await db().selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      return { id, secret: row.secret };
    }
    const at = (path: string) => rx.received.filter((r) => r.path === path);
    const drain = () => drainWebhooks(t.deps);
    /** The editor's "Publish" (the scheduled job runs the same hook). */
    const publish = (id: number) => publishArticle(t.deps, { id: pubId, role: 'publisher' }, id);

    beforeAll(async () => {
      rx = await startReceiver();
      fake = await startFakeStripe();
      t = await createFundingApp(dialect, { fake, clock });
      ({ s: pub, id: pubId } = await signedIn(t.app, db(), 'publisher', 'Pia Publisher'));
    });
    afterEach(() => {
      rx.received.length = 0;
    });
    afterAll(async () => {
      await t.close();
      await rx.close();
      await fake.close();
    });

    it('sends each event once, signed per Standard Webhooks, only to the endpoints that want it', async () => {
      const all = await addEndpoint('/all', [
        'article.published',
        'article.updated',
        'comment.approved',
        'donation.received',
        'campaign.goal_reached',
      ]);
      const articlesOnly = await addEndpoint('/articles', ['article.published']);

      // article.published, through the editor's form.
      await pub.get('/admin/articles/new');
      const saved = await pub.post('/admin/articles', {
        headline: 'Ferry returns',
        slug: 'ferry-returns',
        excerpt: 'Back in May.',
        dateline: '',
        body: 'The ferry is back.',
        section: '',
        tags: '',
        bylines: [String(pubId)],
        lead_image: '',
        intent: 'publish',
      });
      expect(saved.statusCode).toBe(303);
      const articleId = Number(/(\d+)\/edit/.exec(String(saved.headers.location))![1]);
      // article.updated: the published article saved again.
      await pub.get(`/admin/articles/${articleId}/edit`);
      const revision = (
        await db().selectFrom('articles').select('revision').where('id', '=', articleId).executeTakeFirstOrThrow()
      ).revision;
      const updated = await pub.post(`/admin/articles/${articleId}`, {
        headline: 'Ferry returns for summer',
        slug: 'ferry-returns',
        excerpt: 'Back in May.',
        dateline: '',
        body: 'The ferry is back, for the summer.',
        section: '',
        tags: '',
        bylines: [String(pubId)],
        lead_image: '',
        revision: String(revision),
      });
      expect(updated.statusCode).toBe(303);
      // comment.approved, through the moderation queue.
      const commentId = await addComment(db(), { articleId, authorEmail: 'private@example.test' });
      await pub.get('/admin/moderation');
      const approved = await pub.post('/admin/moderation/act', {
        one: `approve:${commentId}`,
        return: '/admin/moderation',
      });
      expect(approved.statusCode).toBe(303);
      // donation.received and campaign.goal_reached, through an offline gift that crosses the goal.
      const month = clock.now().toISOString().slice(0, 7);
      await makeCampaign(db(), { month, goalMinor: 10_000, currency: 'USD' });
      await pub.get('/admin/donations/new');
      const gift = await pub.post('/admin/donations', {
        date: clock.now().toISOString().slice(0, 10),
        amount: '150.00',
        currency: 'USD',
        method: 'bank',
        note: '',
      });
      expect(gift.statusCode).toBe(303);

      expect(await drain()).toEqual({ sent: 6, retrying: 0, dead: 0 });
      const got = at('/all');
      expect(got.map((r) => JSON.parse(r.body).type)).toEqual([
        'article.published',
        'article.updated',
        'comment.approved',
        'donation.received',
        'campaign.goal_reached',
      ]);
      for (const r of got) {
        expect(verify(all.secret, r)).toBe(true);
        expect(verify(articlesOnly.secret, r)).toBe(false);
        expect(r.headers['content-type']).toBe('application/json');
        expect(String(r.headers['webhook-id'])).toMatch(/^msg_/);
        const body = JSON.parse(r.body);
        expect(Object.keys(body).sort()).toEqual(['data', 'timestamp', 'type']);
        expect(r.body).not.toContain('private@example.test');
      }
      expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(5);
      expect(JSON.parse(got[0]!.body).data).toMatchObject({
        id: articleId,
        slug: 'ferry-returns',
        headline: 'Ferry returns',
      });
      expect(JSON.parse(got[1]!.body).data).toMatchObject({ id: articleId, headline: 'Ferry returns for summer' });
      expect(JSON.parse(got[2]!.body).data).toEqual({ id: commentId, articleId, parentId: null });
      expect(JSON.parse(got[3]!.body).data).toMatchObject({ amountMinor: 15_000, currency: 'USD', source: 'offline' });
      expect(JSON.parse(got[4]!.body).data).toMatchObject({ month, goalMinor: 10_000, raisedMinor: 15_000 });
      const onlyArticles = at('/articles');
      expect(onlyArticles.map((r) => JSON.parse(r.body).type)).toEqual(['article.published']);
      expect(verify(articlesOnly.secret, onlyArticles[0]!)).toBe(true);
      // Nothing is sent twice.
      expect(await drain()).toEqual({ sent: 0, retrying: 0, dead: 0 });

      // The endpoint's page shows the delivery log; the publisher sees the secret there.
      const page = await pub.get(`/admin/webhooks/${all.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`value="${all.secret}"`);
      expect(page.body).toContain('campaign.goal_reached');
      expect(page.body).toContain('Delivered');
      for (const id of [all.id, articlesOnly.id]) await pub.post(`/admin/webhooks/${id}/delete`, {});
      expect(await db().selectFrom('webhook_endpoints').select('id').execute()).toEqual([]);
    });

    it('retries a delivery the receiver answered 500, with backoff, and logs status, attempts and next retry', async () => {
      const ep = await addEndpoint('/flaky', ['article.published']);
      rx.answer(500);
      const article = await makeArticle(db(), { status: 'draft' });
      await publish(article.id);

      expect(await drain()).toEqual({ sent: 0, retrying: 1, dead: 0 });
      const delivery = await db()
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('endpoint_id', '=', ep.id)
        .executeTakeFirstOrThrow();
      expect(delivery.last_status).toBe(500);
      expect(delivery.last_response).toBe('broken 500');
      const row = await db()
        .selectFrom('outbox')
        .selectAll()
        .where('id', '=', delivery.outbox_id!)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ channel: 'webhook', status: 'pending', attempts: 1 });
      const wait = Date.parse(row.next_attempt_at) - clock.now().getTime();
      expect(wait).toBeGreaterThan(30_000);
      const log = await pub.get(`/admin/webhooks/${ep.id}`);
      expect(log.body).toContain('HTTP 500');
      expect(log.body).toContain('broken 500');
      expect(log.body).toContain('Retrying');

      // Not due yet: nothing is tried. Then, at its time, it goes out with the same id and body.
      expect(await drain()).toEqual({ sent: 0, retrying: 0, dead: 0 });
      clock.advance(wait);
      expect(await drain()).toEqual({ sent: 1, retrying: 0, dead: 0 });
      const tries = at('/flaky');
      expect(tries).toHaveLength(2);
      expect(tries[1]!.headers['webhook-id']).toBe(tries[0]!.headers['webhook-id']);
      expect(tries[1]!.body).toBe(tries[0]!.body);
      expect(Number(tries[1]!.headers['webhook-timestamp'])).toBeGreaterThan(
        Number(tries[0]!.headers['webhook-timestamp']),
      );
      // The receiver checks the timestamp against its own clock; the test clock moved, so check the signature at that time.
      for (const r of tries) expect(verify(ep.secret, r, 1e9)).toBe(true);
      const done = await db()
        .selectFrom('outbox')
        .selectAll()
        .where('id', '=', delivery.outbox_id!)
        .executeTakeFirstOrThrow();
      expect(done).toMatchObject({ status: 'sent', attempts: 2 });

      // Redelivery: the same event, queued again, with the same webhook-id.
      rx.received.length = 0;
      const re = await pub.post(`/admin/webhooks/deliveries/${delivery.id}/redeliver`, {});
      expect(re.statusCode).toBe(303);
      expect(re.headers.location).toBe(`/admin/webhooks/${ep.id}?done=redelivered`);
      expect(await drain()).toEqual({ sent: 1, retrying: 0, dead: 0 });
      expect(at('/flaky')).toHaveLength(1);
      expect(at('/flaky')[0]!.headers['webhook-id']).toBe(tries[0]!.headers['webhook-id']);
      expect(at('/flaky')[0]!.body).toBe(tries[0]!.body);
      const audit = await db().selectFrom('audit_log').select('action').where('action', 'like', 'webhook.%').execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['webhook.create', 'webhook.redeliver']));
      await pub.post(`/admin/webhooks/${ep.id}/delete`, {});
    });

    it('sends nothing to a disabled endpoint, including what was queued before it was disabled', async () => {
      const ep = await addEndpoint('/off', ['article.published']);
      const first = await makeArticle(db(), { status: 'draft' });
      await publish(first.id);
      await pub.get(`/admin/webhooks/${ep.id}`);
      expect((await pub.post(`/admin/webhooks/${ep.id}/disable`, {})).statusCode).toBe(303);
      const second = await makeArticle(db(), { status: 'draft' });
      await publish(second.id);
      // The one queued before: dead at once; the one after: never queued.
      expect(await drain()).toEqual({ sent: 0, retrying: 0, dead: 1 });
      expect(at('/off')).toEqual([]);
      expect(
        await db().selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', ep.id).execute(),
      ).toHaveLength(1);
      // Enabled again, new events go out.
      await pub.post(`/admin/webhooks/${ep.id}/enable`, {});
      const third = await makeArticle(db(), { status: 'draft' });
      await publish(third.id);
      expect(await drain()).toEqual({ sent: 1, retrying: 0, dead: 0 });
      expect(at('/off')).toHaveLength(1);
      await pub.post(`/admin/webhooks/${ep.id}/delete`, {});
    });

    it('sends article.published once when a scheduled article goes out, whichever process publishes it', async () => {
      const ep = await addEndpoint('/scheduled', ['article.published', 'article.updated']);
      const a = await makeArticle(db(), { status: 'draft' });
      const when = new Date(clock.now().getTime() + 60_000).toISOString();
      await scheduleArticle(t.deps, { id: pubId, role: 'publisher' }, a.id, when);
      expect(await drain()).toEqual({ sent: 0, retrying: 0, dead: 0 });
      clock.advance(61_000);
      const [first, second] = await Promise.all([publishDueArticles(t.deps), publishDueArticles(t.deps)]);
      expect([...first!, ...second!]).toEqual([a.id]);
      expect(await drain()).toEqual({ sent: 1, retrying: 0, dead: 0 });
      expect(at('/scheduled').map((r) => JSON.parse(r.body).data.id)).toEqual([a.id]);
      await pub.post(`/admin/webhooks/${ep.id}/delete`, {});
    });

    it('sends donation.received for a gift confirmed by Stripe, once however often Stripe repeats the event', async () => {
      const ep = await addEndpoint('/gifts', ['donation.received']);
      const event = checkoutCompleted({
        at: '2031-03-10T10:00:00Z',
        amount: 2_500,
        currency: 'EUR',
        email: 'donor@example.test',
      });
      expect((await deliver(t.app, event)).statusCode).toBe(200);
      expect((await deliver(t.app, event)).statusCode).toBe(200);
      expect(await drain()).toEqual({ sent: 1, retrying: 0, dead: 0 });
      const [r] = at('/gifts');
      expect(verify(ep.secret, r!)).toBe(true);
      expect(JSON.parse(r!.body)).toMatchObject({
        type: 'donation.received',
        data: { month: '2031-03', amountMinor: 2_500, currency: 'EUR', frequency: 'one_off', source: 'stripe' },
      });
      expect(r!.body).not.toContain('donor@example.test');
      await pub.post(`/admin/webhooks/${ep.id}/delete`, {});
    });

    it('sends nothing for a delivery whose endpoint was deleted, and drops its log with it', async () => {
      const ep = await addEndpoint('/gone', ['article.published']);
      await publish((await makeArticle(db(), { status: 'draft' })).id);
      await pub.get(`/admin/webhooks/${ep.id}`);
      expect((await pub.post(`/admin/webhooks/${ep.id}/delete`, {})).headers.location).toBe(
        '/admin/webhooks?done=deleted',
      );
      expect(
        await db().selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', ep.id).execute(),
      ).toEqual([]);
      expect(await drain()).toEqual({ sent: 0, retrying: 0, dead: 1 });
      expect(at('/gone')).toEqual([]);
      expect((await pub.get(`/admin/webhooks/${ep.id}`)).statusCode).toBe(404);
    });

    it('refuses addresses it may not send to, and events it does not know', async () => {
      await pub.get('/admin/webhooks');
      for (const url of [
        'http://example.com/hook',
        'ftp://example.com/x',
        'https://user:pw@example.com/',
        'not a url',
      ]) {
        const res = await pub.post('/admin/webhooks', { url, events: ['article.published'] });
        expect(res.statusCode).toBe(400);
        expect(errorCodeOf(res.body)).toBe('WEBHOOK_ENDPOINT_INVALID_FORM');
      }
      const bad = await pub.post('/admin/webhooks', { url: 'https://example.com/hook', events: ['article.deleted'] });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('Choose at least one event.');
      expect(await db().selectFrom('webhook_endpoints').select('id').execute()).toEqual([]);
    });

    it('is for the publisher only', async () => {
      const { s: editor } = await signedIn(t.app, db(), 'editor');
      expect((await editor.get('/admin/webhooks')).statusCode).toBe(403);
    });
  });
}
