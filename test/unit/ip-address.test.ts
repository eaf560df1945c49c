import { describe, expect, it } from 'vitest';
import { hashIp, hashNetwork, networkOf, normalizeIp } from '../../src/lib/ip-address.js';
import { mailboxOf } from '../../src/lib/mailbox.js';

describe('normalizeIp', () => {
  it('gives every spelling of one address the same text', () => {
    expect(normalizeIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(normalizeIp('2001:db8::1')).toBe('2001:db8::1');
    expect(normalizeIp('[2001:db8::1]')).toBe('2001:db8::1');
    expect(normalizeIp('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeIp('0:0:0:0:0:FFFF:CB00:7107')).toBe('203.0.113.7');
    expect(normalizeIp(' 203.0.113.7 ')).toBe('203.0.113.7');
    expect(normalizeIp('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeIp('::1')).toBe('::1');
    expect(hashIp('k'.repeat(32), '2001:DB8:0:0:0:0:0:1')).toBe(hashIp('k'.repeat(32), '2001:db8::1'));
  });

  it('leaves what is not an address recognisable but never throws', () => {
    expect(normalizeIp('Not-An-IP')).toBe('not-an-ip');
    expect(normalizeIp('')).toBe('');
  });
});

describe('networkOf', () => {
  it('is the address itself for IPv4 and the /64 for IPv6, however spelled', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.7');
    expect(networkOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(networkOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:DB8:1:2:FFFF::1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:2::')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('::1')).toBe('0:0:0:0::/64');
    expect(networkOf('2001:db8:1:3::1')).not.toBe(networkOf('2001:db8:1:2::1'));
    const k = 'k'.repeat(32);
    expect(hashNetwork(k, '2001:db8:1:2:aaaa::1')).toBe(hashNetwork(k, '2001:db8:1:2:bbbb::9'));
    expect(hashNetwork(k, '203.0.113.7')).not.toBe(hashNetwork(k, '203.0.113.8'));
    // Not the IP hash: a network key cannot be matched against stored comment IP hashes.
    expect(hashNetwork(k, '203.0.113.7')).not.toBe(hashIp(k, '203.0.113.7'));
  });
});

describe('mailboxOf', () => {
  it('drops +tags, and Gmail dots, so one inbox has one key', () => {
    expect(mailboxOf('Ann+News@Example.org')).toBe('ann@example.org');
    expect(mailboxOf('ann@example.org')).toBe('ann@example.org');
    expect(mailboxOf('a.n.n+x@googlemail.com')).toBe('ann@gmail.com');
    expect(mailboxOf('a.n.n@example.org')).toBe('a.n.n@example.org');
    // A local part that is only a tag is left as it is.
    expect(mailboxOf('+tag@example.org')).toBe('+tag@example.org');
    expect(mailboxOf('not-an-address')).toBe('not-an-address');
  });
});
