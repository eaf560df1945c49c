import { describe, expect, it } from 'vitest';
import { maskAddress } from '../../src/features/mail/mail-admin.service.js';
import { backoffDelay, OUTBOX_POLICY } from '../../src/platform/outbox.service.js';
import {
  hashConfirmToken,
  manageToken,
  MANAGE_TTL_MS,
  newConfirmToken,
  unsubscribeToken,
  verifyManageToken,
  verifyUnsubscribeToken,
} from '../../src/features/subscriptions/subscription-links.js';
import { excerptOf } from '../../src/features/subscriptions/subscription-mail.js';
import { normalizeEmail } from '../../src/features/subscriptions/subscription.service.js';
import { notifyChoice } from '../../src/features/subscriptions/views/NotifyOfFields.js';

const KEY = 'k'.repeat(40);
const NOW = new Date('2026-11-25T10:00:00Z');

describe('subscription links', () => {
  it('accepts an unsubscribe token only for the subscription and key it was made with', () => {
    const token = unsubscribeToken(KEY, 42);
    expect(verifyUnsubscribeToken(KEY, token)).toBe(42);
    expect(verifyUnsubscribeToken('x'.repeat(40), token)).toBeNull();
    expect(verifyUnsubscribeToken(KEY, token.replace(/^42\./, '43.'))).toBeNull();
    expect(verifyUnsubscribeToken(KEY, `${token}0`)).toBeNull();
    expect(verifyUnsubscribeToken(KEY, '42')).toBeNull();
  });

  it('expires manage tokens and refuses tampered expiries', () => {
    const token = manageToken(KEY, 7, NOW);
    expect(verifyManageToken(KEY, token, NOW)).toEqual({ ok: true, subscriptionId: 7 });
    expect(verifyManageToken(KEY, token, new Date(NOW.getTime() + MANAGE_TTL_MS + 1000))).toEqual({
      ok: false,
      reason: 'expired',
    });
    const [id, exp, mac] = token.split('.');
    expect(verifyManageToken(KEY, `${id}.${Number(exp) + 86400}.${mac}`, NOW)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    // An unsubscribe token is not a manage token.
    expect(verifyManageToken(KEY, unsubscribeToken(KEY, 7), NOW).ok).toBe(false);
  });

  it('stores only the hash of a confirmation token', () => {
    const { token, hash } = newConfirmToken();
    expect(hash).not.toContain(token);
    expect(hashConfirmToken(token)).toBe(hash);
    expect(token.length).toBeGreaterThanOrEqual(32);
  });
});

describe('mail helpers', () => {
  it('waits base·2^(n−1) with ±25% jitter, capped', () => {
    const p = { baseDelayMs: 1000, maxDelayMs: 10_000 };
    expect(backoffDelay(1, p, () => 0.5)).toBe(1000);
    expect(backoffDelay(3, p, () => 0.5)).toBe(4000);
    expect(backoffDelay(3, p, () => 0)).toBe(3000);
    expect(backoffDelay(3, p, () => 0.999)).toBeLessThan(5000);
    expect(backoffDelay(20, p, () => 0.5)).toBe(10_000);
    expect(OUTBOX_POLICY.maxAttempts).toBe(8);
  });

  it('turns comment HTML into a short plain excerpt', () => {
    expect(excerptOf('<p>Fish &amp; chips &lt;3</p><p>Second&nbsp;para &#8212; end</p>')).toBe(
      'Fish & chips <3 Second para — end',
    );
    const long = excerptOf(`<p>${'word '.repeat(200)}</p>`, 50);
    expect(long.length).toBeLessThanOrEqual(51);
    expect(long.endsWith('…')).toBe(true);
  });

  it('masks addresses on the admin page', () => {
    expect(maskAddress('jane.doe@mail.example')).toBe('j•••@mail.example');
    expect(maskAddress('nonsense')).toBe('•••');
  });

  it('normalizes addresses and refuses malformed ones', () => {
    expect(normalizeEmail('  Ada@Example.TEST ')).toBe('ada@example.test');
    for (const bad of [
      '',
      'ada',
      'ada@',
      '@example.test',
      'a b@example.test',
      'ada@example',
      `${'a'.repeat(250)}@example.test`,
    ]) {
      expect(() => normalizeEmail(bad)).toThrow(/valid e-mail/);
    }
  });

  it('reads the "Notify of" choice of a comment form', () => {
    expect(notifyChoice({})).toBeNull();
    expect(notifyChoice({ notifyKind: 'all' })).toBeNull();
    expect(notifyChoice({ notify: '1', notifyKind: 'all' })).toBe('all');
    expect(notifyChoice({ notify: '1' })).toBe('replies');
  });
});
