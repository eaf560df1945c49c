/**
 * Where a webhook may be sent (SSRF). In production: https only, and never to a loopback, private,
 * link-local, CGNAT or otherwise internal address: checked on the address as typed when the publisher saves
 * it, and again on every address the name resolves to when it is sent (a name may be re-pointed at an
 * internal address after it was saved; the check runs in the socket's own lookup, so the address connected
 * to is the address checked). Outside production, http is also allowed to loopback, so a developer can
 * point a webhook at a receiver on their own machine.
 */
import dns from 'node:dns';
import net from 'node:net';
import { msg, type Message } from '../../lib/message.js';

const INTERNAL = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  INTERNAL.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  INTERNAL.addSubnet(prefix, bits, 'ipv6');

/** True for an address no webhook may reach in production. IPv4-mapped IPv6 is judged as its IPv4. */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return INTERNAL.check(mapped[1]!, 'ipv4');
  const family = net.isIP(address);
  if (family === 0) return true;
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const isLoopbackName = (host: string): boolean =>
  host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';

/** Why `raw` may not receive webhooks, or null when it may. */
export function refuseTarget(raw: string, production: boolean): Message | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return msg('webhooks.url_not_full');
  }
  if (raw.length > 2000) return msg('webhooks.url_too_long');
  if (url.username || url.password) return msg('webhooks.url_credentials');
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'http:') {
    if (production) return msg('webhooks.url_https_only');
    if (!isLoopbackName(host)) return msg('webhooks.url_http_local');
    return null;
  }
  if (url.protocol !== 'https:') return msg('webhooks.url_https_only');
  if (!production) return null;
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  const internal = msg('webhooks.url_internal');
  if (net.isIP(literal) !== 0) return isInternalAddress(literal) ? internal : null;
  if (isLoopbackName(host) || host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.'))
    return internal;
  return null;
}

/** Thrown when a name resolves to an internal address at send time. */
export class TargetRefused extends Error {}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** A socket `lookup` that refuses internal addresses (production). */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, options.all ? [] : '');
    const bad = addresses.find((a) => isInternalAddress(a.address));
    if (bad || addresses.length === 0)
      return callback(new TargetRefused(`${hostname} resolves to an internal address`), options.all ? [] : '');
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}
