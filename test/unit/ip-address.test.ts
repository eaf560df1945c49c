import { describe, expect, it } from 'vitest';
import { hashIp, normalizeIp } from '../../src/lib/ip-address.js';

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
