import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/dialect.js';
import { claimDueMail } from '../../src/platform/outbox-queue.repo.js';
import { drainOutbox, OUTBOX_POLICY } from '../../src/platform/outbox.service.js';
import { enqueueMail } from '../../src/platform/outbox.repo.js';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { makeUser } from '../helpers/factories.js';
import { formSession } from '../helpers/forms.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { DIALECTS } from '../helpers/test-db.js';

const START = '2026-11-25T10:00:00.000Z';

async function queue(t: TestApp, n = 1, to = 'reader@example.test'): Promise<number[]> {
  const ids: number[] = [];
  await t.deps.db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i++)
      ids.push(
        await enqueueMail(
          trx,
          { to, subject: `Test mail ${i}`, text: `Body ${i}`, html: `<p>Body ${i}</p>`, kind: 'test' },
          t.deps.clock.now(),
        ),
      );
  });
  return ids;
}

const row = (t: TestApp, id: number) =>
  t.deps.db.kysely.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

for (const dialect of DIALECTS) {
  describe(`the mail outbox on ${dialect}`, () => {
    let smtp: TestSmtp;
    let t: TestApp;
    const clock = fixedClock(START);

    beforeAll(async () => {
      smtp = await startSmtp();
      t = await createTestApp(dialect, { clock, config: { smtpUrl: smtp.url } });
    });
    afterEach(() => {
      smtp.received.length = 0;
      smtp.refuseNext(0);
    });
    afterAll(async () => {
      await t.close();
      await smtp.close();
    });

    it('delivers a queued mail over SMTP exactly once and marks it sent', async () => {
      const [id] = await queue(t);
      expect(await drainOutbox(t.deps)).toEqual({ sent: 1, retrying: 0, dead: 0 });
      const [mail] = await smtp.waitFor(1);
      expect(mail!.to).toEqual(['reader@example.test']);
      expect(mail!.subject).toBe('Test mail 0');
      expect(mail!.text.trim()).toBe('Body 0');
      expect(mail!.headers.get('message-id')).toMatch(new RegExp(`^<outbox\\.${id}\\.\\d+@`));
      const r = await row(t, id!);
      expect(r.status).toBe('sent');
      expect(r.sent_at).toBe(START);
      expect(await drainOutbox(t.deps)).toEqual({ sent: 0, retrying: 0, dead: 0 });
      expect(smtp.received).toHaveLength(1);
    });

    it('retries a mail the server refused for now, after a backoff, and delivers it once', async () => {
      const [id] = await queue(t);
      smtp.refuseNext(1, 451);
      expect(await drainOutbox(t.deps)).toEqual({ sent: 0, retrying: 1, dead: 0 });
      const failed = await row(t, id!);
      expect(failed.status).toBe('pending');
      expect(failed.attempts).toBe(1);
      expect(failed.last_error).toMatch(/451|Try again later/);
      const wait = Date.parse(failed.next_attempt_at) - clock.now().getTime();
      expect(wait).toBeGreaterThanOrEqual(OUTBOX_POLICY.baseDelayMs * 0.75);
      expect(wait).toBeLessThanOrEqual(OUTBOX_POLICY.baseDelayMs * 1.25);

      // Not due yet: nothing is tried.
      expect(await drainOutbox(t.deps)).toEqual({ sent: 0, retrying: 0, dead: 0 });
      clock.advance(wait);
      expect(await drainOutbox(t.deps)).toEqual({ sent: 1, retrying: 0, dead: 0 });
      expect(smtp.refused).toBeGreaterThanOrEqual(1);
      expect(smtp.received).toHaveLength(1);
      expect((await row(t, id!)).status).toBe('sent');
    });

    it('doubles the wait after each failure and gives up after the last attempt', async () => {
      const [id] = await queue(t);
      smtp.refuseNext(OUTBOX_POLICY.maxAttempts, 451);
      const waits: number[] = [];
      for (let i = 1; i <= OUTBOX_POLICY.maxAttempts; i++) {
        const res = await drainOutbox(t.deps);
        const r = await row(t, id!);
        expect(r.attempts).toBe(i);
        if (i < OUTBOX_POLICY.maxAttempts) {
          expect(res.retrying).toBe(1);
          waits.push(Date.parse(r.next_attempt_at) - clock.now().getTime());
          clock.advance(waits[waits.length - 1]!);
        } else {
          expect(res.dead).toBe(1);
          expect(r.status).toBe('dead');
        }
      }
      // Each wait is within jitter of base·2^(n−1), capped.
      waits.forEach((w, i) => {
        const expected = Math.min(OUTBOX_POLICY.baseDelayMs * 2 ** i, OUTBOX_POLICY.maxDelayMs);
        expect(w).toBeGreaterThanOrEqual(expected * 0.75);
        expect(w).toBeLessThanOrEqual(expected * 1.25);
      });
      expect(smtp.received).toHaveLength(0);
    });

    it('marks a mail the server refuses for good as dead at once', async () => {
      const [id] = await queue(t);
      smtp.refuseNext(1, 550);
      expect(await drainOutbox(t.deps)).toEqual({ sent: 0, retrying: 0, dead: 1 });
      const r = await row(t, id!);
      expect(r.status).toBe('dead');
      expect(r.attempts).toBe(1);
    });

    it('takes over a claim left by a crashed worker once its lease has expired, and sends it once', async () => {
      const [id] = await queue(t);
      // A worker claims the mail and dies before sending or recording anything.
      const claimed = await claimDueMail(t.deps.db.kysely, t.deps.db.dialect, {
        now: clock.now(),
        leaseMs: OUTBOX_POLICY.leaseMs,
        limit: 10,
        claimToken: 'crashed',
      });
      expect(claimed.map((c) => c.id)).toContain(id);
      expect(await drainOutbox(t.deps)).toEqual({ sent: 0, retrying: 0, dead: 0 });
      clock.advance(OUTBOX_POLICY.leaseMs + 1000);
      expect(await drainOutbox(t.deps)).toEqual({ sent: 1, retrying: 0, dead: 0 });
      const r = await row(t, id!);
      expect(r.status).toBe('sent');
      expect(r.attempts).toBe(2);
      expect(smtp.received).toHaveLength(1);
    });

    it('does not send a mail whose claim another worker took while this one was busy with a slow one', async () => {
      const ids = await queue(t, 2);
      const sentByA: number[] = [];
      // Worker A's first send is so slow that its lease on the whole batch runs out, and worker B
      // (the normal job) takes the mails over meanwhile.
      const slow = {
        kind: 'smtp' as const,
        describe: 'slow test mailer',
        close: () => undefined,
        async send(m: { outboxId: number }) {
          sentByA.push(m.outboxId);
          if (sentByA.length === 1) {
            clock.advance(OUTBOX_POLICY.leaseMs + 1000);
            await drainOutbox(t.deps);
          }
        },
      };
      await drainOutbox({ ...t.deps, mailer: slow });
      // A sent only the mail it was in the middle of; the second went out once, from B.
      expect(sentByA).toEqual([ids[0]]);
      const second = smtp.received.filter((m) => m.subject === 'Test mail 1');
      expect(second).toHaveLength(1);
      expect((await row(t, ids[1]!)).status).toBe('sent');
    });

    it('shows the publisher queued and failed mail with masked addresses, and retries a dead mail on request', async () => {
      const [id] = await queue(t, 1, 'jane.doe@mail.example');
      smtp.refuseNext(1, 550);
      await drainOutbox(t.deps);
      const publisher = await makeUser(t.deps.db.kysely, { role: 'publisher' });
      const s = await formSession(t.app, '/login');
      await s.post('/login', { email: publisher.email, password: publisher.password });
      const page = await s.get('/admin/mail?view=dead');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Test mail 0');
      expect(page.body).toContain('j•••@mail.example');
      expect(page.body).not.toContain('jane.doe@mail.example');
      expect(page.body).toContain(`action="/admin/mail/${id}/retry"`);

      const res = await s.post(`/admin/mail/${id}/retry`, { view: 'dead' });
      expect(res.statusCode).toBe(303);
      const r = await row(t, id!);
      expect(r.status).toBe('pending');
      expect(r.attempts).toBe(0);
      const audit = await t.deps.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'mail.retry')
        .where('subject_id', '=', String(id))
        .executeTakeFirst();
      expect(audit?.actor_user_id).toBe(publisher.id);
      expect(await drainOutbox(t.deps)).toEqual({ sent: 1, retrying: 0, dead: 0 });

      // A sent mail cannot be "retried" into a second delivery.
      const again = await s.post(`/admin/mail/${id}/retry`, { view: 'dead' });
      expect(again.statusCode).toBe(409);
      expect(smtp.received).toHaveLength(1);
    });

    it('keeps the mail page to publishers and refuses a retry without a CSRF token', async () => {
      const editor = await makeUser(t.deps.db.kysely, { role: 'editor' });
      const s = await formSession(t.app, '/login');
      await s.post('/login', { email: editor.email, password: editor.password });
      expect((await s.get('/admin/mail')).statusCode).toBe(403);
      const [id] = await queue(t);
      const publisher = await makeUser(t.deps.db.kysely, { role: 'publisher' });
      const p = await formSession(t.app, '/login');
      await p.post('/login', { email: publisher.email, password: publisher.password });
      expect((await p.post(`/admin/mail/${id}/retry`, { _csrf: 'forged' })).statusCode).toBe(403);
      await drainOutbox(t.deps);
    });

    it('lets the publisher set the digest window, audit-logged, and refuses nonsense', async () => {
      const publisher = await makeUser(t.deps.db.kysely, { role: 'publisher' });
      const s = await formSession(t.app, '/login');
      await s.post('/login', { email: publisher.email, password: publisher.password });
      await s.get('/admin/mail');
      expect((await s.post('/admin/mail/settings', { digestWindowMinutes: '0' })).statusCode).toBe(422);
      expect((await s.post('/admin/mail/settings', { digestWindowMinutes: '30' })).statusCode).toBe(303);
      expect((await s.get('/admin/mail')).body).toContain('value="30"');
      const audit = await t.deps.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'settings.notifications.update')
        .execute();
      expect(audit).toHaveLength(1);
    });
  });

  describe(`two app instances sending from one ${dialect} database`, () => {
    let smtp: TestSmtp;
    let a: TestApp;
    let b: TestApp;
    let secondDb: Db;

    beforeAll(async () => {
      smtp = await startSmtp();
      a = await createTestApp(dialect, { config: { smtpUrl: smtp.url } });
      // The second instance has its own connection (pool or file handle), as a second process would.
      secondDb = await openDb({
        databaseUrl: a.testDb.url,
        sqliteFile: path.join(a.testDb.dataDir, 'test.sqlite'),
        poolSize: 5,
      });
      b = await createTestApp(dialect, { testDb: { ...a.testDb, db: secondDb }, config: { smtpUrl: smtp.url } });
    });
    afterAll(async () => {
      await b.close();
      await secondDb.close();
      await a.close();
      await smtp.close();
    });

    it('never sends the same mail twice', async () => {
      const ids = await queue(a, 120);
      const policy = { batchSize: 4, maxBatches: 100 };
      const [ra, rb] = await Promise.all([drainOutbox(a.deps, { policy }), drainOutbox(b.deps, { policy })]);
      expect(ra.sent + rb.sent).toBe(120);
      // Both did part of the work.
      expect(ra.sent).toBeGreaterThan(0);
      expect(rb.sent).toBeGreaterThan(0);
      const messageIds = smtp.received.map((m) => m.headers.get('message-id'));
      expect(messageIds).toHaveLength(120);
      expect(new Set(messageIds).size).toBe(120);
      const statuses = await a.deps.db.kysely.selectFrom('outbox').select('status').where('id', 'in', ids).execute();
      expect(statuses.every((s) => s.status === 'sent')).toBe(true);
    });
  });

  describe(`the outbox without SMTP on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => {
      await t.close();
    });

    it('writes each mail as an .eml file under DATA_DIR/mail', async () => {
      const [id] = await queue(t);
      expect(await drainOutbox(t.deps)).toEqual({ sent: 1, retrying: 0, dead: 0 });
      const file = path.join(t.deps.config.dataDir, 'mail', `${id}.eml`);
      const eml = fs.readFileSync(file, 'utf8');
      expect(eml).toContain('Subject: Test mail 0');
      expect(eml).toContain('To: reader@example.test');
    });
  });
}
