/**
 * Who the client is: the one place that decides it. Fastify's `request.ip` believes `X-Forwarded-For`
 * only from the addresses in TRUSTED_PROXIES (the `trustProxy` option below, given to Fastify in app.ts)
 * and otherwise is the socket's peer. Every feature that keys on the client (the loopback check of
 * /metrics, rate limits, reader identity and vote hashing, bans, subscriptions) asks `clientAddress`,
 * never the socket or the header: behind nginx the socket is the proxy, and the header is whatever the
 * client typed unless a trusted proxy wrote it.
 */
import type { FastifyRequest } from 'fastify';
import { normalizeIp } from '../lib/ip-address.js';

/** Fastify's `trustProxy` for TRUSTED_PROXIES: the listed addresses/CIDRs, or nobody when the list is empty. */
export const trustProxyOption = (trustedProxies: readonly string[]): string[] | false =>
  trustedProxies.length > 0 ? [...trustedProxies] : false;

/** The client's address in its canonical spelling (see normalizeIp), after the trusted proxies are peeled off. */
export const clientAddress = (request: FastifyRequest): string => normalizeIp(request.ip ?? '');

/** True when the client itself (not merely the proxy in front of it) is on this machine. */
export function isLoopbackClient(request: FastifyRequest): boolean {
  const ip = clientAddress(request);
  return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}
