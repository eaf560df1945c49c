/**
 * One spelling per client address, so that every hash of it (comments' `ip_hash`, IP bans, voter and
 * reporter keys) agrees: `2001:DB8:0:0:0:0:0:1` and `2001:db8::1` are one IPv6 address, and a dual-stack
 * server sees an IPv4 client as `::ffff:203.0.113.7`, which is `203.0.113.7`.
 */
import { isIPv4, isIPv6, SocketAddress } from 'node:net';
import { hmac } from './crypto.js';

/** The canonical text of an IP address (RFC 5952 for IPv6, dotted quad for IPv4 and IPv4-mapped IPv6); anything else trimmed and lower-cased. */
export function normalizeIp(raw: string): string {
  // A zone (`fe80::1%eth0`) names the host's interface, not the client; brackets come from URLs.
  const ip = raw
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return raw.trim().toLowerCase();
  const canonical = new SocketAddress({ address: ip, family: 'ipv6' }).address;
  const mapped = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(canonical);
  return mapped ? mapped[1]! : canonical;
}

/** hmac(secret, normalized IP): the only form in which a client address is stored or compared. */
export const hashIp = (secret: string, ip: string): string => hmac(secret, normalizeIp(ip));

/**
 * The network a client controls as a whole: an IPv4 address itself, and for IPv6 its /64 — one customer's
 * allocation, inside which a client may pick any of 2^64 addresses. Limits that must not be dodged by
 * changing address (mail a stranger can cause) count per network.
 */
export function networkOf(raw: string): string {
  const ip = normalizeIp(raw);
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** hmac(secret, networkOf(ip)): the key of per-network limits. */
export const hashNetwork = (secret: string, ip: string): string => hmac(secret, `net|${networkOf(ip)}`);
