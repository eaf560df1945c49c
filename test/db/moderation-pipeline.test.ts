/** The moderation policy on real, migrated databases: each phase through `moderateComment` with the real policy (defaultPhases). */
import { english } from '../../src/platform/i18n.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { insertComment } from '../../src/features/comments/comment.write.repo.js';
import { insertBan } from '../../src/features/comments/moderation/ban.repo.js';
import { emailBanKey, ipBanKey } from '../../src/features/comments/moderation/ban.service.js';
import {
  DEFAULT_SETTINGS,
  SETTINGS_KEY,
  type ModerationSettings,
} from '../../src/features/comments/moderation/moderation.settings.js';
import {
  defaultPhases,
  moderateComment,
  type ModerationInput,
} from '../../src/features/comments/moderation/pipeline.js';
import { putSetting } from '../../src/platform/settings.repo.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';

const SECRET = 'pipeline-test-secret-0123456789abcdef-xyz';
const NOW = new Date('2026-12-01T12:00:00.000Z');

for (const dialect of DIALECTS) {
  describe(`moderation pipeline on ${dialect}`, () => {
    let tdb: TestDb;
    let db: Kysely<Database>;
    let articleId: number;
    let n = 0;

    /** A guest's comment with a fresh e-mail and IP unless told otherwise. */
    const input = (over: Partial<ModerationInput> = {}): ModerationInput => {
      n++;
      const email = over.authorEmail ?? `guest${n}@example.test`;
      return {
        articleId,
        authorUserId: null,
        authorName: 'Guest Reader',
        authorEmail: email,
        emailHash: emailBanKey(SECRET, email),
        ipHash: ipBanKey(SECRET, `198.51.100.${n % 250}`),
        text: 'A thoughtful remark.',
        html: '<p>A thoughtful remark.</p>',
        linkCount: 0,
        isStaff: false,
        ...over,
      };
    };
    const settings = (s: Partial<ModerationSettings>) =>
      putSetting(db, SETTINGS_KEY, { ...DEFAULT_SETTINGS, newCommenterApprovals: 0, ...s }, NOW);
    const phases = defaultPhases();
    const wordLists = new Map();
    /** The outcome, its reason (a catalogue message, shown in the queue in the site's language) in English. */
    const run = async (i: ModerationInput) => {
      const out = await moderateComment(i, { db, now: NOW, wordLists }, phases);
      return { ...out, verdict: { ...out.verdict, reason: english(out.verdict.reason) } };
    };
    const approvedComment = (who: { userId?: number; email?: string }) =>
      insertComment(db, {
        articleId,
        parentId: null,
        threadId: null,
        depth: 0,
        replyToName: null,
        authorUserId: who.userId ?? null,
        authorName: 'Someone',
        authorEmail: who.email ?? null,
        ipHash: null,
        bodyHtml: '<p>ok</p>',
        status: 'approved',
        editTokenHash: null,
        createdAt: NOW.toISOString(),
      });

    beforeAll(async () => {
      tdb = await createTestDb(dialect);
      db = tdb.db.kysely;
      articleId = (await makeArticle(db)).id;
    });
    afterAll(async () => {
      await tdb.drop();
    });
    beforeEach(async () => {
      await settings({});
    });

    it('approves an ordinary comment when no rule holds it', async () => {
      expect((await run(input())).verdict.action).toBe('approve');
    });

    describe('bans', () => {
      const ban = (kind: 'user' | 'email' | 'ip', value: string, expiresAt: string | null) =>
        insertBan(db, { kind, value, reason: 'trolling', expiresAt, createdBy: null, createdAt: NOW.toISOString() });

      it('rejects a banned account', async () => {
        const u = await makeUser(db);
        await ban('user', String(u.id), null);
        const out = await run(input({ authorUserId: u.id, authorName: 'Banned Account' }));
        expect(out.verdict.action).toBe('reject');
        expect(out.verdict.action === 'reject' && english(out.verdict.message)).toBe(
          'You can no longer comment on this site.',
        );
      });

      it('rejects a banned e-mail address (by its hash), whatever the IP', async () => {
        await ban('email', emailBanKey(SECRET, 'troll@example.test'), '2026-12-08T00:00:00.000Z');
        const out = await run(
          input({ authorEmail: 'troll@example.test', emailHash: emailBanKey(SECRET, ' Troll@Example.test ') }),
        );
        expect(out.verdict.action).toBe('reject');
        expect(out.verdict.action === 'reject' && english(out.verdict.message)).toContain(
          'until December 8, 2026, 12:00 AM UTC',
        );
      });

      it('rejects a banned IP (by its hash), whatever the e-mail', async () => {
        await ban('ip', ipBanKey(SECRET, '203.0.113.66'), null);
        expect((await run(input({ ipHash: ipBanKey(SECRET, '203.0.113.66') }))).verdict.action).toBe('reject');
      });

      it('ignores expired and lifted bans', async () => {
        await ban('ip', ipBanKey(SECRET, '203.0.113.77'), '2026-12-01T11:59:59.000Z');
        const lifted = await ban('ip', ipBanKey(SECRET, '203.0.113.78'), null);
        await db.updateTable('bans').set({ lifted_at: NOW.toISOString() }).where('id', '=', lifted).execute();
        expect((await run(input({ ipHash: ipBanKey(SECRET, '203.0.113.77') }))).verdict.action).toBe('approve');
        expect((await run(input({ ipHash: ipBanKey(SECRET, '203.0.113.78') }))).verdict.action).toBe('approve');
      });

      it('rejects banned staff too (the ban comes before the staff pass)', async () => {
        await ban('ip', ipBanKey(SECRET, '203.0.113.79'), null);
        expect((await run(input({ isStaff: true, ipHash: ipBanKey(SECRET, '203.0.113.79') }))).verdict.action).toBe(
          'reject',
        );
      });
    });

    describe('word lists', () => {
      it('passes "Scunthorpe", "classic" and "assessment" with the obvious words on both lists and profanity on', async () => {
        await settings({ bannedWords: ['cunt', 'ass'], suspectWords: ['shit', 'hell'], profanity: 'hold' });
        const text =
          'Scunthorpe United had a classic season; the assessment in Hellertown and Cockburn agrees. Shitake soup!';
        const out = await run(input({ text, html: `<p>${text}</p>` }));
        expect(out.verdict.action).toBe('approve');
        expect(out.html).toBe(`<p>${text}</p>`);
      });

      it('rejects a banned word with a message naming it, matching whole words in any case or width', async () => {
        await settings({ bannedWords: ['Crypto giveaway', 'scam'] });
        const out = await run(input({ text: 'This is a ＳＣＡＭ, obviously.' }));
        expect(out.verdict.action).toBe('reject');
        expect(out.verdict.action === 'reject' && english(out.verdict.message)).toBe(
          'Your comment was not posted: “scam” is not allowed here. Please remove it and try again.',
        );
        const phrase = await run(input({ text: 'Join my CRYPTO   giveaway now' }));
        expect(phrase.verdict).toMatchObject({ action: 'reject', reason: 'banned word “Crypto giveaway”' });
        expect((await run(input({ text: 'scampi and crypto, no giveaway' }))).verdict.action).toBe('approve');
      });

      it("rejects a banned word in the commenter's name", async () => {
        await settings({ bannedWords: ['scam'] });
        const out = await run(input({ authorName: 'Scam Bot' }));
        expect(out.verdict.action === 'reject' && english(out.verdict.message)).toContain('your name contains “scam”');
      });

      it('holds a suspect word, whole-word and Unicode-aware', async () => {
        await settings({ suspectWords: ['idiot', 'straße', 'मूर्ख'] });
        expect((await run(input({ text: 'What an IDIOT.' }))).verdict).toEqual({
          action: 'hold',
          reason: 'suspect word “idiot”',
        });
        expect((await run(input({ text: 'Idiotic? No, idiosyncratic.' }))).verdict.action).toBe('approve');
        expect((await run(input({ text: 'Die STRASSE ist gesperrt' }))).verdict).toMatchObject({ action: 'hold' });
        expect((await run(input({ text: 'वह मूर्ख है' }))).verdict).toMatchObject({ action: 'hold' });
        expect((await run(input({ text: 'वह मूर्खता है' }))).verdict.action).toBe('approve');
      });
    });

    describe('profanity', () => {
      it('holds profanity when the setting is hold', async () => {
        await settings({ profanity: 'hold' });
        expect((await run(input({ text: 'what a load of shit', html: '<p>what a load of shit</p>' }))).verdict).toEqual(
          { action: 'hold', reason: 'profanity' },
        );
      });

      it('masks profanity in the stored HTML (and not in tags) when the setting is mask', async () => {
        await settings({ profanity: 'mask' });
        const out = await run(
          input({
            text: 'fuuuck this & that shit',
            html: '<p><a href="https://example.test/shit" rel="nofollow">fuuuck</a> this &amp; that shit</p>',
            linkCount: 1,
          }),
        );
        expect(out.verdict.action).toBe('approve');
        expect(out.html).toBe(
          '<p><a href="https://example.test/shit" rel="nofollow">f***</a> this &amp; that s***</p>',
        );
      });

      it('holds in mask mode what a tag split in two, and a profane name', async () => {
        await settings({ profanity: 'mask' });
        expect((await run(input({ text: 'fuck', html: '<p>f<em>uck</em></p>' }))).verdict).toMatchObject({
          action: 'hold',
        });
        expect((await run(input({ authorName: 'Shithead' }))).verdict).toEqual({
          action: 'hold',
          reason: 'profanity in the name',
        });
      });

      it('lets profanity through untouched when the setting is off', async () => {
        await settings({ profanity: 'off' });
        const out = await run(input({ text: 'shit happens', html: '<p>shit happens</p>' }));
        expect(out).toEqual({ verdict: { action: 'approve', reason: 'no rule held it' }, html: '<p>shit happens</p>' });
      });
    });

    describe('holding rules', () => {
      it('holds more links than allowed', async () => {
        await settings({ maxLinks: 2 });
        expect((await run(input({ linkCount: 2 }))).verdict.action).toBe('approve');
        expect((await run(input({ linkCount: 3 }))).verdict).toEqual({
          action: 'hold',
          reason: '3 links (more than 2)',
        });
      });

      it('holds every comment when pre-moderating all, but waves staff through', async () => {
        await settings({ premoderateAll: true });
        expect((await run(input())).verdict).toEqual({ action: 'hold', reason: 'every comment is pre-moderated' });
        expect((await run(input({ isStaff: true }))).verdict).toEqual({ action: 'approve', reason: 'staff' });
      });

      it('holds a first-time commenter until N of their comments were approved', async () => {
        await settings({ newCommenterApprovals: 2 });
        const guest = 'newcomer@example.test';
        expect((await run(input({ authorEmail: guest }))).verdict).toEqual({
          action: 'hold',
          reason: 'new commenter (0 of 2 approved)',
        });
        await approvedComment({ email: guest });
        expect((await run(input({ authorEmail: guest }))).verdict).toEqual({
          action: 'hold',
          reason: 'new commenter (1 of 2 approved)',
        });
        await approvedComment({ email: guest });
        expect((await run(input({ authorEmail: guest }))).verdict.action).toBe('approve');

        const reader = await makeUser(db);
        expect((await run(input({ authorUserId: reader.id, authorEmail: reader.email }))).verdict.action).toBe('hold');
        await approvedComment({ userId: reader.id });
        await approvedComment({ userId: reader.id });
        expect((await run(input({ authorUserId: reader.id, authorEmail: reader.email }))).verdict.action).toBe(
          'approve',
        );
      });

      it('holds a first comment with the default settings', async () => {
        await db.deleteFrom('settings').where('key', '=', SETTINGS_KEY).execute();
        expect((await run(input())).verdict).toEqual({ action: 'hold', reason: 'new commenter (0 of 1 approved)' });
      });
    });
  });
}
