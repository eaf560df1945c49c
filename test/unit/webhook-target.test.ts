/** Where webhooks may go (SSRF), and the Standard Webhooks signature against the spec's published example. */
import { describe, expect, it } from 'vitest';
import { postWebhook } from '../../src/features/webhooks/webhook-sender.js';
import { signWebhook } from '../../src/features/webhooks/webhook-signature.js';
import { english } from '../../src/platform/i18n.js';
import { guardedLookup, isInternalAddress, refuseTarget } from '../../src/features/webhooks/webhook-target.js';

/** The refusal in English (a catalogue message, or none). */
const englishOf = (x: Parameters<typeof english>[0] | null) => (x === null ? null : english(x));

describe('webhook targets', () => {
  it('refuses loopback, private, link-local and internal addresses in production', () => {
    for (const url of [
      'https://localhost/hook',
      'https://app.localhost/hook',
      'https://127.0.0.1/hook',
      'https://10.1.2.3/hook',
      'https://172.16.0.9/hook',
      'https://192.168.1.1/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/hook',
      'https://0.0.0.0/hook',
      'https://[::1]/hook',
      'https://[fd00::1]/hook',
      'https://[fe80::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://printer.local/hook',
      'https://intranet/hook',
    ])
      expect(englishOf(refuseTarget(url, true)), url).toMatch(/internal network/);
  });

  it('accepts public https addresses in production, and only https', () => {
    expect(refuseTarget('https://hooks.example.com/broadsheet', true)).toBeNull();
    expect(refuseTarget('https://93.184.216.34/hook', true)).toBeNull();
    expect(refuseTarget('https://[2606:4700::1111]/hook', true)).toBeNull();
    expect(englishOf(refuseTarget('http://hooks.example.com/broadsheet', true))).toMatch(/https only/);
    expect(englishOf(refuseTarget('http://127.0.0.1:8080/hook', true))).toMatch(/https only/);
    expect(englishOf(refuseTarget('ftp://example.com/', true))).toMatch(/https only/);
    expect(englishOf(refuseTarget('https://user:pw@example.com/', true))).toMatch(/user name/);
  });

  it('allows http to loopback outside production, and nowhere else', () => {
    expect(refuseTarget('http://127.0.0.1:8080/hook', false)).toBeNull();
    expect(refuseTarget('http://localhost:8080/hook', false)).toBeNull();
    expect(englishOf(refuseTarget('http://example.com/hook', false))).toMatch(/only to this machine/);
    expect(refuseTarget('https://192.168.1.1/hook', false)).toBeNull();
  });

  it('judges resolved addresses, IPv4-mapped IPv6 as IPv4', () => {
    expect(isInternalAddress('127.0.0.1')).toBe(true);
    expect(isInternalAddress('::ffff:10.0.0.1')).toBe(true);
    expect(isInternalAddress('8.8.8.8')).toBe(false);
    expect(isInternalAddress('2606:4700::1111')).toBe(false);
    expect(isInternalAddress('not-an-ip')).toBe(true);
  });

  it('refuses, at connect time, a name that resolves to an internal address', async () => {
    const err = await new Promise<Error | null>((resolve) => guardedLookup('localhost', {}, (e) => resolve(e)));
    expect(err?.message).toMatch(/internal address/);
    const out = await postWebhook('https://localhost/hook', {}, '{}', { production: true, timeoutMs: 1000 });
    expect(out).toMatchObject({ ok: false, permanent: true, status: null });
  });
});

describe('Standard Webhooks signature', () => {
  it('matches the example of the specification', () => {
    // https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
    const headers = signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(1614265330 * 1000),
      '{"test": 2432232314}',
    );
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });
});
