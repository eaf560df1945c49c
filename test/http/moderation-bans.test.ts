/** Bans, the moderation rules and the audit log through the real app, with the pipeline deciding afterwards. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailBanKey, ipBanKey } from '../../src/features/comments/moderation/ban.service.js';
import { getModerationSettings } from '../../src/features/comments/moderation/moderation.settings.js';
import { moderateComment, type ModerationInput } from '../../src/features/comments/moderation/pipeline.js';
import { hmac } from '../../src/lib/crypto.js';
import { english } from '../../src/platform/i18n.js';
import { createTestApp, fixedClock, TEST_SECRET, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle } from '../helpers/factories.js';
import { errorCodeOf, formSession, type FormSession } from '../helpers/forms.js';
import { postAsGuest } from '../helpers/discussion.js';
import { addComment, auditOf, signedIn, statusOf } from '../helpers/moderation.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`bans, rules and audit log on ${dialect}`, () => {
    let t: TestApp;
    let mod: { s: FormSession; id: number };
    let pub: { s: FormSession; id: number };
    let articleId: number;
    let articleSlug: string;
    const clock = fixedClock('2026-12-01T12:00:00.000Z');
    const db = () => t.deps.db.kysely;
    /** What the discussion would pass for a guest submitting from this e-mail and IP. */
    const submission = (
      over: { email?: string; ip?: string; userId?: number | null; text?: string } = {},
    ): ModerationInput => {
      const email = over.email ?? 'someone@example.test';
      return {
        articleId,
        authorUserId: over.userId ?? null,
        authorName: 'Someone',
        authorEmail: email,
        emailHash: emailBanKey(TEST_SECRET, email),
        ipHash: hmac(TEST_SECRET, over.ip ?? '192.0.2.200'),
        text: over.text ?? 'Hello',
        html: `<p>${over.text ?? 'Hello'}</p>`,
        linkCount: 0,
        isStaff: false,
      };
    };
    /** The pipeline's verdict, its reason (a catalogue message) in English. */
    const verdict = async (i: ModerationInput) => {
      const { verdict: v } = await moderateComment(
        i,
        { db: db(), now: clock.now(), wordLists: t.deps.caches.wordLists },
        t.deps.phases,
      );
      return { ...v, reason: english(v.reason) };
    };

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      ({ id: articleId, slug: articleSlug } = await makeArticle(db()));
      mod = await signedIn(t.app, db(), 'moderator', 'Mo Derator');
      pub = await signedIn(t.app, db(), 'publisher', 'Pub Lisher');
    });
    afterAll(async () => {
      await t.close();
    });

    describe('banning from the queue', () => {
      it('bans a guest by e-mail hash for a week, so their next comment is rejected, and expires', async () => {
        const id = await addComment(db(), { articleId, authorEmail: 'troll@example.test', ip: '203.0.113.10' });
        const form = await mod.s.get(`/admin/moderation/comments/${id}/ban`);
        expect(form.statusCode).toBe(200);
        expect(form.body).toContain(`fingerprint #${hmac(TEST_SECRET, 'troll@example.test').slice(0, 8)}`);
        expect(form.body).not.toContain('troll@example.test');
        const res = await mod.s.post(`/admin/moderation/comments/${id}/ban`, {
          email: '1',
          days: '7',
          reason: 'Repeated abuse',
        });
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe('/admin/moderation?done=ban&n=0');
        expect((await verdict(submission({ email: 'troll@example.test' }))).action).toBe('reject');
        expect((await verdict(submission({ email: 'someone-else@example.test', ip: '203.0.113.10' }))).action).not.toBe(
          'reject',
        );
        const [ban] = await db().selectFrom('bans').selectAll().where('kind', '=', 'email').execute();
        expect(ban).toMatchObject({
          value: emailBanKey(TEST_SECRET, 'troll@example.test'),
          reason: 'Repeated abuse',
          expires_at: '2026-12-08T12:00:00.000Z',
          created_by: mod.id,
        });
        const audit = await auditOf(db(), 'ban', ban!.id);
        expect(audit).toEqual([
          {
            actor: mod.id,
            action: 'ban.create',
            before: null,
            after: {
              kind: 'email',
              fingerprint: ban!.value.slice(0, 8),
              reason: 'Repeated abuse',
              expiresAt: '2026-12-08T12:00:00.000Z',
              commentId: id,
            },
          },
        ]);
        expect(JSON.stringify(audit)).not.toContain('troll@');
        clock.advance(7 * 86_400_000 + 1000);
        expect((await verdict(submission({ email: 'troll@example.test' }))).action).not.toBe('reject');
        clock.set('2026-12-01T12:00:00.000Z');
      });

      it('bans an account and its IP, and marks their pending comments as spam', async () => {
        const { s: readerSession, id: readerId } = await signedIn(t.app, db(), 'reader', 'Rita Reader');
        const first = await addComment(db(), {
          articleId,
          authorUserId: readerId,
          authorName: 'Rita Reader',
          ip: '203.0.113.20',
        });
        const other = await addComment(db(), {
          articleId,
          authorUserId: readerId,
          authorName: 'Rita Reader',
          ip: '203.0.113.21',
        });
        await mod.s.get(`/admin/moderation/comments/${first}/ban`);
        const res = await mod.s.post(`/admin/moderation/comments/${first}/ban`, {
          account: '1',
          ip: '1',
          days: 'permanent',
          reason: 'Spam bot',
          spamPending: '1',
        });
        expect(res.headers.location).toBe('/admin/moderation?done=ban&n=2');
        expect(await statusOf(db(), other)).toBe('spam');
        expect((await verdict(submission({ userId: readerId, email: 'new-address@example.test' }))).action).toBe(
          'reject',
        );
        expect((await verdict(submission({ ip: '203.0.113.20', email: 'fresh@example.test' }))).action).toBe('reject');
        // A banned account cannot vote either.
        const target = await addComment(db(), {
          articleId,
          status: 'approved',
          authorName: 'Someone Else',
          ip: '198.51.100.99',
        });
        await readerSession.get(`/articles/${articleSlug}`);
        const vote = await readerSession.post('/comments/vote', {
          vote: `${target}:up`,
          back: `/articles/${articleSlug}`,
        });
        expect(vote.statusCode).toBe(403);
        expect(vote.body).toContain('You can no longer vote on this site.');
        expect(await db().selectFrom('votes').select('comment_id').where('comment_id', '=', target).execute()).toEqual(
          [],
        );
        const bans = await mod.s.get('/admin/moderation/bans');
        expect(bans.body).toContain('Account Rita Reader');
        expect(bans.body).toContain(`IP #${hmac(TEST_SECRET, '203.0.113.20').slice(0, 8)}`);
        expect(bans.body).not.toContain('203.0.113.20');
      });

      it('refuses a ban without a reason or a scope, and a staff account, changing nothing', async () => {
        const id = await addComment(db(), { articleId });
        await mod.s.get(`/admin/moderation/comments/${id}/ban`);
        const count = async () =>
          (
            await db()
              .selectFrom('bans')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n;
        const before = Number(await count());
        const noReason = await mod.s.post(`/admin/moderation/comments/${id}/ban`, {
          email: '1',
          days: '7',
          reason: '  ',
        });
        expect(noReason.statusCode).toBe(422);
        expect(errorCodeOf(noReason.body)).toBe('BAN_REASON_REQUIRED');
        const noScope = await mod.s.post(`/admin/moderation/comments/${id}/ban`, { days: '7', reason: 'x' });
        expect(noScope.statusCode).toBe(422);
        expect(errorCodeOf(noScope.body)).toBe('BAN_SCOPE_REQUIRED');
        const staff = await addComment(db(), { articleId, authorUserId: pub.id });
        const staffBan = await mod.s.post(`/admin/moderation/comments/${staff}/ban`, {
          account: '1',
          days: '7',
          reason: 'x',
        });
        expect(staffBan.statusCode).toBe(403);
        expect(Number(await count())).toBe(before);
      });
    });

    describe('the bans page', () => {
      it('bans an IP typed by hand, refuses a malformed one, and lifts a ban with an audit entry', async () => {
        await mod.s.get('/admin/moderation/bans');
        const bad = await mod.s.post('/admin/moderation/bans', {
          kind: 'ip',
          value: '300.1.1.1',
          days: '30',
          reason: 'Flood',
        });
        expect(bad.statusCode).toBe(422);
        expect(errorCodeOf(bad.body)).toBe('BAN_IP_INVALID');
        expect(bad.body).toContain('value="300.1.1.1"');
        const ok = await mod.s.post('/admin/moderation/bans', {
          kind: 'ip',
          value: '2001:DB8::7',
          days: '30',
          reason: 'Flood',
        });
        expect(ok.headers.location).toBe('/admin/moderation/bans?done=created');
        expect((await verdict(submission({ ip: '2001:db8::7', email: 'x1@example.test' }))).action).toBe('reject');
        const ban = await db()
          .selectFrom('bans')
          .selectAll()
          .where('value', '=', ipBanKey(TEST_SECRET, '2001:db8::7'))
          .executeTakeFirstOrThrow();
        const lift = await mod.s.post(`/admin/moderation/bans/${ban.id}/lift`, {});
        expect(lift.headers.location).toBe('/admin/moderation/bans?done=lifted');
        expect((await verdict(submission({ ip: '2001:db8::7', email: 'x2@example.test' }))).action).not.toBe('reject');
        expect((await auditOf(db(), 'ban', ban.id)).map((a) => [a.action, a.actor])).toEqual([
          ['ban.create', mod.id],
          ['ban.lift', mod.id],
        ]);
        const again = await mod.s.post(`/admin/moderation/bans/${ban.id}/lift`, {});
        expect(again.statusCode).toBe(409);
        expect(again.body).toContain('already ended');
      });
    });

    describe('voting while banned', () => {
      it('refuses a vote from an account whose e-mail address is banned', async () => {
        const { s: reader, id: readerId } = await signedIn(t.app, db(), 'reader', 'Mail Banned');
        const { email } = await db()
          .selectFrom('users')
          .select('email')
          .where('id', '=', readerId)
          .executeTakeFirstOrThrow();
        await mod.s.get('/admin/moderation/bans');
        expect(
          (
            await mod.s.post('/admin/moderation/bans', {
              kind: 'email',
              value: email.toUpperCase(),
              days: '30',
              reason: 'Sock puppets',
            })
          ).statusCode,
        ).toBe(303);
        const target = await addComment(db(), {
          articleId,
          status: 'approved',
          authorName: 'Someone Else',
          ip: '198.51.100.98',
        });
        await reader.get(`/articles/${articleSlug}`);
        const vote = await reader.json('POST', `/api/comments/${target}/vote`, { value: 1 });
        expect(vote.statusCode).toBe(403);
        expect(vote.json()).toMatchObject({ code: 'VOTE_BANNED', status: 403 });
        expect(await db().selectFrom('votes').select('comment_id').where('comment_id', '=', target).execute()).toEqual(
          [],
        );
      });
    });

    describe('addresses written differently', () => {
      it('bans one address however it is written: IPv6 spellings, and IPv4 seen as IPv4-mapped IPv6', async () => {
        await mod.s.get('/admin/moderation/bans');
        for (const value of ['2001:DB8:0:0:0:0:0:1', '203.0.113.7']) {
          expect(
            (await mod.s.post('/admin/moderation/bans', { kind: 'ip', value, days: '30', reason: 'Flood' })).statusCode,
          ).toBe(303);
        }
        for (const ip of ['2001:db8::1', '::ffff:203.0.113.7']) {
          const s = await formSession(t.app, `/articles/${articleSlug}`, { ip });
          const res = await postAsGuest(s, articleSlug, { email: 'spelled@example.test' });
          expect(res.statusCode, ip).toBe(403);
          expect(res.body).toContain('You cannot comment on this site until');
        }
        // A ban from the queue keys on the stored hash: a comment from a dual-stack socket bans the IPv4 client.
        const s = await formSession(t.app, `/articles/${articleSlug}`, { ip: '::ffff:198.51.100.44' });
        await postAsGuest(s, articleSlug, { email: 'mapped@example.test', body: 'From a mapped address.' });
        const stored = await db()
          .selectFrom('comments')
          .select('ip_hash')
          .where('author_email', '=', 'mapped@example.test')
          .executeTakeFirstOrThrow();
        expect(stored.ip_hash).toBe(hmac(TEST_SECRET, '198.51.100.44'));
      });
    });

    describe('the rules page', () => {
      it('is for the publisher only', async () => {
        expect((await mod.s.get('/admin/moderation/settings')).statusCode).toBe(403);
        expect((await pub.s.get('/admin/moderation/settings')).statusCode).toBe(200);
      });

      it('saves the rules, audit-logs before and after, and the next submission follows them', async () => {
        await pub.s.get('/admin/moderation/settings');
        const res = await pub.s.post('/admin/moderation/settings', {
          premoderateAll: '1',
          newCommenterApprovals: '0',
          maxLinks: '3',
          suspectWords: 'refund\nwire transfer',
          bannedWords: 'scam, fraudster',
          profanity: 'mask',
          reportThreshold: '2',
        });
        expect(res.headers.location).toBe('/admin/moderation/settings?saved=1');
        expect(await getModerationSettings(db())).toEqual({
          premoderateAll: true,
          newCommenterApprovals: 0,
          maxLinks: 3,
          suspectWords: ['refund', 'wire transfer'],
          bannedWords: ['scam', 'fraudster'],
          profanity: 'mask',
          reportThreshold: 2,
        });
        const [entry] = await auditOf(db(), 'setting', 'moderation');
        expect(entry).toMatchObject({
          actor: pub.id,
          action: 'moderation.settings.update',
          before: { premoderateAll: false, newCommenterApprovals: 1 },
          after: { premoderateAll: true, bannedWords: ['scam', 'fraudster'] },
        });
        expect(await verdict(submission({ text: 'A total scam' }))).toMatchObject({ action: 'reject' });
        expect(await verdict(submission({ text: 'Fine words' }))).toEqual({
          action: 'hold',
          reason: 'every comment is pre-moderated',
        });
        const unchanged = await pub.s.post('/admin/moderation/settings', {
          premoderateAll: '1',
          newCommenterApprovals: '0',
          maxLinks: '3',
          suspectWords: 'refund\nwire transfer',
          bannedWords: 'scam\nfraudster',
          profanity: 'mask',
          reportThreshold: '2',
        });
        expect(unchanged.headers.location).toBe('/admin/moderation/settings?saved=0');
        expect(await auditOf(db(), 'setting', 'moderation')).toHaveLength(1);
      });

      it('refuses out-of-range numbers with a message per field, saving nothing', async () => {
        const before = await getModerationSettings(db());
        await pub.s.get('/admin/moderation/settings');
        const res = await pub.s.post('/admin/moderation/settings', {
          newCommenterApprovals: '-1',
          maxLinks: 'lots',
          suspectWords: '',
          bannedWords: '',
          profanity: 'hold',
          reportThreshold: '0',
        });
        expect(res.statusCode).toBe(422);
        expect(res.body).toContain('Some rules need fixing; nothing was saved.');
        expect(res.body.match(/Enter a whole number from/g)).toHaveLength(3);
        expect(res.body).toContain('value="lots"');
        expect(await getModerationSettings(db())).toEqual(before);
      });
    });

    describe('the audit log page', () => {
      it('shows moderator actions with who, what and the change; moderators see the discussion only', async () => {
        const id = await addComment(db(), { articleId });
        await mod.s.get('/admin/moderation');
        await mod.s.post('/admin/moderation/act', { one: `approve:${id}` });
        const page = await mod.s.get('/admin/audit?action=comment.approve');
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('Mo Derator');
        expect(page.body).toContain(`href="/admin/moderation?status=all&amp;comment=${id}"`);
        expect(page.body).toMatch(
          /<del><span class="visually-hidden">before: <\/span>pending<\/del> → <ins><span class="visually-hidden">after: <\/span>approved<\/ins>/,
        );
        expect(page.body).not.toContain('moderation.settings.update');
        const all = await mod.s.get('/admin/audit');
        expect(all.body).not.toContain('moderation.settings.update');
        const pubPage = await pub.s.get('/admin/audit');
        expect(pubPage.body).toContain('moderation.settings.update');
        const history = await mod.s.get(`/admin/audit?subject=comment&id=${id}`);
        expect(history.body.match(/<tr id="audit-/g)).toHaveLength(1);
        const { s: editor } = await signedIn(t.app, db(), 'editor');
        expect((await editor.get('/admin/audit')).statusCode).toBe(403);
      });

      it('pages newest first with a cursor', async () => {
        for (let i = 0; i < 55; i++) {
          const id = await addComment(db(), { articleId });
          await mod.s.post('/admin/moderation/act', { one: `trash:${id}` });
        }
        const first = await mod.s.get('/admin/audit?action=comment.trash');
        expect(first.body.match(/<tr id="audit-/g)).toHaveLength(50);
        const ids = [...first.body.matchAll(/<tr id="audit-(\d+)"/g)].map((m) => Number(m[1]));
        expect(ids).toEqual([...ids].sort((a, b) => b - a));
        const next = /href="(\/admin\/audit\?action=comment\.trash&amp;before=\d+)"/
          .exec(first.body)![1]!
          .replace(/&amp;/g, '&');
        const second = await mod.s.get(next);
        expect(second.body.match(/<tr id="audit-/g)).toHaveLength(5);
      });
    });
  });
}
